import Foundation

extension Plot {
    /// Checks that every series' arrays agree in length.
    func validateSeries() throws(ReportingError) {
        func check(_ name: String, _ what: String, _ expected: Int, _ got: Int) throws(ReportingError) {
            guard expected == got else { throw .seriesLength(series: name, what: what, expected: expected, got: got) }
        }
        for (name, s) in series {
            switch s {
            case let .line(xs, ys, _):
                try check(name, "y values", xs.count, ys.count)
            case let .band(xs, low, high, _, _):
                try check(name, "low values", xs.count, low.count)
                try check(name, "high values", xs.count, high.count)
            case let .points(xs, ys, errors, _, _):
                try check(name, "y values", xs.count, ys.count)
                if let errors { try check(name, "y errors", xs.count, errors.count) }
            case let .stacked(edges, stacks):
                for stack in stacks { try check(stack.label, "counts", max(edges.count - 1, 0), stack.counts.count) }
            case let .step(edges, counts, _):
                try check(name, "counts", max(edges.count - 1, 0), counts.count)
            }
        }
    }

    /// The cumulative tops of a stacked histogram: tops[i][j] is the top of stack i in bin j
    /// (non-finite counts add nothing).
    static func stackTops(_ stacks: [Stack], bins: Int) -> [[Double]] {
        var running = [Double](repeating: 0, count: bins)
        return stacks.map { stack in
            for j in 0..<bins where j < stack.counts.count && stack.counts[j].isFinite { running[j] += stack.counts[j] }
            return running
        }
    }

    /// The data values along one axis (x or y) that the automatic range must show, and the values
    /// the margin must not cross (a histogram's outer edges and its zero baseline).
    func extent(horizontal: Bool) -> (values: [Double], sticky: [Double]) {
        var values: [Double] = [], sticky: [Double] = []
        func pairs(_ xs: [Double], _ ys: [Double]) {
            for (x, y) in zip(xs, ys) where x.isFinite && y.isFinite { values.append(horizontal ? x : y) }
        }
        for (_, s) in series {
            switch s {
            case let .line(xs, ys, _):
                pairs(xs, ys)
            case let .band(xs, low, high, _, _):
                pairs(xs, low)
                pairs(xs, high)
            case let .points(xs, ys, errors, _, _):
                pairs(xs, ys)
                if let errors, !horizontal {
                    for (i, (x, y)) in zip(xs, ys).enumerated() where x.isFinite && y.isFinite && errors[i].isFinite {
                        values += [y - abs(errors[i]), y + abs(errors[i])]
                    }
                }
            case let .stacked(edges, stacks):
                histogramExtent(edges, Self.stackTops(stacks, bins: max(edges.count - 1, 0)).last ?? [])
            case let .step(edges, counts, _):
                histogramExtent(edges, counts)
            }
        }
        func histogramExtent(_ edges: [Double], _ counts: [Double]) {
            let finiteEdges = edges.filter(\.isFinite)
            if horizontal {
                values += finiteEdges
                if let lo = finiteEdges.min(), let hi = finiteEdges.max() { sticky += [lo, hi] }
            } else {
                values += counts.filter(\.isFinite) + [0]
                sticky.append(0)
            }
        }
        return (values, sticky)
    }

    /// The range shown on an axis: the one given, or the data's extent with a margin of 5 % of the
    /// span on each side (of the span in decades on a log axis) that stops at sticky values.
    func resolvedRange(_ axis: Axis, horizontal: Bool) throws(ReportingError) -> ClosedRange<Double> {
        if let range = axis.range {
            let lo = range.lowerBound, hi = range.upperBound
            guard lo.isFinite, hi.isFinite, lo < hi else {
                throw .invalidAxisRange(axis: axis.label, lower: lo, upper: hi, reason: "is empty or not finite")
            }
            guard axis.scale == .linear || lo > 0 else {
                throw .invalidAxisRange(axis: axis.label, lower: lo, upper: hi, reason: "is not positive on a log axis")
            }
            return range
        }
        let log = axis.scale == .log
        let (all, sticky) = extent(horizontal: horizontal)
        let values = all.filter { $0.isFinite && (!log || $0 > 0) }
        guard let minimum = values.min(), let maximum = values.max() else {
            throw .emptyPlot(xLabel: x.label, yLabel: y.label)
        }
        let forward: (Double) -> Double = log ? { log10($0) } : { $0 }
        let backward: (Double) -> Double = log ? { pow(10, $0) } : { $0 }
        let a = forward(minimum), b = forward(maximum)
        let pad = a == b ? (log ? 0.5 : (a == 0 ? 1 : abs(a) * 0.1)) : 0.05 * (b - a)
        var lo = backward(a - pad), hi = backward(b + pad)
        if sticky.contains(minimum), minimum < maximum { lo = minimum }
        if sticky.contains(maximum), minimum < maximum { hi = maximum }
        guard lo.isFinite, hi.isFinite, lo < hi else {
            throw .invalidAxisRange(axis: axis.label, lower: lo, upper: hi, reason: "from the data is not drawable")
        }
        return lo...hi
    }

    /// The map from data to pixel coordinates of one axis.
    struct Mapping: Sendable {
        var scale: Scale
        var range: ClosedRange<Double>
        /// Pixel positions of the range's lower and upper ends.
        var start: Double
        var end: Double

        /// Whether the value can be drawn on this axis at all (finite; positive on a log axis).
        func accepts(_ v: Double) -> Bool { v.isFinite && (scale == .linear || v > 0) }

        /// The pixel position of a value, kept within a million pixels of the frame so that far
        /// outliers stay valid SVG numbers (the clip path hides them anyway).
        func pixel(_ v: Double) -> Double {
            let t: Double = switch scale {
            case .linear: (v - range.lowerBound) / (range.upperBound - range.lowerBound)
            case .log: (log10(v) - log10(range.lowerBound)) / (log10(range.upperBound) - log10(range.lowerBound))
            }
            return min(max(start + t * (end - start), -1e6), 1e6)
        }

        /// The pixel position of a histogram baseline: zero, or the lower end of a log axis.
        var baseline: Double { scale == .log ? start : pixel(0) }
    }
}
