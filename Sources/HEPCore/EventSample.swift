/// Where a sample's events came from and how to normalise them.
///
/// Units: cross sections in pb. Event weights are in pb too, normalised so that the sum of the
/// weights of all kept events estimates the cross section after the generator-level cuts: the
/// expected yield of any selection in L fb^-1 is L * 1000 * (sum of selected weights), whether the
/// sample is weighted or unweighted.
public struct SampleMetadata: Codable, Sendable, Hashable {
    /// The process as physicists write it, e.g. "e+ e- -> mu+ mu- Z'".
    public var process: String
    /// The short key used on the command line, e.g. "mumu-zprime".
    public var processKey: String
    /// The collider whose beams the events were generated for ("belle", "belle2").
    public var collider: String
    /// The frame of the stored four-momenta: "lab" or "cm".
    public var frame: String
    /// Cross section after generator-level cuts and its Monte Carlo error, pb.
    public var crossSectionPicobarn: Double
    public var crossSectionErrorPicobarn: Double
    /// Phase-space points tried and events kept; kept / tried with the cross section gives any
    /// selection's efficiency and error.
    public var eventsTried: Int
    public var eventsKept: Int
    /// True for weighted events, false for unit-weight (unweighted) events.
    public var weighted: Bool
    /// The seed of the generator's random streams.
    public var seed: UInt64
    /// The full configuration (process parameters, cuts, options) as key-value text.
    public var settings: [String: String]
    /// The DarkScan version that wrote the sample.
    public var version: String

    public init(process: String, processKey: String, collider: String, frame: String,
                crossSectionPicobarn: Double, crossSectionErrorPicobarn: Double,
                eventsTried: Int, eventsKept: Int, weighted: Bool, seed: UInt64,
                settings: [String: String], version: String = DarkScanVersion.string) {
        self.process = process
        self.processKey = processKey
        self.collider = collider
        self.frame = frame
        self.crossSectionPicobarn = crossSectionPicobarn
        self.crossSectionErrorPicobarn = crossSectionErrorPicobarn
        self.eventsTried = eventsTried
        self.eventsKept = eventsKept
        self.weighted = weighted
        self.seed = seed
        self.settings = settings
        self.version = version
    }
}

/// Particle status codes (the HepMC convention): 1 = final state, 2 = decayed, 4 = beam.
public enum ParticleStatus: Int8, Sendable, Codable {
    case finalState = 1
    case decayed = 2
    case beam = 4
}

/// A sample of generated events as columns (struct of arrays): one entry per particle in the
/// particle columns, events delimited by `particleOffsets` (event i owns particles
/// particleOffsets[i] ..< particleOffsets[i + 1]). Four-momenta in GeV; `mother` is the index of the
/// mother particle within the same event, or -1 (tau daughters point at their tau).
public struct EventSample: Sendable, Equatable {
    public var metadata: SampleMetadata
    /// Per-event weights in pb (see ``SampleMetadata``).
    public var weights: [Double] = []
    /// count + 1 offsets into the particle columns, starting at 0.
    public var particleOffsets: [Int64] = [0]
    public var pdg: [Int32] = []
    public var status: [Int8] = []
    public var mother: [Int32] = []
    public var e: [Double] = []
    public var px: [Double] = []
    public var py: [Double] = []
    public var pz: [Double] = []

    public init(metadata: SampleMetadata) { self.metadata = metadata }

    /// Number of events.
    public var count: Int { weights.count }
    /// Total number of particles.
    public var particleCount: Int { pdg.count }

    /// One particle of an event, for appending.
    public struct Particle: Sendable, Equatable {
        public var id: PDGID
        public var status: ParticleStatus
        /// Index of the mother within the event, or -1.
        public var mother: Int32
        public var momentum: FourMomentum
        public init(id: PDGID, status: ParticleStatus = .finalState, mother: Int32 = -1, momentum: FourMomentum) {
            self.id = id
            self.status = status
            self.mother = mother
            self.momentum = momentum
        }
    }

    /// Appends an event.
    public mutating func append(weight: Double, particles: [Particle]) {
        weights.append(weight)
        for p in particles {
            pdg.append(p.id.rawValue)
            status.append(p.status.rawValue)
            mother.append(p.mother)
            e.append(p.momentum.e)
            px.append(p.momentum.px)
            py.append(p.momentum.py)
            pz.append(p.momentum.pz)
        }
        particleOffsets.append(Int64(pdg.count))
    }

    /// Appends all events of another sample (e.g. another thread's chunk), keeping this metadata.
    public mutating func append(contentsOf other: EventSample) {
        let base = Int64(pdg.count)
        weights += other.weights
        particleOffsets += other.particleOffsets.dropFirst().map { $0 + base }
        pdg += other.pdg
        status += other.status
        mother += other.mother
        e += other.e
        px += other.px
        py += other.py
        pz += other.pz
    }

    /// The particle index range of event `i`.
    public func particles(ofEvent i: Int) -> Range<Int> {
        Int(particleOffsets[i])..<Int(particleOffsets[i + 1])
    }

    /// The four-momentum of particle `k` (a global particle index).
    public func momentum(_ k: Int) -> FourMomentum {
        FourMomentum(e: e[k], px: px[k], py: py[k], pz: pz[k])
    }

    /// The particles of event `i`.
    public func event(_ i: Int) -> [Particle] {
        particles(ofEvent: i).map { k in
            Particle(id: PDGID(pdg[k]), status: ParticleStatus(rawValue: status[k]) ?? .finalState,
                     mother: mother[k], momentum: momentum(k))
        }
    }
}
