import Foundation

extension Plot {
    /// The SVG elements of one series (lengths already checked by `validateSeries`).
    func drawSeries(_ s: Series, _ l: Layout) -> String {
        switch s {
        case let .line(xs, ys, stroke):
            let d = polyline(xs, ys, l)
            return d.isEmpty ? "" : "<path d=\"\(d)\" fill=\"none\" \(strokeAttributes(stroke))/>\n"
        case let .band(xs, low, high, color, opacity):
            let d = bandPath(xs, low, high, l)
            return d.isEmpty ? "" : "<path d=\"\(d)\" fill=\"\(XML.escape(color))\" fill-opacity=\"\(self.opacity(opacity))\" stroke=\"none\"/>\n"
        case let .points(xs, ys, errors, color, marker):
            return drawPoints(xs, ys, errors, color, marker, l)
        case let .stacked(edges, stacks):
            let tops = Self.stackTops(stacks, bins: max(edges.count - 1, 0))
            var out = ""
            for (i, stack) in stacks.enumerated() {
                let lower = i == 0 ? nil : tops[i - 1]
                let bins = edges.indices.dropLast().map { j -> (Double, Double)? in
                    guard stack.counts[j].isFinite, l.y.accepts(tops[i][j]) else { return nil }
                    let bottom = lower.map { l.y.accepts($0[j]) ? l.y.pixel($0[j]) : l.y.baseline } ?? l.y.baseline
                    return (bottom, l.y.pixel(tops[i][j]))
                }
                let d = stepArea(edges, bins, l)
                if !d.isEmpty { out += "<path d=\"\(d)\" fill=\"\(XML.escape(stack.color))\" stroke=\"none\"/>\n" }
            }
            return out
        case let .step(edges, counts, stroke):
            let tops = counts.map { l.y.accepts($0) ? l.y.pixel($0) : nil }
            let d = stepOutline(edges, tops, l)
            return d.isEmpty ? "" : "<path d=\"\(d)\" fill=\"none\" \(strokeAttributes(stroke))/>\n"
        }
    }

    /// Path data through the drawable points, starting a new subpath after each skipped point.
    private func polyline(_ xs: [Double], _ ys: [Double], _ l: Layout) -> String {
        var d = "", pending = "M"
        for (x, y) in zip(xs, ys) {
            guard l.x.accepts(x), l.y.accepts(y) else { pending = "M"; continue }
            d += "\(pending)\(f(l.x.pixel(x))) \(f(l.y.pixel(y)))"
            pending = "L"
        }
        return d
    }

    /// Closed polygons between the low and high curves, one per run of drawable points.
    private func bandPath(_ xs: [Double], _ low: [Double], _ high: [Double], _ l: Layout) -> String {
        var d = "", run: [(x: Double, lo: Double, hi: Double)] = []
        func close() {
            if run.count >= 2 {
                d += "M" + run.map { "\(f($0.x)) \(f($0.hi))" }.joined(separator: "L")
                d += "L" + run.reversed().map { "\(f($0.x)) \(f($0.lo))" }.joined(separator: "L") + "Z"
            }
            run.removeAll()
        }
        for i in xs.indices {
            guard l.x.accepts(xs[i]), l.y.accepts(low[i]), l.y.accepts(high[i]) else { close(); continue }
            run.append((l.x.pixel(xs[i]), l.y.pixel(low[i]), l.y.pixel(high[i])))
        }
        close()
        return d
    }

    /// Filled step areas: `bins[j]` holds the bottom and top pixel of bin j, or nil to leave it out.
    private func stepArea(_ edges: [Double], _ bins: [(Double, Double)?], _ l: Layout) -> String {
        var d = ""
        for run in runs(edges, bins.map { $0 != nil }, l) {
            var upper: [String] = [], lower: [String] = []
            for j in run {
                guard let (bottom, top) = bins[j] else { continue }
                let x0 = f(l.x.pixel(edges[j])), x1 = f(l.x.pixel(edges[j + 1]))
                upper += ["\(x0) \(f(top))", "\(x1) \(f(top))"]
                lower += ["\(x0) \(f(bottom))", "\(x1) \(f(bottom))"]
            }
            d += "M" + upper.joined(separator: "L") + "L" + lower.reversed().joined(separator: "L") + "Z"
        }
        return d
    }

