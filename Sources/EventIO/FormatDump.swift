import Foundation

/// Every value of a ROOT, LHE or HepMC3 file as JSON, for comparing DarkScan's readers with
/// other libraries (Validation/formats/make_fixtures.py does, through `darkscan inspect --json`).
///
/// Numbers are written as strings, each the shortest text that reads back as the same value of
/// its type (NaNs as "nanbits:N" with their bit pattern N), so that the comparison can be exact.
public enum FormatDump {
    /// {"format": "ROOT", "trees": {path: {"tree", "entries", "branches": {name: {"type", "shape",
    /// "dims"?, "values", "offsets"?}}, "skipped": {name: reason}}}, "unreadableTrees": {path:
    /// error}}: every readable branch of every tree.
    public static func root(_ file: ROOTFile) async throws(EventIOError) -> [UInt8] {
        var trees: [String: JSONValue] = [:]
        var unreadable: [String: JSONValue] = [:]
        for path in file.treePaths {
            let tree: ROOTTree
            do { tree = try file.tree(path) } catch {
                unreadable[path] = .string("\(error)")
                continue
            }
            let columns = try await tree.read(tree.readableBranchNames)
            var branches: [String: JSONValue] = [:]
            for c in columns {
                var b: [String: JSONValue] = ["type": .string(c.type.rawValue), "values": .array(strings(c.values).map(JSONValue.string))]
                switch c.shape {
                case .scalar: b["shape"] = .string("scalar")
                case .fixed(let dims):
                    b["shape"] = .string("fixed")
                    b["dims"] = .array(dims.map { .int(Int64($0)) })
                case .jagged(let counter, let inner):
                    b["shape"] = .string("jagged")
                    b["counter"] = .string(counter)
                    b["dims"] = .array(inner.map { .int(Int64($0)) })
                    b["offsets"] = .array((c.offsets ?? []).map { .int($0) })
                }
                branches[c.name] = .object(b)
            }
            var skipped: [String: JSONValue] = [:]
            for b in tree.branches where b.unsupportedReason != nil { skipped[b.name] = .string(b.unsupportedReason ?? "") }
            trees[path] = .object(["tree": .string(tree.name), "entries": .int(tree.entries), "branches": .object(branches),
                                   "skipped": .object(skipped)])
        }
        return try serialize(.object(["format": .string("ROOT"), "trees": .object(trees), "unreadableTrees": .object(unreadable)]), path: file.path)
    }

    /// {"format": "LHE", "version", "init": {...}, "weightNames", "events": [{"info": [NUP IDPRUP
    /// XWGTUP SCALUP AQEDUP AQCDUP], "weights", "particles": [[IDUP ISTUP MOTHUP1 MOTHUP2 ICOLUP1
    /// ICOLUP2 px py pz E m VTIMUP SPINUP]]}]}.
    public static func lhe(_ file: LHEFile, path: String) throws(EventIOError) -> [UInt8] {
        let i = file.initialization
        let initialization: JSONValue = .object([
            "beamIDs": .array(i.beamIDs.map { .string("\($0)") }), "beamEnergies": .array(i.beamEnergies.map { .string(number($0)) }),
            "pdfGroups": .array(i.pdfGroups.map { .string("\($0)") }), "pdfSets": .array(i.pdfSets.map { .string("\($0)") }),
            "weightingStrategy": .string("\(i.weightingStrategy)"),
            "processes": .array(i.processes.map { p in
                .array([number(p.crossSection), number(p.crossSectionError), number(p.maxWeight), "\(p.id)"].map(JSONValue.string))
            }),
        ])
        let events: [JSONValue] = file.events.map { e in
            .object([
                "info": .array(["\(e.particles.count)", "\(e.processID)", number(e.weight), number(e.scale), number(e.alphaQED),
                                number(e.alphaQCD)].map(JSONValue.string)),
                "weights": .array(e.weights.map { .string(number($0)) }),
                "particles": .array(e.particles.map { p in
                    .array((["\(p.pdg)", "\(p.status)"] + p.mothers.map { "\($0)" } + p.colors.map { "\($0)" }
                            + [p.px, p.py, p.pz, p.e, p.m, p.lifetime, p.spin].map(number)).map(JSONValue.string))
                }),
            ])
        }
        return try serialize(.object(["format": .string("LHE"), "version": .string(file.version), "init": initialization,
                                      "weightNames": .array(file.weightNames.map(JSONValue.string)), "events": .array(events)]), path: path)
    }

