import Foundation
import HEPCore

extension LHEFile {
    /// The events as a DarkScan sample.
    ///
    /// Particles: status -1 (incoming) and -9 (incoming beam) become 4 (HepMC's beam), 1 and 2
    /// stay; other codes (3, -2) are kept as they are. The mother is MOTHUP(1) - 1 (-1 for none).
    /// Four-momenta are taken as GeV, as the standard fixes.
    ///
    /// Weights (pb, summing to the cross section, DarkScan's convention), from XWGTUP by IDWTUP
    /// (hep-ph/0609017, section 2):
    /// - ±1 and ±4 (weighted events, XWGTUP in pb, the cross section is their mean): w = XWGTUP / N;
    /// - ±3 (unit-weight events): w = sign(XWGTUP) * sum(XSECUP) / N;
    /// - ±2 (weights relative within each process, the cross section per process in XSECUP):
    ///   w = XSECUP(p) * XWGTUP / (sum of XWGTUP of the events of process p).
    /// N is the number of events in the file. Generators that write XWGTUP = sigma / N instead of
    /// the mean convention (MadGraph with event_norm = sum) are read with `sumNormalised: true`.
    /// A sample written by DarkScan carries its metadata in the header and gets it back.
    public func eventSample(path: String = "<memory>", sumNormalised: Bool = false) throws(EventIOError) -> EventSample {
        var sample = EventSample(metadata: try sampleMetadata(path: path))
        let n = Double(max(events.count, 1))
        let totalCrossSection = initialization.processes.reduce(0) { $0 + $1.crossSection }
        var processSums: [Int: Double] = [:]
        for e in events { processSums[e.processID, default: 0] += e.weight }
        let strategy = abs(initialization.weightingStrategy)
        for (k, e) in events.enumerated() {
            let w: Double
            if sumNormalised {
                w = e.weight
            } else {
                switch strategy {
                case 3: w = (e.weight < 0 ? -1 : 1) * totalCrossSection / n
                case 2:
                    let sigma = initialization.processes.first { $0.id == e.processID }?.crossSection ?? totalCrossSection
                    let sum = processSums[e.processID] ?? 0
                    w = sum == 0 ? 0 : sigma * e.weight / sum
                default: w = e.weight / n
                }
            }
            var particles: [EventSample.Particle] = []
            for (i, p) in e.particles.enumerated() {
                let mother = p.mothers.first ?? 0
                guard mother <= e.particles.count else {
                    throw .malformedFile(path: path, format: "LHE", place: "event \(k), particle \(i + 1)", reason: "mother \(mother) does not exist")
                }
                particles.append(EventSample.Particle(id: PDGID(Int32(clamping: p.pdg)), status: .finalState, mother: Int32(mother - 1),
                                                      momentum: FourMomentum(e: p.e, px: p.px, py: p.py, pz: p.pz)))
            }
            sample.append(weight: w, particles: particles)
            // Status codes outside ParticleStatus are stored as they are.
            let base = Int(sample.particleOffsets[sample.count - 1])
            for (i, p) in e.particles.enumerated() {
                let status = p.status == -1 || p.status == -9 ? 4 : p.status
                guard let s = Int8(exactly: status) else {
                    throw .malformedFile(path: path, format: "LHE", place: "event \(k), particle \(i + 1)", reason: "status \(p.status)")
                }
                sample.status[base + i] = s
            }
        }
        return sample
    }

    private func sampleMetadata(path: String) throws(EventIOError) -> SampleMetadata {
        if let header, let json = Self.element("darkscan-metadata", in: header),
           let data = json.data(using: .utf8), let m = try? JSONDecoder().decode(SampleMetadata.self, from: data) {
            var m = m
            m.eventsKept = events.count
            return m
        }
        let i = initialization
        let sigma = i.processes.reduce(0) { $0 + $1.crossSection }
        let error = i.processes.reduce(0) { $0 + $1.crossSectionError * $1.crossSectionError }.squareRoot()
        var settings: [String: String] = [
            "format": "LHE \(version)", "IDWTUP": "\(i.weightingStrategy)",
            "beams": "\(i.beamIDs.map(String.init).joined(separator: " ")) at \(i.beamEnergies.map { "\($0)" }.joined(separator: " ")) GeV",
            "processes": i.processes.map { "\($0.id): \($0.crossSection) +- \($0.crossSectionError) pb" }.joined(separator: "; "),
        ]
        if !weightNames.isEmpty { settings["weightNames"] = weightNames.joined(separator: " ") }
        if let generator = i.extra.first(where: { $0.contains("<generator") }) { settings["generator"] = generator.trimmingCharacters(in: .whitespaces) }
        return SampleMetadata(process: "LHE events: beams \(i.beamIDs.map(String.init).joined(separator: " + "))", processKey: "lhe",
                              collider: "unknown", frame: "lab", crossSectionPicobarn: sigma, crossSectionErrorPicobarn: error,
                              eventsTried: events.count, eventsKept: events.count, weighted: abs(i.weightingStrategy) != 3,
                              seed: 0, settings: settings)
    }