    /// Step outlines dropping to the baseline at the ends of each run of drawable bins.
    private func stepOutline(_ edges: [Double], _ tops: [Double?], _ l: Layout) -> String {
        var d = ""
        let base = f(l.y.baseline)
        for run in runs(edges, tops.map { $0 != nil }, l) {
            guard let first = run.first, let last = run.last else { continue }
            d += "M\(f(l.x.pixel(edges[first]))) \(base)"
            for j in run {
                guard let top = tops[j] else { continue }
                d += "L\(f(l.x.pixel(edges[j]))) \(f(top))L\(f(l.x.pixel(edges[j + 1]))) \(f(top))"
            }
            d += "L\(f(l.x.pixel(edges[last + 1]))) \(base)"
        }
        return d
    }

    /// Maximal runs of consecutive bins that are drawable (`valid`) and have drawable edges.
    private func runs(_ edges: [Double], _ valid: [Bool], _ l: Layout) -> [[Int]] {
        var result: [[Int]] = [], current: [Int] = []
        for j in valid.indices where j + 1 < edges.count {
            if valid[j], l.x.accepts(edges[j]), l.x.accepts(edges[j + 1]) {
                current.append(j)
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Error bars, then markers, of the drawable points.
    private func drawPoints(_ xs: [Double], _ ys: [Double], _ errors: [Double]?, _ color: String,
                            _ marker: Marker, _ l: Layout) -> String {
        var bars = "", markers = ""
        for i in xs.indices {
            guard l.x.accepts(xs[i]), l.y.accepts(ys[i]) else { continue }
            let px = l.x.pixel(xs[i]), py = l.y.pixel(ys[i])
            if let errors, errors[i].isFinite, errors[i] != 0 {
                let e = abs(errors[i])
                let lo = l.y.accepts(ys[i] - e) ? l.y.pixel(ys[i] - e) : l.y.baseline
                let hi = l.y.accepts(ys[i] + e) ? l.y.pixel(ys[i] + e) : py
                bars += "M\(f(px)) \(f(lo))V\(f(hi))"
            }
            markers += markerElement(marker, px, py, size: 3.5)
        }
        var out = ""
        if !bars.isEmpty { out += "<path d=\"\(bars)\" fill=\"none\" stroke=\"\(XML.escape(color))\" stroke-width=\"1.2\"/>\n" }
        if !markers.isEmpty { out += "<g fill=\"\(XML.escape(color))\" stroke=\"none\">\n\(markers)</g>\n" }
        return out
    }

    /// One marker centred at (x, y) with the given half-size in pixels.
    func markerElement(_ marker: Marker, _ x: Double, _ y: Double, size r: Double) -> String {
        switch marker {
        case .circle:
            return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\"/>\n"
        case .square:
            return "<rect x=\"\(f(x - r))\" y=\"\(f(y - r))\" width=\"\(f(2 * r))\" height=\"\(f(2 * r))\"/>\n"
        case .triangle:
            return "<path d=\"M\(f(x)) \(f(y - 1.2 * r))L\(f(x + 1.1 * r)) \(f(y + 0.8 * r))L\(f(x - 1.1 * r)) \(f(y + 0.8 * r))Z\"/>\n"
        case .diamond:
            return "<path d=\"M\(f(x)) \(f(y - 1.3 * r))L\(f(x + r)) \(f(y))L\(f(x)) \(f(y + 1.3 * r))L\(f(x - r)) \(f(y))Z\"/>\n"
        }
    }
}
