import Foundation

extension LHEFile {
    /// Reads an LHE file (gzipped or not). Every malformed or missing piece is an
    /// `.malformedFile`/`.truncatedFile` error naming the file and the line.
    public static func read(from url: URL) throws(EventIOError) -> LHEFile {
        try parse(TextFile(url: url, format: "LHE"))
    }

    /// Parses LHE `text` (for tests and in-memory conversions); `path` names it in errors.
    public static func parse(text: String, path: String = "<memory>") throws(EventIOError) -> LHEFile {
        try parse(TextFile(path: path, text: text))
    }

    static func parse(_ file: TextFile) throws(EventIOError) -> LHEFile {
        let lines = file.lines
        let path = file.path
        func fail(_ line: Int, _ reason: String) -> EventIOError {
            .malformedFile(path: path, format: "LHE", place: "line \(line + 1)", reason: reason)
        }
        func fields(_ i: Int) -> LineFields { LineFields(lines[i], path: path, format: "LHE", lineNumber: i + 1) }
        func truncated(_ what: String) -> EventIOError {
            .truncatedFile(path: path, format: "LHE", place: "\(what) (line \(lines.count))", expectedSize: UInt64(lines.count + 1),
                           actualSize: UInt64(lines.count))
        }

        var i = 0
        while i < lines.count && lines[i].trimmingCharacters(in: .whitespaces).isEmpty { i += 1 }
        guard i < lines.count, let tag = lines[i].range(of: "<LesHouchesEvents") else {
            throw fail(min(i, max(lines.count - 1, 0)), "not an LHE file: no <LesHouchesEvents> tag")
        }
        let version = Self.attribute("version", in: lines[i][tag.lowerBound...]) ?? "1.0"
        i += 1
        var header: String?
        var initialization: LHEInit?
        var weightNames: [String] = []
        var events: [LHEEvent] = []
        var closed = false
        while i < lines.count {
            let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("<header") {
                var text: [Substring] = []
                if let close = trimmed.range(of: "</header>") {  // one-line header
                    header = String(trimmed[trimmed.index(after: trimmed.firstIndex(of: ">") ?? trimmed.startIndex)..<close.lowerBound])
                    i += 1
                    continue
                }
                i += 1
                while i < lines.count && !lines[i].contains("</header>") { text.append(lines[i]); i += 1 }
                guard i < lines.count else { throw truncated("the <header> block") }
                header = text.joined(separator: "\n")
                i += 1
            } else if trimmed.hasPrefix("<init") {
                guard initialization == nil else { throw fail(i, "a second <init> block") }
                i += 1
                while i < lines.count && lines[i].trimmingCharacters(in: .whitespaces).isEmpty { i += 1 }
                guard i < lines.count else { throw truncated("the <init> block") }
                let f = fields(i)
                try f.require(10, "the <init> line")
                let count = try f.int(9, "NPRUP")
                guard count >= 0 && count < 100_000 else { throw fail(i, "NPRUP = \(count)") }
                var processes: [LHEProcess] = []
                for k in 0..<count {
                    i += 1
                    guard i < lines.count else { throw truncated("process \(k + 1) of the <init> block") }
                    let p = fields(i)
                    try p.require(4, "process line \(k + 1)")
                    processes.append(LHEProcess(crossSection: try p.double(0, "XSECUP"), crossSectionError: try p.double(1, "XERRUP"),
                                                maxWeight: try p.double(2, "XMAXUP"), id: try p.int(3, "LPRUP")))
                }
                var extra: [String] = []
                i += 1
                while i < lines.count && !lines[i].contains("</init>") {
                    extra.append(String(lines[i]))
                    weightNames += Self.weightNamesDeclared(in: lines[i])
                    i += 1
                }
                guard i < lines.count else { throw truncated("the <init> block") }
                initialization = LHEInit(beamIDs: [try f.int(0, "IDBMUP(1)"), try f.int(1, "IDBMUP(2)")],
                                         beamEnergies: [try f.double(2, "EBMUP(1)"), try f.double(3, "EBMUP(2)")],
                                         pdfGroups: [try f.int(4, "PDFGUP(1)"), try f.int(5, "PDFGUP(2)")],
                                         pdfSets: [try f.int(6, "PDFSUP(1)"), try f.int(7, "PDFSUP(2)")],
                                         weightingStrategy: try f.int(8, "IDWTUP"), processes: processes, extra: extra)
                i += 1
            } else if trimmed.hasPrefix("<event") {
                guard initialization != nil else { throw fail(i, "an <event> before the <init> block") }
                let (event, next) = try parseEvent(lines, at: i, path: path, weightNames: &weightNames)
                events.append(event)
                i = next
            } else if trimmed.hasPrefix("</LesHouchesEvents") {
                closed = true
                break
            } else {
                i += 1  // comments and other tags between blocks
            }
        }
        guard let initialization else { throw truncated("the <init> block (none found)") }
        guard closed else { throw truncated("the closing </LesHouchesEvents> tag") }
        // Events read before all names were known get NaN for the missing alternative weights.
        for k in events.indices where events[k].weights.count < weightNames.count {
            events[k].weights += Array(repeating: .nan, count: weightNames.count - events[k].weights.count)
        }
        return LHEFile(version: version, header: header, initialization: initialization, events: events, weightNames: weightNames)
    }

