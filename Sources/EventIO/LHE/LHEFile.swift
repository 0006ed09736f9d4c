/// A Les Houches Event file (LHEF): version 1.0 (Alwall et al., hep-ph/0609017), 2.0 and 3.0
/// (Andersen et al., arXiv:1405.1067), as in memory.
///
/// ```
/// <LesHouchesEvents version="3.0">
/// <header> ... free text and XML ... </header>
/// <init>
///  IDBMUP(1) IDBMUP(2) EBMUP(1) EBMUP(2) PDFGUP(1) PDFGUP(2) PDFSUP(1) PDFSUP(2) IDWTUP NPRUP
///  XSECUP XERRUP XMAXUP LPRUP            (NPRUP lines, one per process; XSECUP, XERRUP in pb)
///  [<generator>, <weightinfo name=...>, <initrwgt> with <weight id=...> ...]
/// </init>
/// <event>
///  NUP IDPRUP XWGTUP SCALUP AQEDUP AQCDUP
///  IDUP ISTUP MOTHUP(1) MOTHUP(2) ICOLUP(1) ICOLUP(2) PUP(1..5) VTIMUP SPINUP   (NUP lines)
///  [<rwgt> <wgt id="..."> value </wgt> ... </rwgt>] [<weights> values </weights>] [# comments]
/// </event>
/// </LesHouchesEvents>
/// ```
///
/// PUP = (px, py, pz, E, m) in GeV; ISTUP: -1 incoming, +1 outgoing, +2 intermediate resonance,
/// +3 documentation, -2 space-like, -9 incoming beam; MOTHUP are 1-based particle indices, 0 for none.
public struct LHEFile: Sendable, Equatable {
    public var version: String
    /// The raw text inside `<header>...</header>`, if any.
    public var header: String?
    public var initialization: LHEInit
    public var events: [LHEEvent]
    /// The ids (or names) of the alternative weights, in the order of ``LHEEvent/weights``.
    public var weightNames: [String]

    public init(version: String = "3.0", header: String? = nil, initialization: LHEInit, events: [LHEEvent] = [], weightNames: [String] = []) {
        self.version = version
        self.header = header
        self.initialization = initialization
        self.events = events
        self.weightNames = weightNames
    }
}

/// The `<init>` block.
public struct LHEInit: Sendable, Equatable {
    /// IDBMUP: the PDG ids of the two beams.
    public var beamIDs: [Int]
    /// EBMUP: the beam energies, GeV.
    public var beamEnergies: [Double]
    /// PDFGUP, PDFSUP: the PDF author group and set of each beam (0 for lepton beams).
    public var pdfGroups: [Int]
    public var pdfSets: [Int]
    /// IDWTUP: the weighting strategy (see ``LHEFile/eventSample(path:)`` for how each is read).
    public var weightingStrategy: Int
    public var processes: [LHEProcess]
    /// Lines after the process lines (<generator>, <initrwgt>, ...), kept as text.
    public var extra: [String]

    public init(beamIDs: [Int], beamEnergies: [Double], pdfGroups: [Int] = [0, 0], pdfSets: [Int] = [0, 0],
                weightingStrategy: Int, processes: [LHEProcess], extra: [String] = []) {
        self.beamIDs = beamIDs
        self.beamEnergies = beamEnergies
        self.pdfGroups = pdfGroups
        self.pdfSets = pdfSets
        self.weightingStrategy = weightingStrategy
        self.processes = processes
        self.extra = extra
    }
}

/// One process of the `<init>` block.
public struct LHEProcess: Sendable, Equatable {
    /// XSECUP and XERRUP: the cross section and its error, pb; XMAXUP: the largest weight.
    public var crossSection: Double
    public var crossSectionError: Double
    public var maxWeight: Double
    /// LPRUP: the process id events refer to (IDPRUP).
    public var id: Int

    public init(crossSection: Double, crossSectionError: Double, maxWeight: Double, id: Int) {
        self.crossSection = crossSection
        self.crossSectionError = crossSectionError
        self.maxWeight = maxWeight
        self.id = id
    }
}

/// One `<event>`.
public struct LHEEvent: Sendable, Equatable {
    public var processID: Int
    /// XWGTUP, the event weight (its meaning depends on IDWTUP).
    public var weight: Double
    public var scale: Double
    public var alphaQED: Double
    public var alphaQCD: Double
    public var particles: [LHEParticle]
    /// Alternative weights, in the order of ``LHEFile/weightNames`` (NaN where an event lacks one).
    public var weights: [Double]

    public init(processID: Int, weight: Double, scale: Double = 0, alphaQED: Double = 0, alphaQCD: Double = 0,
                particles: [LHEParticle], weights: [Double] = []) {
        self.processID = processID
        self.weight = weight
        self.scale = scale
        self.alphaQED = alphaQED
        self.alphaQCD = alphaQCD
        self.particles = particles
        self.weights = weights
    }
}

/// One particle line.
public struct LHEParticle: Sendable, Equatable {
    public var pdg: Int
    public var status: Int
    public var mothers: [Int]
    public var colors: [Int]
    /// px, py, pz, E, m in GeV.
    public var px: Double
    public var py: Double
    public var pz: Double
    public var e: Double
    public var m: Double
    public var lifetime: Double
    public var spin: Double

    public init(pdg: Int, status: Int, mothers: [Int] = [0, 0], colors: [Int] = [0, 0], px: Double, py: Double, pz: Double,
                e: Double, m: Double, lifetime: Double = 0, spin: Double = 9) {
        self.pdg = pdg
        self.status = status
        self.mothers = mothers
        self.colors = colors
        self.px = px
        self.py = py
        self.pz = pz
        self.e = e
        self.m = m
        self.lifetime = lifetime
        self.spin = spin
    }
}
