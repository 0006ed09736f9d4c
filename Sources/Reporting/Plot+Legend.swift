import Foundation

extension Plot {
    /// The legend: one row per labelled series (or stack) in insertion order, a swatch and the label,
    /// no frame, in the chosen corner of the frame, clear of the ticks.
    func drawLegend(_ l: Layout) -> String {
        guard !legend.isEmpty else { return "" }
        let rowHeight = 22.0, swatchWidth = 28.0, gap = 8.0, inset = 18.0
        let textWidth = legend.map { LaTeXLabel.estimatedWidth($0.label, fontSize: FontSize.legend) }.max() ?? 0
        let blockWidth = swatchWidth + gap + textWidth
        let blockHeight = rowHeight * Double(legend.count)
        let x0: Double = switch legendPosition {
        case .upperLeft, .lowerLeft: l.left + inset
        case .upperRight, .lowerRight: l.right - inset - blockWidth
        }
        let y0: Double = switch legendPosition {
        case .upperLeft, .upperRight: l.top + inset - 4
        case .lowerLeft, .lowerRight: l.bottom - inset - blockHeight + 4
        }
        var out = "<g font-size=\"\(f(FontSize.legend))\">\n"
        for (i, entry) in legend.enumerated() {
            let cy = y0 + rowHeight * (Double(i) + 0.5)
            out += swatch(entry.swatch, x: x0, cy: cy, width: swatchWidth)
            out += "<text x=\"\(f(x0 + swatchWidth + gap))\" y=\"\(f(cy + 0.35 * FontSize.legend))\">"
            out += LaTeXLabel.svg(entry.label) + "</text>\n"
        }
        return out + "</g>\n"
    }

    /// The swatch of a legend row, `width` wide from `x`, centred vertically on `cy`.
    private func swatch(_ s: Swatch, x: Double, cy: Double, width: Double) -> String {
        switch s {
        case let .line(stroke):
            return "<path d=\"M\(f(x)) \(f(cy))h\(f(width))\" fill=\"none\" \(strokeAttributes(stroke))/>\n"
        case let .fill(color, opacity):
            return "<rect x=\"\(f(x))\" y=\"\(f(cy - 7))\" width=\"\(f(width))\" height=\"14.00\" fill=\"\(XML.escape(color))\""
                + " fill-opacity=\"\(self.opacity(opacity))\" stroke=\"none\"/>\n"
        case let .marker(color, marker, errorBar):
            let cx = x + width / 2
            var out = ""
            if errorBar {
                out += "<path d=\"M\(f(cx)) \(f(cy - 8))V\(f(cy + 8))\" fill=\"none\" stroke=\"\(XML.escape(color))\" stroke-width=\"1.2\"/>\n"
            }
            out += "<g fill=\"\(XML.escape(color))\" stroke=\"none\">" + markerElement(marker, cx, cy, size: 3.5) + "</g>\n"
            return out
        }
    }
}
