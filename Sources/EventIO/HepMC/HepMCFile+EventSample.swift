import Foundation
import HEPCore

extension HepMCFile {
    /// The file as HepMC3 ASCII text (numbers in their shortest round-trip form).
    public func text() -> String {
        var out = "HepMC::Version \(version)\nHepMC::Asciiv3-START_EVENT_LISTING\n"
        if !weightNames.isEmpty { out += "W " + Self.escape(weightNames.joined(separator: "\n")) + "\n" }
        for t in tools { out += "T " + t.replacingOccurrences(of: "|", with: "\\|") + "\n" }
        for a in runAttributes { out += "A \(a.name) \(Self.escape(a.value))\n" }
        func n(_ x: Double) -> String { LHEFile.number(x) }
        for e in events {
            out += "E \(e.number) \(e.vertices.count) \(e.particles.count)"
            if let p = e.position { out += " @ " + p.map(n).joined(separator: " ") }
            out += "\nU \(e.momentumUnit) \(e.lengthUnit)\n"
            if !e.weights.isEmpty { out += "W " + e.weights.map(n).joined(separator: " ") + "\n" }
            for a in e.attributes { out += "A \(a.id) \(a.name) \(Self.escape(a.value))\n" }
            var vertexByFirstOutgoing: [Int: HepMCVertex] = [:]
            for v in e.vertices {
                if let first = e.particles.first(where: { $0.mother == v.id }) { vertexByFirstOutgoing[first.id] = v }
            }
            var written = Set<Int>()
            for p in e.particles {
                if let v = vertexByFirstOutgoing[p.id], !written.contains(v.id) {
                    out += "V \(v.id) \(v.status) [" + v.incoming.map(String.init).joined(separator: ",") + "]"
                    if let pos = v.position { out += " @ " + pos.map(n).joined(separator: " ") }
                    out += "\n"
                    written.insert(v.id)
                }
                out += "P \(p.id) \(p.mother) \(p.pdg) \(n(p.px)) \(n(p.py)) \(n(p.pz)) \(n(p.e)) \(n(p.m)) \(p.status)\n"
            }
        }
        out += "HepMC::Asciiv3-END_EVENT_LISTING\n"
        return out
    }

    /// Writes the file to `url` atomically (gzipped when `url` ends in `.gz`).
    public func write(to url: URL) throws(EventIOError) {
        var bytes = Array(text().utf8)
        if url.pathExtension.lowercased() == "gz" { bytes = try Gzip.compress(bytes, path: url.path(percentEncoded: false)) }
        try writeAtomically(bytes, to: url)
    }

    /// The events as a DarkScan sample. Momenta are converted to GeV (÷ 1000 when the U line
    /// says MEV). A particle's mother is the first incoming particle of its production vertex (or
    /// its one parent). Status codes are kept (they must fit in -128...127).
    ///
    /// Weights: the first weight of each event (1 when an event has none). When the events carry
    /// a GenCrossSection attribute, weights are scaled so that they sum to the cross section of the
    /// last event (HepMC's running estimate), in pb; without one they are taken as pb per event.
    /// A file written by DarkScan carries the sample's metadata as the run attribute
    /// `darkscan_metadata` and gets it back.
    public func eventSample(path: String = "<memory>") throws(EventIOError) -> EventSample {
        let raw = events.map { $0.weights.first ?? 1 }
        let sum = raw.reduce(0, +)
        let sigma = events.last?.crossSection
        let scale = sigma.map { sum == 0 ? 0 : $0.value / sum } ?? 1
        var sample = EventSample(metadata: metadata(crossSection: sigma, sum: sum))
        for (k, e) in events.enumerated() {
            let factor = e.momentumUnit == "MEV" ? 1e-3 : 1
            var vertexMother: [Int: Int] = [:]
            for v in e.vertices { if let first = v.incoming.first { vertexMother[v.id] = first } }
            var particles: [EventSample.Particle] = []
            for p in e.particles {
                let parent = p.mother > 0 ? p.mother : (p.mother < 0 ? vertexMother[p.mother] ?? 0 : 0)
                particles.append(EventSample.Particle(id: PDGID(Int32(clamping: p.pdg)), mother: Int32(parent - 1),
                                                      momentum: FourMomentum(e: p.e * factor, px: p.px * factor, py: p.py * factor, pz: p.pz * factor)))
            }
            sample.append(weight: raw[k] * scale, particles: particles)
            let base = Int(sample.particleOffsets[sample.count - 1])
            for (i, p) in e.particles.enumerated() {
                guard let s = Int8(exactly: p.status) else {
                    throw .unsupportedContent(path: path, format: "HepMC3", place: "event \(e.number), particle \(p.id)",
                                              reason: "status \(p.status) does not fit DarkScan's 8-bit status column")
                }
                sample.status[base + i] = s
            }
        }
        return sample
    }