    /// {"format": "HepMC3", "weightNames", "events": [{"number", "units", "weights", "attributes":
    /// {name: value} (event-level), "particles": [[id mother pdg px py pz e m status]],
    /// "vertices": [[id status [incoming]]]}]}.
    public static func hepmc(_ file: HepMCFile, path: String) throws(EventIOError) -> [UInt8] {
        let events: [JSONValue] = file.events.map { e in
            var attributes: [String: JSONValue] = [:]
            for a in e.attributes where a.id == 0 { attributes[a.name] = .string(a.value) }
            return .object([
                "number": .string("\(e.number)"), "units": .array([.string(e.momentumUnit), .string(e.lengthUnit)]),
                "weights": .array(e.weights.map { .string(number($0)) }), "attributes": .object(attributes),
                "particles": .array(e.particles.map { p in
                    .array((["\(p.id)", "\(p.mother)", "\(p.pdg)"] + [p.px, p.py, p.pz, p.e, p.m].map(number) + ["\(p.status)"]).map(JSONValue.string))
                }),
                "vertices": .array(e.vertices.map { v in
                    .array([.string("\(v.id)"), .string("\(v.status)"), .array(v.incoming.map { .string("\($0)") })])
                }),
            ])
        }
        return try serialize(.object(["format": .string("HepMC3"), "weightNames": .array(file.weightNames.map(JSONValue.string)),
                                      "events": .array(events)]), path: path)
    }

    static func number(_ x: Double) -> String {
        x.isNaN ? "nanbits:\(x.bitPattern)" : x.isInfinite ? (x > 0 ? "inf" : "-inf") : "\(x)"
    }

    static func number(_ x: Float) -> String {
        x.isNaN ? "nanbits:\(x.bitPattern)" : x.isInfinite ? (x > 0 ? "inf" : "-inf") : "\(x)"
    }

    static func strings(_ a: ROOTArray) -> [String] {
        switch a {
        case .bool(let v): v.map { $0 ? "1" : "0" }
        case .int8(let v): v.map { "\($0)" }
        case .uint8(let v): v.map { "\($0)" }
        case .int16(let v): v.map { "\($0)" }
        case .uint16(let v): v.map { "\($0)" }
        case .int32(let v): v.map { "\($0)" }
        case .uint32(let v): v.map { "\($0)" }
        case .int64(let v): v.map { "\($0)" }
        case .uint64(let v): v.map { "\($0)" }
        case .float32(let v): v.map { number($0) }
        case .float64(let v): v.map { number($0) }
        }
    }

    private static func serialize(_ value: JSONValue, path: String) throws(EventIOError) -> [UInt8] {
        do {
            return try JSONSerializer.serialize(value)
        } catch {
            throw .invalidStore(path: path, reason: "cannot serialise the dump: \(error.path) \(error.reason)")
        }
    }
}

extension ROOTTree {
    /// The algorithm of the first compressed block of the branch's first basket ("zlib", "LZ4",
    /// "ZSTD", "LZMA"), "none" when it is stored uncompressed, nil without baskets.
    public func basketCompression(of branch: ROOTBranch) -> String? {
        guard let location = branch.baskets.first else { return branch.embeddedBaskets > 0 ? "none (embedded)" : nil }
        var c = ROOTCursor(bytes: file.mapping.bytes, position: Int(location.seek), path: file.path, context: "basket 0 of '\(branch.name)'")
        guard let key = try? ROOTFile.readKey(&c, directory: ""), key.isCompressed else { return "none" }
        let start = Int(location.seek) + key.keyLength
        guard start + 2 <= file.mapping.bytes.count else { return nil }
        switch String(decoding: [file.mapping.bytes[start], file.mapping.bytes[start + 1]], as: UTF8.self) {
        case "ZL": return "zlib"
        case "L4": return "LZ4"
        case "ZS": return "ZSTD"
        case "XZ": return "LZMA"
        case let other: return "unknown (\(other))"
        }
    }
}
