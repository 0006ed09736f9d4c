import Foundation
import Reporting
import Testing

@Suite("Tables")
struct TableTests {
    func sample() throws -> Table {
        var t = Table(title: "demo", columns: [.init("m", unit: "GeV"), .init("label"), .init("x")])
        t.note("a note, with a comma")
        try t.append([.number(1.5), .text("a,\"b\""), .number(2e-7)])
        try t.append([.number(.nan), .text("c"), .missing("none")])
        return t
    }

    @Test("Text output aligns columns and states units")
    func text() throws {
        let out = try sample().renderText()
        let expected = [
            "demo",
            "  a note, with a comma",
            "   m [GeV]  label           x",
            "----------  -----  ----------",
            "1.5000e+00  a,\"b\"  2.0000e-07",
            "       nan  c            none",
        ].joined(separator: "\n") + "\n"
        #expect(out == expected)
    }

    @Test("CSV quotes fields and leaves missing cells empty")
    func csv() throws {
        let out = try sample().renderCSV()
        #expect(out == "# demo\n# a note, with a comma\nm [GeV],label,x\n1.5,\"a,\"\"b\"\"\",2e-07\n,c,\n")
    }

    @Test("JSON is valid and keeps full precision")
    func json() throws {
        let out = try sample().renderJSON()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["x"] as? Double == 2e-7)
        #expect(rows[1]["m"] is NSNull)
        let columns = try #require(object["columns"] as? [[String: Any]])
        #expect(columns[0]["unit"] as? String == "GeV")
    }

    @Test("A row of the wrong width is refused")
    func rowWidth() {
        var t = Table(title: "t", columns: [.init("a")])
        #expect(throws: ReportingError.rowWidth(table: "t", expected: 1, got: 2)) { try t.append([.number(1), .number(2)]) }
    }
}
