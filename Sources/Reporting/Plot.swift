/// A two-dimensional plot in the style of the particle-physics plotting libraries (ROOT, mplhep),
/// rendered by hand as a standalone SVG document by ``svg()``.
///
/// The style: a closed frame with ticks pointing inwards on all four sides (major and minor), tick
/// labels below and left of the frame, the axis labels at the ends of the axes (the x label
/// right-aligned under the frame, the y label top-aligned beside it), a frameless legend in a corner,
/// a title above the frame. Labels accept the LaTeX-like markup of ``LaTeXLabel`` (`m_{Z'} [GeV]`,
/// `\sigma`, `fb^{-1}`).
///
/// Series are recorded as given; they are checked when rendered: arrays of mismatched lengths throw
/// ``ReportingError/seriesLength(series:what:expected:got:)``. Non-finite points are skipped (a line
/// or band breaks there), as are non-positive values on a log axis. Everything outside the axis
/// ranges is clipped to the frame. The output is deterministic: the same plot gives the same bytes.
public struct Plot: Sendable {
    /// How an axis maps data to positions.
    public enum Scale: Sendable, Equatable { case linear, log }

    /// One axis: its label, scale and range.
    public struct Axis: Sendable {
        /// The label, in the markup of ``LaTeXLabel``, with the unit in brackets by convention.
        public var label: String
        public var scale: Scale
        /// The range shown; `nil` takes it from the data with a margin (on a log axis, from the
        /// positive data).
        public var range: ClosedRange<Double>?
        public init(_ label: String, scale: Scale = .linear, range: ClosedRange<Double>? = nil) {
            self.label = label
            self.scale = scale
            self.range = range
        }
    }

    /// The corner of the frame that holds the legend.
    public enum LegendPosition: Sendable { case upperRight, upperLeft, lowerRight, lowerLeft }

    /// The marker of a point series.
    public enum Marker: Sendable { case circle, square, triangle, diamond }

    /// How a line is drawn: a CSS colour, a width in pixels, an optional SVG dash pattern.
    struct Stroke: Sendable {
        var color: String
        var width: Double
        var dash: [Double]?
    }

    /// One stack of a stacked histogram.
    struct Stack: Sendable {
        var label: String
        var counts: [Double]
        var color: String
    }

    /// A recorded series, drawn in insertion order (later series on top).
    enum Series: Sendable {
        case line(xs: [Double], ys: [Double], stroke: Stroke)
        case band(xs: [Double], low: [Double], high: [Double], color: String, opacity: Double)
        case points(xs: [Double], ys: [Double], yErrors: [Double]?, color: String, marker: Marker)
        case stacked(edges: [Double], stacks: [Stack])
        case step(edges: [Double], counts: [Double], stroke: Stroke)
    }

    /// What a legend entry shows in front of its label.
    enum Swatch: Sendable {
        case line(Stroke)
        case fill(color: String, opacity: Double)
        case marker(color: String, marker: Marker, errorBar: Bool)
    }

    struct LegendEntry: Sendable {
        var label: String
        var swatch: Swatch
    }

    struct Annotation: Sendable {
        var text: String
        var x: Double
        var y: Double
    }

    /// The horizontal axis.
    public var x: Axis
    /// The vertical axis.
    public var y: Axis
    /// The size of the SVG canvas in pixels.
    public var width: Double
    public var height: Double
    /// Drawn above the frame, left-aligned; its first word in bold (the experiment, as in mplhep's
    /// labels), e.g. `"DarkScan  Belle 977 fb^{-1} (simulation)"`.
    public var title: String?
    /// The corner holding the legend (upper right unless set).
    public var legendPosition: LegendPosition = .upperRight

    var series: [(name: String, series: Series)] = []
    var legend: [LegendEntry] = []
    var annotations: [Annotation] = []

    public init(x: Axis, y: Axis, width: Double = 640, height: Double = 480) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The name a series is reported under in errors: its label, or its position.
    private func seriesName(_ label: String?) -> String {
        label ?? "series #\(series.count + 1)"
    }

    /// A polyline through the points (xs[i], ys[i]); it breaks at non-finite points.
    public mutating func line(_ xs: [Double], _ ys: [Double], label: String?, color: String,
                              width: Double = 1.5, dash: [Double]? = nil) {
        let stroke = Stroke(color: color, width: width, dash: dash)
        series.append((seriesName(label), .line(xs: xs, ys: ys, stroke: stroke)))
        if let label { legend.append(LegendEntry(label: label, swatch: .line(stroke))) }
    }

    /// The area between `low` and `high` over `xs`, filled; it breaks at non-finite points.
    public mutating func band(_ xs: [Double], low: [Double], high: [Double], label: String?,
                              color: String, opacity: Double = 1) {
        series.append((seriesName(label), .band(xs: xs, low: low, high: high, color: color, opacity: opacity)))
        if let label { legend.append(LegendEntry(label: label, swatch: .fill(color: color, opacity: opacity))) }
    }

    /// Markers at (xs[i], ys[i]) with optional symmetric vertical error bars.
    public mutating func points(_ xs: [Double], _ ys: [Double], yErrors: [Double]? = nil, label: String?,
                                color: String, marker: Marker = .circle) {
        series.append((seriesName(label), .points(xs: xs, ys: ys, yErrors: yErrors, color: color, marker: marker)))
        if let label {
            legend.append(LegendEntry(label: label, swatch: .marker(color: color, marker: marker, errorBar: yErrors != nil)))
        }
    }

    /// Filled histograms stacked bottom-up in the order given; each stack has one count per bin
    /// (`edges.count - 1`). A non-finite count leaves that bin of that stack out.
    public mutating func stackedHistogram(edges: [Double], stacks: [(label: String, counts: [Double], color: String)]) {
        let recorded = stacks.map { Stack(label: $0.label, counts: $0.counts, color: $0.color) }
        series.append((stacks.map(\.label).joined(separator: " + "), .stacked(edges: edges, stacks: recorded)))
        for stack in recorded {
            legend.append(LegendEntry(label: stack.label, swatch: .fill(color: stack.color, opacity: 1)))
        }
    }

    /// A histogram drawn as an outline of steps, closed down to the baseline at its first and last
    /// edges (mplhep's `histtype="step"`).
    public mutating func stepHistogram(edges: [Double], counts: [Double], label: String?, color: String,
                                       width: Double = 1.5, dash: [Double]? = nil) {
        let stroke = Stroke(color: color, width: width, dash: dash)
        series.append((seriesName(label), .step(edges: edges, counts: counts, stroke: stroke)))
        if let label { legend.append(LegendEntry(label: label, swatch: .line(stroke))) }
    }

    /// A text (``LaTeXLabel`` markup) left-aligned at (x, y) in axes fractions: (0, 0) is the lower
    /// left corner of the frame, (1, 1) the upper right one.
    public mutating func text(_ s: String, x: Double, y: Double) {
        annotations.append(Annotation(text: s, x: x, y: y))
    }
}
