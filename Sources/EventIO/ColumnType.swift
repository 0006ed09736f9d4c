/// The element type of a column in a DarkScan store. Raw values are the type names written in the
/// header (see docs/native-format.md); all types are stored little-endian.
public enum ColumnType: String, Sendable, Codable, CaseIterable, Hashable {
    case i8, u8, i32, i64, f32, f64

    /// Size of one element in bytes.
    public var byteWidth: Int {
        switch self {
        case .i8, .u8: 1
        case .i32, .f32: 4
        case .i64, .f64: 8
        }
    }
}