    /// The text between `<name>` and `</name>`.
    static func element(_ name: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(name)>"), let close = text.range(of: "</\(name)>"), open.upperBound <= close.lowerBound else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }

    /// An LHE 3.0 file of `sample`: IDWTUP = -4 (signed weighted events, the cross section the mean
    /// of XWGTUP), XWGTUP = w * N, one process of XSECUP = sum of the weights and XERRUP = the
    /// sample's error. Beams: e- and e+ of the sample's collider (lab frame) or at sqrt(s)/2 each
    /// (cm frame), else those of the incoming particles of the first event. Status 4 is written -1
    /// (incoming), 1 and 2 as they are, other codes as 2; MOTHUP(1) = MOTHUP(2) = mother + 1,
    /// except for daughters of two incoming particles (1 2). Masses are sqrt(max(E^2 - p^2, 0)).
    /// The sample's metadata goes into the header, so DarkScan reads it back.
    public init(eventSample sample: EventSample) throws(EventIOError) {
        let n = Double(sample.count)
        let total = sample.weights.reduce(0, +)
        var beams: [Int] = [11, -11], energies: [Double] = [0, 0]
        if let frame = try? ColliderFrame.named(sample.metadata.collider) {
            energies = sample.metadata.frame == "cm" ? [frame.sqrtS / 2, frame.sqrtS / 2] : [frame.electronEnergy, frame.positronEnergy]
        } else if sample.count > 0 {
            let incoming = sample.particles(ofEvent: 0).filter { sample.status[$0] == 4 }
            if incoming.count == 2 {
                beams = incoming.map { Int(sample.pdg[$0]) }
                energies = incoming.map { sample.e[$0] }
            }
        }
        var events: [LHEEvent] = []
        events.reserveCapacity(sample.count)
        for i in 0..<sample.count {
            let range = sample.particles(ofEvent: i)
            let incoming = range.filter { sample.status[$0] == 4 }.map { $0 - range.lowerBound }
            var particles: [LHEParticle] = []
            for k in range {
                let status = Int(sample.status[k])
                let m = Int(sample.mother[k])
                var mothers = [m + 1, m + 1]
                if incoming.count == 2 && incoming.contains(m) { mothers = [incoming[0] + 1, incoming[1] + 1] }
                let p2 = sample.px[k] * sample.px[k] + sample.py[k] * sample.py[k] + sample.pz[k] * sample.pz[k]
                particles.append(LHEParticle(pdg: Int(sample.pdg[k]), status: status == 4 ? -1 : (status == 1 ? 1 : 2), mothers: mothers,
                                             px: sample.px[k], py: sample.py[k], pz: sample.pz[k], e: sample.e[k],
                                             m: max(sample.e[k] * sample.e[k] - p2, 0).squareRoot()))
            }
            events.append(LHEEvent(processID: 1, weight: sample.weights[i] * n, particles: particles))
        }
        let maxWeight = events.map { abs($0.weight) }.max() ?? 0
        let initialization = LHEInit(beamIDs: beams, beamEnergies: energies, weightingStrategy: -4,
                                     processes: [LHEProcess(crossSection: total, crossSectionError: sample.metadata.crossSectionErrorPicobarn,
                                                            maxWeight: maxWeight, id: 1)],
                                     extra: ["<generator name=\"DarkScan\" version=\"\(DarkScanVersion.string)\">\(sample.metadata.process)</generator>"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(sample.metadata)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        self.init(version: "3.0", header: "<darkscan-metadata>\(json)</darkscan-metadata>", initialization: initialization, events: events)
    }
}
