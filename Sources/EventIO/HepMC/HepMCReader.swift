import Foundation

extension HepMCFile {
    /// Reads a HepMC3 ASCII file (gzipped or not). HepMC2's IO_GenEvent format is refused with an
    /// error saying so; malformed lines give errors naming the file and line.
    public static func read(from url: URL) throws(EventIOError) -> HepMCFile {
        try parse(TextFile(url: url, format: "HepMC3"))
    }

    /// Parses HepMC3 ASCII `text`; `path` names it in errors.
    public static func parse(text: String, path: String = "<memory>") throws(EventIOError) -> HepMCFile {
        try parse(TextFile(path: path, text: text))
    }

    static func parse(_ file: TextFile) throws(EventIOError) -> HepMCFile {
        let path = file.path
        var result = HepMCFile()
        var event: HepMCEvent?
        var started = false, ended = false
        var lastEventLine = 0
        func fail(_ line: Int, _ reason: String) -> EventIOError {
            .malformedFile(path: path, format: "HepMC3", place: "line \(line)", reason: reason)
        }
        func finishEvent() throws(EventIOError) {
            guard let e = event else { return }
            let ids = Set(e.particles.map(\.id))
            for p in e.particles where p.mother > 0 && !ids.contains(p.mother) {
                throw fail(lastEventLine, "event \(e.number): particle \(p.id) has parent \(p.mother), which is not in the event")
            }
            let vertexIDs = Set(e.vertices.map(\.id))
            for p in e.particles where p.mother < 0 && !vertexIDs.contains(p.mother) {
                throw fail(lastEventLine, "event \(e.number): particle \(p.id) comes from vertex \(p.mother), which is not in the event")
            }
            for v in e.vertices { for i in v.incoming where !ids.contains(i) {
                throw fail(lastEventLine, "event \(e.number): vertex \(v.id) has incoming particle \(i), which is not in the event")
            } }
            result.events.append(e)
            event = nil
        }
        for (index, line) in file.lines.enumerated() {
            let number = index + 1
            if line.isEmpty { continue }
            if line.hasPrefix("HepMC::") {
                if line.hasPrefix("HepMC::Version") {
                    result.version = line.dropFirst("HepMC::Version".count).trimmingCharacters(in: .whitespaces)
                } else if line.hasPrefix("HepMC::Asciiv3-START_EVENT_LISTING") {
                    started = true
                } else if line.hasPrefix("HepMC::Asciiv3-END_EVENT_LISTING") {
                    try finishEvent()
                    ended = true
                } else if line.hasPrefix("HepMC::IO_GenEvent") || line.hasPrefix("HepMC::Asciiv2") {
                    throw EventIOError.unsupportedContent(path: path, format: "HepMC3", place: "line \(number)",
                                                          reason: "this is a HepMC2 file (\(line)); convert it to HepMC3 ASCII (HepMC3's convert_example) first")
                }
                continue
            }
            guard started, !ended else { throw fail(number, started ? "text after the end of the event listing" : "not a HepMC3 file: no HepMC::Asciiv3-START_EVENT_LISTING line before '\(line.prefix(40))'") }
            let f = LineFields(line, path: path, format: "HepMC3", lineNumber: number)
            switch f.fields[0] {
            case "E":
                try finishEvent()
                lastEventLine = number
                try f.require(4, "an E line")
                var e = HepMCEvent(number: try f.int(1, "the event number"))
                if f.count >= 9 && f.fields[4] == "@" {
                    e.position = [try f.double(5, "x"), try f.double(6, "y"), try f.double(7, "z"), try f.double(8, "t")]
                }
                event = e
            case "U":
                try f.require(3, "a U line")
                guard event != nil else { throw fail(number, "a U line outside an event") }
                let momentum = f.fields[1].uppercased(), length = f.fields[2].uppercased()
                guard momentum == "GEV" || momentum == "MEV", length == "MM" || length == "CM" else {
                    throw fail(number, "unknown units '\(f.fields[1]) \(f.fields[2])' (GEV or MEV, MM or CM)")
                }
                event?.momentumUnit = momentum
                event?.lengthUnit = length
            case "W":
                if event == nil {
                    let names = line.dropFirst(1).trimmingCharacters(in: .whitespaces)
                    result.weightNames = names.contains("\\|") ? unescape(Substring(names)).components(separatedBy: "\n")
                        : names.split(separator: " ").map(String.init)
                } else {
                    var w: [Double] = []
                    for i in 1..<f.count { w.append(try f.double(i, "weight \(i)")) }
                    event?.weights = w
                }
            case "T":
                guard event == nil else { throw fail(number, "a T line inside an event") }
                result.tools.append(unescape(line.dropFirst(1).drop(while: { $0 == " " })).replacingOccurrences(of: "\n", with: "|"))
            case "A":
                if event == nil {
                    try f.require(2, "an A line")
                    let value = line.dropFirst(2).drop(while: { $0 == " " }).dropFirst(f.fields[1].count).drop(while: { $0 == " " })
                    result.runAttributes.append(HepMCAttribute(name: String(f.fields[1]), value: unescape(value)))
                } else {
                    try f.require(3, "an A line")
                    let id = try f.int(1, "the attribute's object id")
                    var value = line.dropFirst(2).drop(while: { $0 == " " })
                    value = value.dropFirst(f.fields[1].count).drop(while: { $0 == " " }).dropFirst(f.fields[2].count).drop(while: { $0 == " " })
                    event?.attributes.append(HepMCAttribute(id: id, name: String(f.fields[2]), value: unescape(value)))
                }
            case "P":
                guard event != nil else { throw fail(number, "a P line outside an event") }
                try f.require(10, "a P line")
                let id = try f.int(1, "the particle id")
                guard id == (event?.particles.count ?? 0) + 1 else {
                    throw fail(number, "particle id \(id), expected \((event?.particles.count ?? 0) + 1) (ids count up from 1)")
                }
                event?.particles.append(HepMCParticle(id: id, mother: try f.int(2, "the production vertex"), pdg: try f.int(3, "the PDG id"),
                                                      px: try f.double(4, "px"), py: try f.double(5, "py"), pz: try f.double(6, "pz"),
                                                      e: try f.double(7, "e"), m: try f.double(8, "m"), status: try f.int(9, "the status")))
            case "V":
                guard event != nil else { throw fail(number, "a V line outside an event") }
                try f.require(3, "a V line")
                let id = try f.int(1, "the vertex id")
                guard id < 0 else { throw fail(number, "vertex id \(id) is not negative") }
                var status = 0, listField = 2
                if !f.fields[2].hasPrefix("[") { status = try f.int(2, "the vertex status"); listField = 3 }
                guard listField < f.count, f.fields[listField].hasPrefix("["), f.fields[listField].hasSuffix("]") else {
                    throw fail(number, "the vertex has no [incoming particle list]")
                }
                let list = f.fields[listField].dropFirst().dropLast()
                var incoming: [Int] = []
                for token in list.split(separator: ",") {
                    guard let i = Int(token) else { throw fail(number, "incoming particle '\(token)' is not an integer") }
                    incoming.append(i)
                }
                var position: [Double]?
                if f.count >= listField + 6 && f.fields[listField + 1] == "@" {
                    position = try (2...5).map { (k) throws(EventIOError) -> Double in try f.double(listField + k, "the vertex position") }
                }
                event?.vertices.append(HepMCVertex(id: id, status: status, incoming: incoming, position: position))
            default:
                throw fail(number, "unknown line type '\(f.fields[0].prefix(20))'")
            }
        }
        guard started else {
            throw .malformedFile(path: path, format: "HepMC3", place: "line 1", reason: "not a HepMC3 file: no HepMC::Asciiv3-START_EVENT_LISTING line")
        }
        guard ended else {
            throw .truncatedFile(path: path, format: "HepMC3", place: "the end of the event listing (line \(file.lines.count))",
                                 expectedSize: UInt64(file.lines.count + 1), actualSize: UInt64(file.lines.count))
        }
        return result
    }
}
