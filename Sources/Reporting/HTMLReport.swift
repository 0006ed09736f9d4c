import Foundation

/// A single self-contained HTML5 page: inline CSS, inline SVG figures, no scripts, no external
/// resources, so the file can be archived, mailed or opened offline as it is.
///
/// Blocks appear in the order they are added. Every text that comes from the caller (title,
/// headings, paragraphs, captions, table cells, preformatted text, ids) is escaped; only the SVG of
/// a figure is inserted as markup (after removing an XML declaration or DOCTYPE before the `<svg>`).
public struct HTMLReport: Sendable {
    enum Block: Sendable {
        case heading(String)
        case paragraph(String)
        case figure(svg: String, caption: String, id: String)
        case table(Table, id: String?)
        case preformatted(String, summary: String)
        case definitions([(String, String)])
    }

    /// The page title, shown in the browser's tab and as the page's `<h1>`.
    public var title: String
    var blocks: [Block] = []

    public init(title: String) {
        self.title = title
    }

    /// A section heading (`<h2>`).
    public mutating func heading(_ text: String) { blocks.append(.heading(text)) }

    /// A paragraph of plain text (escaped; line breaks kept as spaces).
    public mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }

    /// A figure: the SVG document inlined in a `<figure id="...">` with a caption below.
    public mutating func figure(svg: String, caption: String, id: String) {
        blocks.append(.figure(svg: svg, caption: caption, id: id))
    }

    /// A ``Table`` as an HTML `<table>`: the title as caption, units in the headers, numbers in
    /// scientific notation with the table's significant digits, the notes below.
    public mutating func table(_ t: Table, id: String? = nil) { blocks.append(.table(t, id: id)) }

    /// Preformatted text (a spec, provenance, a log) folded in a `<details>` element.
    public mutating func preformatted(_ text: String, summary: String) {
        blocks.append(.preformatted(text, summary: summary))
    }

    /// Key/value pairs (provenance: version, seed, spec hash) as a definition list.
    public mutating func definitionList(_ items: [(String, String)]) { blocks.append(.definitions(items)) }

    /// The complete page.
    public func html() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(XML.escape(title))</title>\n<style>\n\(Self.css)</style>\n</head>\n<body>\n<main>\n"
        out += "<h1>\(XML.escape(title))</h1>\n"
        for block in blocks { out += render(block) }
        return out + "</main>\n</body>\n</html>\n"
    }

    private func render(_ block: Block) -> String {
        switch block {
        case let .heading(text):
            return "<h2>\(XML.escape(text))</h2>\n"
        case let .paragraph(text):
            return "<p>\(XML.escape(text))</p>\n"
        case let .figure(svg, caption, id):
            return "<figure id=\"\(XML.escape(id))\">\n\(Self.inlineSVG(svg))\n<figcaption>\(XML.escape(caption))</figcaption>\n</figure>\n"
        case let .table(table, id):
            return Self.tableHTML(table, id: id)
        case let .preformatted(text, summary):
            return "<details>\n<summary>\(XML.escape(summary))</summary>\n<pre>\(XML.escape(text))</pre>\n</details>\n"
        case let .definitions(items):
            let rows = items.map { "<dt>\(XML.escape($0.0))</dt><dd>\(XML.escape($0.1))</dd>\n" }.joined()
            return "<dl>\n\(rows)</dl>\n"
        }
    }

    /// The SVG from its `<svg` tag on: an XML declaration, DOCTYPE or comments before it removed,
    /// trailing whitespace trimmed. A text without `<svg` is shown escaped instead of inlined.
    static func inlineSVG(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else {
            return "<pre class=\"error\">\(XML.escape(svg))</pre>"
        }
        var body = String(svg[start.lowerBound...])
        while let last = body.last, last.isWhitespace { body.removeLast() }
        return body
    }

    /// A table with its caption, header row (units in brackets), body and notes.
    static func tableHTML(_ t: Table, id: String?) -> String {
        let idAttribute = id.map { " id=\"\(XML.escape($0))\"" } ?? ""
        var out = "<div class=\"table\"\(idAttribute)>\n<table>\n<caption>\(XML.escape(t.title))</caption>\n<thead><tr>"
        out += t.columns.map { "<th scope=\"col\">\(XML.escape($0.header))</th>" }.joined()
        out += "</tr></thead>\n<tbody>\n"
        for row in t.rows {
            out += "<tr>" + row.map { cell in
                switch cell {
                case let .number(x): "<td class=\"num\">\(XML.escape(Table.scientific(x, digits: t.significantDigits)))</td>"
                case let .text(s): "<td>\(XML.escape(s))</td>"
                case let .missing(reason): "<td class=\"missing\">\(XML.escape(reason.isEmpty ? "\u{2013}" : reason))</td>"
                }
            }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if !t.notes.isEmpty {
            out += "<ul class=\"notes\">\n" + t.notes.map { "<li>\(XML.escape($0))</li>\n" }.joined() + "</ul>\n"
        }
        return out + "</div>\n"
    }

    /// The page's style sheet: a readable single column, tables with rules, figures centred.
    static let css = """
        body { margin: 0; background: #fafafa; color: #1a1a1a;
          font-family: Helvetica, Arial, 'DejaVu Sans', sans-serif; line-height: 1.5; }
        main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; background: white; }
        h1 { font-size: 1.8rem; margin: 0 0 1rem; border-bottom: 2px solid #1a1a1a; padding-bottom: 0.3rem; }
        h2 { font-size: 1.3rem; margin: 2rem 0 0.6rem; }
        figure { margin: 1.5rem 0; text-align: center; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { font-size: 0.95rem; color: #444; text-align: left; margin-top: 0.4rem; }
        div.table { overflow-x: auto; margin: 1rem 0; }
        table { border-collapse: collapse; font-size: 0.9rem; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
        th, td { padding: 0.2rem 0.7rem; border-bottom: 1px solid #ddd; text-align: left; }
        thead th { border-bottom: 2px solid #1a1a1a; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; font-family: 'DejaVu Sans Mono', monospace; }
        td.missing { color: #888; }
        ul.notes { font-size: 0.85rem; color: #555; margin: 0.3rem 0 0; padding-left: 1.2rem; }
        details { margin: 1rem 0; }
        summary { cursor: pointer; font-weight: bold; }
        pre { background: #f3f3f3; padding: 0.8rem; overflow-x: auto; font-size: 0.85rem; }
        dl { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }
        dt { font-weight: bold; }
        dd { margin: 0; font-family: 'DejaVu Sans Mono', monospace; word-break: break-all; }

        """
}
