import Foundation

/// A text event file read into memory (gunzipped when it starts with the gzip magic), split into
/// lines with their 1-based numbers, for the LHE and HepMC3 readers.
struct TextFile {
    let path: String
    let lines: [Substring]

    init(url: URL, format: String) throws(EventIOError) {
        let file = try ReadOnlyFile(url: url)
        defer { file.close() }
        path = file.path
        var bytes = try file.read(count: file.size, at: 0)
        if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes, path: path) }
        guard !bytes.isEmpty else {
            throw .truncatedFile(path: path, format: format, place: "line 1", expectedSize: 1, actualSize: 0)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? line.dropLast() : line
        }
    }

    init(path: String, text: String) {
        self.path = path
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.last == "\r" ? $0.dropLast() : $0 }
    }
}

/// Whitespace-separated fields of a line, parsed with errors that name the file and line.
struct LineFields {
    let fields: [Substring]
    let path: String
    let format: String
    let lineNumber: Int

    init(_ line: Substring, path: String, format: String, lineNumber: Int) {
        fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        self.path = path
        self.format = format
        self.lineNumber = lineNumber
    }

    var count: Int { fields.count }

    func fail(_ reason: String) -> EventIOError {
        .malformedFile(path: path, format: format, place: "line \(lineNumber)", reason: reason)
    }

    func require(_ n: Int, _ what: String) throws(EventIOError) {
        guard fields.count >= n else { throw fail("\(what) needs \(n) fields, the line has \(fields.count)") }
    }

    func int(_ i: Int, _ what: String) throws(EventIOError) -> Int {
        guard i < fields.count else { throw fail("missing \(what) (field \(i + 1))") }
        guard let v = Int(fields[i]) ?? Double(fields[i]).flatMap({ $0.rounded() == $0 && abs($0) < 9e15 ? Int($0) : nil }) else {
            throw fail("\(what) '\(fields[i])' (field \(i + 1)) is not an integer")
        }
        return v
    }

    func double(_ i: Int, _ what: String) throws(EventIOError) -> Double {
        guard i < fields.count else { throw fail("missing \(what) (field \(i + 1))") }
        guard let v = Self.parseDouble(fields[i]) else { throw fail("\(what) '\(fields[i])' (field \(i + 1)) is not a number") }
        return v
    }

    /// A number, also in Fortran's "1.0D+01" notation.
    static func parseDouble(_ s: Substring) -> Double? {
        if let v = Double(s) { return v }
        if s.contains("D") || s.contains("d") {
            return Double(s.replacingOccurrences(of: "D", with: "E").replacingOccurrences(of: "d", with: "e"))
        }
        return nil
    }
}
