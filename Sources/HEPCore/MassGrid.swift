import RealModule

/// A grid of mediator masses in GeV: `count` points from `start` to `stop` inclusive, equally spaced
/// in the mass itself (linear) or in its logarithm (log). Every per-mass quantity of an analysis is a
/// column indexed by such a grid.
public struct MassGrid: Hashable, Sendable, Codable {
    /// How points are spaced.
    public enum Spacing: String, Hashable, Sendable, Codable, CaseIterable {
        case linear, log
    }

    public let start: Double
    public let stop: Double
    public let count: Int
    public let spacing: Spacing

    /// A grid of `count` >= 1 masses from `start` to `stop` (GeV, 0 < start <= stop, start == stop
    /// only for a single point).
    public init(start: Double, stop: Double, count: Int, spacing: Spacing) throws(HEPCoreError) {
        try HEPCoreError.requireFinite(start, "first mass of the grid (GeV)")
        try HEPCoreError.requireFinite(stop, "last mass of the grid (GeV)")
        guard start > 0 else { throw .outOfRange(quantity: "first mass of the grid (GeV)", value: start, allowed: "> 0") }
        guard stop >= start else { throw .outOfRange(quantity: "last mass of the grid (GeV)", value: stop, allowed: ">= first mass \(start)") }
        guard count >= 1 else { throw .outOfRange(quantity: "number of masses", value: Double(count), allowed: ">= 1") }
        guard count == 1 || stop > start else {
            throw .outOfRange(quantity: "last mass of the grid (GeV)", value: stop, allowed: "> first mass when the grid has several points")
        }
        self.start = start
        self.stop = stop
        self.count = count
        self.spacing = spacing
    }

    /// Parses "START:STOP:COUNT" (masses in GeV), e.g. "0.01:10:200".
    public init(parsing text: String, spacing: Spacing) throws(HEPCoreError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let expected = "START:STOP:COUNT with masses in GeV and an integer count, e.g. 0.01:10:200"
        guard parts.count == 3, let a = Double(parts[0]), let b = Double(parts[1]), let n = Int(parts[2]) else {
            throw .malformed(what: "mass scan", text: text, expected: expected)
        }
        try self.init(start: a, stop: b, count: n, spacing: spacing)
    }

    /// The masses in GeV, first and last exactly `start` and `stop`. Interior points are rounded to
    /// 12 significant digits, so that a log grid's decade points print as 0.1, 1, ... rather than
    /// 0.10000000000000002 (a change far below any mass resolution).
    public var masses: [Double] {
        guard count > 1 else { return [start] }
        return (0..<count).map { i in
            if i == 0 { return start }
            if i == count - 1 { return stop }
            let t = Double(i) / Double(count - 1)
            switch spacing {
            case .linear: return Self.round12(start + t * (stop - start))
            case .log: return Self.round12(Double.exp(Double.log(start) + t * (Double.log(stop) - Double.log(start))))
            }
        }
    }

    /// `x` rounded to 12 significant digits.
    static func round12(_ x: Double) -> Double {
        guard x != 0, x.isFinite else { return x }
        let scale = Double.pow(10, 11 - Double.log10(abs(x)).rounded(.down))
        return (x * scale).rounded() / scale
    }

    /// A one-line statement of the grid for output headers, e.g. "200 masses from 0.01 to 10 GeV,
    /// log-spaced".
    public var summary: String {
        count == 1 ? "1 mass, \(start) GeV"
            : "\(count) masses from \(start) to \(stop) GeV, \(spacing == .log ? "log" : "linearly")-spaced"
    }
}