    private func metadata(crossSection: (value: Double, error: Double)?, sum: Double) -> SampleMetadata {
        if let a = runAttributes.first(where: { $0.name == "darkscan_metadata" }), let data = a.value.data(using: .utf8),
           var m = try? JSONDecoder().decode(SampleMetadata.self, from: data) {
            m.eventsKept = events.count
            return m
        }
        var settings = ["format": "HepMC3 ASCII \(version)"]
        if !weightNames.isEmpty { settings["weightNames"] = weightNames.joined(separator: " ") }
        if !tools.isEmpty { settings["tools"] = tools.joined(separator: "; ") }
        for a in runAttributes { settings["attribute." + a.name] = a.value }
        let weights = events.map { $0.weights.first ?? 1 }
        return SampleMetadata(process: "HepMC3 events" + (tools.first.map { " from \($0.split(separator: "|").first ?? "")" } ?? ""),
                              processKey: "hepmc", collider: "unknown", frame: "lab",
                              crossSectionPicobarn: crossSection?.value ?? sum, crossSectionErrorPicobarn: crossSection?.error ?? 0,
                              eventsTried: events.count, eventsKept: events.count, weighted: Set(weights).count > 1, seed: 0, settings: settings)
    }

    /// A HepMC3 file of `sample`: one weight ("nominal", the event's weight in pb), the cross
    /// section (sum of the weights) as each event's GenCrossSection, GeV and mm. Particles whose
    /// mother is -1 and are not beams (status 4) come out of one vertex whose incoming particles
    /// are the beams (when there are any); each other mother gets a decay vertex. Particles keep
    /// their order (ids = index + 1) when every mother precedes its daughters, as HepMC3 readers
    /// need; otherwise they are reordered so that it does.
    public init(eventSample sample: EventSample) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(sample.metadata)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let total = sample.weights.reduce(0, +)
        let kept = sample.count
        var events: [HepMCEvent] = []
        events.reserveCapacity(sample.count)
        for i in 0..<sample.count {
            let range = sample.particles(ofEvent: i)
            let local = range.map { $0 - range.lowerBound }
            let mothers = range.map { Int(sample.mother[$0]) }
            let order = Self.topologicalOrder(mothers)
            var newID = [Int](repeating: 0, count: local.count)
            for (position, k) in order.enumerated() { newID[k] = position + 1 }
            let beams = local.filter { sample.status[range.lowerBound + $0] == 4 }
            var vertices: [HepMCVertex] = []
            var vertexOf: [Int: Int] = [:]  // mother (local index, -1 for the beams) -> vertex id
            func vertex(for mother: Int) -> Int {
                if let v = vertexOf[mother] { return v }
                let id = -(vertices.count + 1)
                vertices.append(HepMCVertex(id: id, incoming: mother < 0 ? beams.map { newID[$0] }.sorted() : [newID[mother]]))
                vertexOf[mother] = id
                return id
            }
            var particles: [HepMCParticle] = []
            for k in order {
                let g = range.lowerBound + k
                let m = mothers[k]
                let production = m >= 0 ? vertex(for: m) : (beams.isEmpty || beams.contains(k) ? 0 : vertex(for: -1))
                let p2 = sample.px[g] * sample.px[g] + sample.py[g] * sample.py[g] + sample.pz[g] * sample.pz[g]
                particles.append(HepMCParticle(id: newID[k], mother: production, pdg: Int(sample.pdg[g]), px: sample.px[g], py: sample.py[g],
                                               pz: sample.pz[g], e: sample.e[g], m: max(sample.e[g] * sample.e[g] - p2, 0).squareRoot(),
                                               status: Int(sample.status[g])))
            }
            let xs = "\(LHEFile.number(total)) \(LHEFile.number(sample.metadata.crossSectionErrorPicobarn)) \(kept) \(sample.metadata.eventsTried)"
            events.append(HepMCEvent(number: i, weights: [sample.weights[i]], attributes: [HepMCAttribute(name: "GenCrossSection", value: xs)],
                                     particles: particles, vertices: vertices))
        }
        self.init(weightNames: ["nominal"], tools: ["DarkScan|\(DarkScanVersion.string)|\(sample.metadata.process)"],
                  runAttributes: [HepMCAttribute(name: "darkscan_metadata", value: json)], events: events)
    }

    /// An order of the particles in which every mother precedes its daughters (the identity when
    /// it already does); cycles, which a valid sample cannot have, keep the given order.
    static func topologicalOrder(_ mothers: [Int]) -> [Int] {
        if mothers.enumerated().allSatisfy({ $0.element < $0.offset }) { return Array(mothers.indices) }
        var order: [Int] = [], placed = [Bool](repeating: false, count: mothers.count)
        func place(_ k: Int, depth: Int) {
            guard !placed[k] else { return }
            let m = mothers[k]
            if m >= 0 && m < mothers.count && depth < mothers.count { place(m, depth: depth + 1) }
            if !placed[k] { placed[k] = true; order.append(k) }
        }
        for k in mothers.indices { place(k, depth: 0) }
        return order
    }
}
