import Foundation

extension LHEFile {
    /// The file as LHE text. Numbers are written in their shortest form that reads back as the
    /// same Double, so writing and reading loses nothing.
    public func text() -> String {
        var out = "<LesHouchesEvents version=\"\(version)\">\n"
        if let header { out += "<header>\n\(header)\n</header>\n" }
        let i = initialization
        out += "<init>\n"
        out += [i.beamIDs[safe: 0] ?? 0, i.beamIDs[safe: 1] ?? 0].map(String.init).joined(separator: " ") + " "
        out += [i.beamEnergies[safe: 0] ?? 0, i.beamEnergies[safe: 1] ?? 0].map(Self.number).joined(separator: " ") + " "
        out += [i.pdfGroups[safe: 0] ?? 0, i.pdfGroups[safe: 1] ?? 0, i.pdfSets[safe: 0] ?? 0, i.pdfSets[safe: 1] ?? 0]
            .map(String.init).joined(separator: " ")
        out += " \(i.weightingStrategy) \(i.processes.count)\n"
        for p in i.processes {
            out += "\(Self.number(p.crossSection)) \(Self.number(p.crossSectionError)) \(Self.number(p.maxWeight)) \(p.id)\n"
        }
        var extra = i.extra
        if !weightNames.isEmpty && !extra.contains(where: { $0.contains("<weight") }) {
            extra += ["<initrwgt>", "<weightgroup name=\"DarkScan\">"]
                + weightNames.map { "<weight id=\"\($0)\"> </weight>" } + ["</weightgroup>", "</initrwgt>"]
        }
        for line in extra { out += line + "\n" }
        out += "</init>\n"
        for e in events {
            out += "<event>\n"
            out += "\(e.particles.count) \(e.processID) \(Self.number(e.weight)) \(Self.number(e.scale)) \(Self.number(e.alphaQED)) \(Self.number(e.alphaQCD))\n"
            for p in e.particles {
                out += "\(p.pdg) \(p.status) \(p.mothers[safe: 0] ?? 0) \(p.mothers[safe: 1] ?? 0) \(p.colors[safe: 0] ?? 0) \(p.colors[safe: 1] ?? 0) "
                out += [p.px, p.py, p.pz, p.e, p.m, p.lifetime, p.spin].map(Self.number).joined(separator: " ") + "\n"
            }
            if !weightNames.isEmpty {
                out += "<rwgt>\n"
                for (name, w) in zip(weightNames, e.weights) where !w.isNaN { out += "<wgt id=\"\(name)\"> \(Self.number(w)) </wgt>\n" }
                out += "</rwgt>\n"
            }
            out += "</event>\n"
        }
        out += "</LesHouchesEvents>\n"
        return out
    }

    /// Writes the file to `url` atomically, gzipped when `url` ends in `.gz`.
    public func write(to url: URL) throws(EventIOError) {
        let path = url.path(percentEncoded: false)
        var bytes = Array(text().utf8)
        if url.pathExtension.lowercased() == "gz" { bytes = try Gzip.compress(bytes, path: path) }
        try writeAtomically(bytes, to: url)
    }

    /// The shortest text that reads back as `x` (Swift's description), with "nan"/"inf" spelled as
    /// Fortran and C readers accept them.
    static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return "\(x)"
    }
}

/// Writes `bytes` to `url` through a temporary file renamed over it (see ``TemporaryFile``).
func writeAtomically(_ bytes: [UInt8], to url: URL) throws(EventIOError) {
    let file = try TemporaryFile(destination: url)
    do throws(EventIOError) {
        try file.write(bytes)
        try file.commit()
    } catch {
        file.discard()
        throw error
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
