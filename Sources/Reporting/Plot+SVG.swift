import Foundation

extension Plot {
    /// The font stack of every text in the plot.
    static let fontFamily = "Helvetica, Arial, 'DejaVu Sans', sans-serif"

    /// Font sizes in pixels: tick labels, axis labels, title, legend and annotations.
    enum FontSize {
        static let tick = 15.0
        static let axis = 17.0
        static let title = 16.0
        static let legend = 14.0
    }

    /// Tick lengths in pixels, pointing into the frame.
    enum TickLength {
        static let major = 10.0
        static let minor = 5.0
    }

    /// Where the frame sits on the canvas and how data map onto it.
    struct Layout: Sendable {
        var left: Double, top: Double, width: Double, height: Double
        var x: Mapping, y: Mapping
        var right: Double { left + width }
        var bottom: Double { top + height }
    }

    /// The plot as a complete standalone SVG document (UTF-8, with an XML declaration).
    ///
    /// - Throws: ``ReportingError/invalidPlotSize(width:height:)`` for a canvas too small for a
    ///   frame, ``ReportingError/seriesLength(series:what:expected:got:)`` for a series whose arrays
    ///   disagree, ``ReportingError/invalidAxisRange(axis:lower:upper:reason:)`` for a given range
    ///   that cannot be drawn and ``ReportingError/emptyPlot(xLabel:yLabel:)`` when an axis without a
    ///   range has no data to take one from.
    public func svg() throws(ReportingError) -> String {
        guard width.isFinite, height.isFinite, width >= 160, height >= 120 else {
            throw .invalidPlotSize(width: width, height: height)
        }
        try validateSeries()
        let xRange = try resolvedRange(x, horizontal: true)
        let yRange = try resolvedRange(y, horizontal: false)
        let xTicks = Self.ticks(x.scale, xRange), yTicks = Self.ticks(y.scale, yRange)

        let yLabelWidth = yTicks.labels.map { LaTeXLabel.estimatedWidth($0, fontSize: FontSize.tick) }.max() ?? 0
        let left = max(64, (yLabelWidth + 14 + FontSize.axis + 10).rounded(.up))
        let top = title == nil ? 16.0 : 36.0
        let frameWidth = width - left - 24, frameHeight = height - top - 62
        guard frameWidth >= 40, frameHeight >= 40 else { throw .invalidPlotSize(width: width, height: height) }
        let layout = Layout(
            left: left, top: top, width: frameWidth, height: frameHeight,
            x: Mapping(scale: x.scale, range: xRange, start: left, end: left + frameWidth),
            y: Mapping(scale: y.scale, range: yRange, start: top + frameHeight, end: top)
        )

        let data = series.map { drawSeries($0.series, layout) }.joined()
        let clipID = "darkscan-clip-" + Self.hash(data + "\(layout.left),\(layout.top),\(frameWidth),\(frameHeight)")
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(f(width))\" height=\"\(f(height))\""
        out += " viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"\(Self.fontFamily)\">\n"
        out += "<defs><clipPath id=\"\(clipID)\"><rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(frameWidth))\""
        out += " height=\"\(f(frameHeight))\"/></clipPath></defs>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"white\"/>\n"
        out += "<g clip-path=\"url(#\(clipID))\">\n" + data + "</g>\n"
        out += axes(layout, xTicks: xTicks, yTicks: yTicks, yLabelWidth: yLabelWidth)
        out += drawLegend(layout)
        for note in annotations where note.x.isFinite && note.y.isFinite {
            let px = layout.left + note.x * layout.width, py = layout.top + (1 - note.y) * layout.height
            out += "<text x=\"\(f(px))\" y=\"\(f(py))\" font-size=\"\(f(FontSize.legend))\">\(LaTeXLabel.svg(note.text))</text>\n"
        }
        if let title { out += titleText(title, layout) }
        return out + "</svg>\n"
    }

