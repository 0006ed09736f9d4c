/// A Swift type that a ROOT basic type decodes into, from the big-endian bytes of a basket.
protocol ROOTElement: Sendable {
    static var rootType: ROOTBasicType { get }
    /// Decodes `count` big-endian values at `source` into `destination`.
    static func decodeBigEndian(_ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<Self>, count: Int)
    /// Encodes `count` values into big-endian bytes at `destination`.
    static func encodeBigEndian(_ source: UnsafePointer<Self>, into destination: UnsafeMutableRawPointer, count: Int)
    static func wrap(_ values: [Self]) -> ROOTArray
    /// Big-endian bytes of the smallest and largest of `values` (zeros when empty).
    static func extremaBytes(_ values: [Self]) -> [UInt8]
}

extension ROOTElement where Self: FixedWidthInteger {
    static func decodeBigEndian(_ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<Self>, count: Int) {
        let size = MemoryLayout<Self>.size
        for i in 0..<count {
            (destination + i).initialize(to: Self(bigEndian: source.loadUnaligned(fromByteOffset: i * size, as: Self.self)))
        }
    }

    static func encodeBigEndian(_ source: UnsafePointer<Self>, into destination: UnsafeMutableRawPointer, count: Int) {
        let size = MemoryLayout<Self>.size
        for i in 0..<count { destination.storeBytes(of: source[i].bigEndian, toByteOffset: i * size, as: Self.self) }
    }
}

extension Int8: ROOTElement {
    static var rootType: ROOTBasicType { .int8 }
    static func wrap(_ values: [Int8]) -> ROOTArray { .int8(values) }
}

extension UInt8: ROOTElement {
    static var rootType: ROOTBasicType { .uint8 }
    static func wrap(_ values: [UInt8]) -> ROOTArray { .uint8(values) }
}

extension Int16: ROOTElement {
    static var rootType: ROOTBasicType { .int16 }
    static func wrap(_ values: [Int16]) -> ROOTArray { .int16(values) }
}

extension UInt16: ROOTElement {
    static var rootType: ROOTBasicType { .uint16 }
    static func wrap(_ values: [UInt16]) -> ROOTArray { .uint16(values) }
}

extension Int32: ROOTElement {
    static var rootType: ROOTBasicType { .int32 }
    static func wrap(_ values: [Int32]) -> ROOTArray { .int32(values) }
}

extension UInt32: ROOTElement {
    static var rootType: ROOTBasicType { .uint32 }
    static func wrap(_ values: [UInt32]) -> ROOTArray { .uint32(values) }
}

extension Int64: ROOTElement {
    static var rootType: ROOTBasicType { .int64 }
    static func wrap(_ values: [Int64]) -> ROOTArray { .int64(values) }
}

extension UInt64: ROOTElement {
    static var rootType: ROOTBasicType { .uint64 }
    static func wrap(_ values: [UInt64]) -> ROOTArray { .uint64(values) }
}

extension Bool: ROOTElement {
    static var rootType: ROOTBasicType { .bool }
    static func wrap(_ values: [Bool]) -> ROOTArray { .bool(values) }
    static func extremaBytes(_ values: [Bool]) -> [UInt8] {
        values.isEmpty ? [0, 0] : [values.contains(false) ? 0 : 1, values.contains(true) ? 1 : 0]
    }
    static func decodeBigEndian(_ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<Bool>, count: Int) {
        for i in 0..<count { (destination + i).initialize(to: source.load(fromByteOffset: i, as: UInt8.self) != 0) }
    }
    static func encodeBigEndian(_ source: UnsafePointer<Bool>, into destination: UnsafeMutableRawPointer, count: Int) {
        for i in 0..<count { destination.storeBytes(of: source[i] ? 1 : 0, toByteOffset: i, as: UInt8.self) }
    }
}

extension Float: ROOTElement {
    static var rootType: ROOTBasicType { .float32 }
    static func wrap(_ values: [Float]) -> ROOTArray { .float32(values) }
    static func decodeBigEndian(_ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            (destination + i).initialize(to: Float(bitPattern: UInt32(bigEndian: source.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))))
        }
    }
    static func encodeBigEndian(_ source: UnsafePointer<Float>, into destination: UnsafeMutableRawPointer, count: Int) {
        for i in 0..<count { destination.storeBytes(of: source[i].bitPattern.bigEndian, toByteOffset: 4 * i, as: UInt32.self) }
    }
}

extension Double: ROOTElement {
    static var rootType: ROOTBasicType { .float64 }
    static func wrap(_ values: [Double]) -> ROOTArray { .float64(values) }
    static func decodeBigEndian(_ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count {
            (destination + i).initialize(to: Double(bitPattern: UInt64(bigEndian: source.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))))
        }
    }
    static func encodeBigEndian(_ source: UnsafePointer<Double>, into destination: UnsafeMutableRawPointer, count: Int) {
        for i in 0..<count { destination.storeBytes(of: source[i].bitPattern.bigEndian, toByteOffset: 8 * i, as: UInt64.self) }
    }
}

extension ROOTArray {
    /// Calls `body` with the values as their Swift element type.
    func withElements<R>(_ body: (any ROOTElementArray) -> R) -> R {
        switch self {
        case .bool(let v): body(v)
        case .int8(let v): body(v)
        case .uint8(let v): body(v)
        case .int16(let v): body(v)
        case .uint16(let v): body(v)
        case .int32(let v): body(v)
        case .uint32(let v): body(v)
        case .int64(let v): body(v)
        case .uint64(let v): body(v)
        case .float32(let v): body(v)
        case .float64(let v): body(v)
        }
    }
}

/// An array of ROOT elements, for writers that handle every type alike.
protocol ROOTElementArray {
    var count: Int { get }
    /// Big-endian bytes of the values `range`.
    func bigEndianBytes(_ range: Range<Int>) -> [UInt8]
    /// Big-endian bytes of the smallest and the largest value (zeros when empty): a TLeaf's
    /// fMinimum and fMaximum.
    func minimumMaximumBytes() -> [UInt8]
}

extension ROOTElement where Self: Comparable {
    static func extremaBytes(_ values: [Self]) -> [UInt8] {
        var low = values.first, high = values.first
        for v in values {
            if let l = low, v < l { low = v }
            if let h = high, v > h { high = v }
        }
        guard let low, let high else { return [UInt8](repeating: 0, count: 2 * MemoryLayout<Self>.size) }
        return [low, high].bigEndianBytes(0..<2)
    }
}

extension Array: ROOTElementArray where Element: ROOTElement {
    func bigEndianBytes(_ range: Range<Int>) -> [UInt8] {
        let size = MemoryLayout<Element>.size
        return [UInt8](unsafeUninitializedCapacity: range.count * size) { buffer, initialized in
            withUnsafeBufferPointer { values in
                if let base = values.baseAddress, let out = buffer.baseAddress, !range.isEmpty {
                    Element.encodeBigEndian(base + range.lowerBound, into: UnsafeMutableRawPointer(out), count: range.count)
                }
            }
            initialized = range.count * size
        }
    }

    func minimumMaximumBytes() -> [UInt8] { Element.extremaBytes(self) }
}