    /// Parses the `<event>` block starting at line `start`; returns it and the line after `</event>`.
    private static func parseEvent(_ lines: [Substring], at start: Int, path: String,
                                   weightNames: inout [String]) throws(EventIOError) -> (LHEEvent, Int) {
        func fields(_ i: Int) -> LineFields { LineFields(lines[i], path: path, format: "LHE", lineNumber: i + 1) }
        var i = start + 1
        guard i < lines.count else {
            throw .truncatedFile(path: path, format: "LHE", place: "the event at line \(start + 1)", expectedSize: UInt64(start + 2), actualSize: UInt64(lines.count))
        }
        let h = fields(i)
        try h.require(6, "the event line")
        let n = try h.int(0, "NUP")
        guard n >= 0 && n < 100_000 else { throw h.fail("NUP = \(n)") }
        var particles: [LHEParticle] = []
        particles.reserveCapacity(n)
        for k in 0..<n {
            i += 1
            guard i < lines.count, !lines[i].contains("</event>") else {
                throw .truncatedFile(path: path, format: "LHE", place: "particle \(k + 1) of the event at line \(start + 1)",
                                     expectedSize: UInt64(i + 1), actualSize: UInt64(lines.count))
            }
            let p = fields(i)
            try p.require(13, "particle line \(k + 1)")
            let mothers = [try p.int(2, "MOTHUP(1)"), try p.int(3, "MOTHUP(2)")]
            guard mothers.allSatisfy({ $0 >= 0 && $0 <= n }) else { throw p.fail("mother indices \(mothers) outside 0...\(n)") }
            particles.append(LHEParticle(pdg: try p.int(0, "IDUP"), status: try p.int(1, "ISTUP"), mothers: mothers,
                                         colors: [try p.int(4, "ICOLUP(1)"), try p.int(5, "ICOLUP(2)")],
                                         px: try p.double(6, "px"), py: try p.double(7, "py"), pz: try p.double(8, "pz"),
                                         e: try p.double(9, "E"), m: try p.double(10, "m"), lifetime: try p.double(11, "VTIMUP"),
                                         spin: try p.double(12, "SPINUP")))
        }
        var weights = Array(repeating: Double.nan, count: weightNames.count)
        var positional: [Double] = []
        i += 1
        while i < lines.count && !lines[i].contains("</event>") {
            let line = lines[i]
            if line.contains("<wgt") {
                // <wgt id="1001"> 1.234e+00 </wgt>
                guard let id = attribute("id", in: line), let open = line.range(of: ">"),
                      let close = line.range(of: "</wgt>"), open.upperBound <= close.lowerBound,
                      let value = LineFields.parseDouble(Substring(line[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))) else {
                    throw fields(i).fail("cannot read the weight in '\(line.trimmingCharacters(in: .whitespaces))'")
                }
                if let k = weightNames.firstIndex(of: id) {
                    weights[k] = value
                } else {
                    weightNames.append(id)
                    weights.append(value)
                }
            } else if line.contains("<weights") {
                var text = String(line)
                while !text.contains("</weights>") {
                    i += 1
                    guard i < lines.count else { break }
                    text += " " + lines[i]
                }
                guard let open = text.range(of: ">"), let close = text.range(of: "</weights>") else {
                    throw fields(i).fail("unterminated <weights> element")
                }
                for token in text[open.upperBound..<close.lowerBound].split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                    guard let v = LineFields.parseDouble(token) else { throw fields(i).fail("weight '\(token)' is not a number") }
                    positional.append(v)
                }
            }
            i += 1
        }
        guard i < lines.count else {
            throw .truncatedFile(path: path, format: "LHE", place: "the event at line \(start + 1) (no </event>)",
                                 expectedSize: UInt64(lines.count + 1), actualSize: UInt64(lines.count))
        }
        for (k, v) in positional.enumerated() {
            if k < weights.count { weights[k] = v } else {
                weightNames.append("weight\(k)")
                weights.append(v)
            }
        }
        let event = LHEEvent(processID: try h.int(1, "IDPRUP"), weight: try h.double(2, "XWGTUP"), scale: try h.double(3, "SCALUP"),
                             alphaQED: try h.double(4, "AQEDUP"), alphaQCD: try h.double(5, "AQCDUP"), particles: particles, weights: weights)
        return (event, i + 1)
    }

    /// The value of XML attribute `name` in `text` (single or double quotes).
    static func attribute(_ name: String, in text: Substring) -> String? {
        guard let r = text.range(of: name + "=") else { return nil }
        let rest = text[r.upperBound...]
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst()
        guard let end = value.firstIndex(of: quote) else { return nil }
        return String(value[..<end])
    }

    /// Weight ids declared in the init block: `<weight id="...">` (MadGraph's initrwgt) and
    /// `<weightinfo name="...">` (LHEF 3.0).
    static func weightNamesDeclared(in line: Substring) -> [String] {
        var names: [String] = []
        var rest = line
        while let r = rest.range(of: "<weight") {
            let tail = rest[r.upperBound...]
            let element = tail.prefix { $0 != ">" }
            if tail.hasPrefix("info") {
                if let n = attribute("name", in: element) { names.append(n) }
            } else if tail.hasPrefix(" ") || tail.hasPrefix("\t") {
                if let n = attribute("id", in: element) { names.append(n) }
            }
            rest = tail
        }
        return names
    }
}