    /// The frame, the ticks on all four sides, the tick labels and the axis labels.
    private func axes(_ l: Layout, xTicks: Ticks, yTicks: Ticks, yLabelWidth: Double) -> String {
        var ticks = ""
        func xTick(_ v: Double, _ length: Double) {
            guard l.x.accepts(v) else { return }
            let px = f(l.x.pixel(v))
            ticks += "M\(px) \(f(l.bottom))v\(f(-length))M\(px) \(f(l.top))v\(f(length))"
        }
        func yTick(_ v: Double, _ length: Double) {
            guard l.y.accepts(v) else { return }
            let py = f(l.y.pixel(v))
            ticks += "M\(f(l.left)) \(py)h\(f(length))M\(f(l.right)) \(py)h\(f(-length))"
        }
        xTicks.major.forEach { xTick($0, TickLength.major) }
        xTicks.minor.forEach { xTick($0, TickLength.minor) }
        yTicks.major.forEach { yTick($0, TickLength.major) }
        yTicks.minor.forEach { yTick($0, TickLength.minor) }

        var out = "<rect x=\"\(f(l.left))\" y=\"\(f(l.top))\" width=\"\(f(l.width))\" height=\"\(f(l.height))\""
        out += " fill=\"none\" stroke=\"black\" stroke-width=\"1.2\"/>\n"
        out += "<path d=\"\(ticks)\" fill=\"none\" stroke=\"black\" stroke-width=\"1\"/>\n"
        out += "<g font-size=\"\(f(FontSize.tick))\" text-anchor=\"middle\">\n"
        for (v, label) in zip(xTicks.major, xTicks.labels) where !label.isEmpty {
            out += "<text x=\"\(f(l.x.pixel(v)))\" y=\"\(f(l.bottom + 6 + FontSize.tick))\">\(LaTeXLabel.svg(label))</text>\n"
        }
        out += "</g>\n<g font-size=\"\(f(FontSize.tick))\" text-anchor=\"end\">\n"
        for (v, label) in zip(yTicks.major, yTicks.labels) where !label.isEmpty {
            out += "<text x=\"\(f(l.left - 6))\" y=\"\(f(l.y.pixel(v) + 0.35 * FontSize.tick))\">\(LaTeXLabel.svg(label))</text>\n"
        }
        out += "</g>\n"
        let xLabelY = l.bottom + 6 + FontSize.tick + 10 + FontSize.axis
        out += "<text x=\"\(f(l.right))\" y=\"\(f(xLabelY))\" font-size=\"\(f(FontSize.axis))\" text-anchor=\"end\">"
        out += LaTeXLabel.svg(x.label) + "</text>\n"
        let yLabelX = l.left - 6 - yLabelWidth - 10
        out += "<text transform=\"translate(\(f(yLabelX)) \(f(l.top))) rotate(-90)\" font-size=\"\(f(FontSize.axis))\""
        out += " text-anchor=\"end\">" + LaTeXLabel.svg(y.label) + "</text>\n"
        return out
    }

    /// The title above the frame, left-aligned, its first word in bold.
    private func titleText(_ title: String, _ l: Layout) -> String {
        var out = "<text x=\"\(f(l.left))\" y=\"\(f(l.top - 10))\" font-size=\"\(f(FontSize.title))\""
        out += " xml:space=\"preserve\" style=\"white-space: pre\">"
        if let space = title.firstIndex(of: " ") {
            out += "<tspan font-weight=\"bold\">" + LaTeXLabel.svg(String(title[..<space])) + "</tspan>"
            out += LaTeXLabel.svg(String(title[space...]))
        } else {
            out += "<tspan font-weight=\"bold\">" + LaTeXLabel.svg(title) + "</tspan>"
        }
        return out + "</text>\n"
    }

    /// A number with two decimals ("-0.00" written "0.00"): the only number format in the SVG.
    func f(_ v: Double) -> String {
        let s = String(format: "%.2f", v)
        return s == "-0.00" ? "0.00" : s
    }

    /// A stroke's SVG attributes: colour, width (1.5 when not positive and finite), dash pattern
    /// (its non-positive or non-finite entries dropped), round joins.
    func strokeAttributes(_ s: Stroke) -> String {
        let width = s.width.isFinite && s.width > 0 ? s.width : 1.5
        var out = "stroke=\"\(XML.escape(s.color))\" stroke-width=\"\(f(width))\" stroke-linejoin=\"round\""
        let dash = (s.dash ?? []).filter { $0.isFinite && $0 > 0 }
        if !dash.isEmpty { out += " stroke-dasharray=\"\(dash.map(f).joined(separator: ","))\"" }
        return out
    }

    /// An opacity clamped to 0...1 (1 when not finite).
    func opacity(_ o: Double) -> String { f(o.isFinite ? min(max(o, 0), 1) : 1) }

    /// FNV-1a hash (64 bit) of a text as 16 hexadecimal digits: a deterministic id for the clip
    /// path, distinct between the plots of one HTML page.
    static func hash(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in s.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return String(h, radix: 16, uppercase: false).leftPadded(to: 16)
    }
}

extension String {
    /// The string with leading zeros up to the given length.
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
