/// The analysis spec: everything `darkscan run` needs, versioned, read from YAML (keys in
/// kebab-case). Every field has a default in the embedded default spec
/// (`Resources/default-analysis.yaml`, printed by `darkscan spec --default`, which documents each
/// field's meaning, unit and allowed range); a user spec overrides any subset of them. Units: GeV,
/// luminosity in fb^-1, cross sections in pb.
public struct AnalysisSpec: Codable, Sendable, Equatable {
    /// The format version this DarkScan reads.
    public static let formatVersion = 1

    public var version: Int
    /// A short name (file names and the report's title).
    public var name: String
    public var title: String
    /// The seed from which every stage's random streams are derived.
    public var seed: UInt64
    /// Collider: belle or belle2.
    public var collider: String
    /// Detector card: belle, belle2 or the path of a card file.
    public var detector: String
    /// The data's integrated luminosity in fb^-1.
    public var luminosity: Double
    /// Worker threads (0: all cores). Results do not depend on it.
    public var threads: Int
    public var generator: Generator
    public var signal: Signal
    public var backgrounds: [Background]
    /// Z' scenarios for the g' limits: vanilla, fully-invisible.
    public var scenarios: [String]
    public var region: Region
    public var cuts: CutSelection
    public var network: Network
    public var statistics: Statistics
    public var outputs: Outputs

    /// Event-generator settings shared by every sample.
    public struct Generator: Codable, Sendable, Equatable {
        /// VEGAS / channel-weight adaptation iterations and points per iteration (0: each process's recommendation).
        public var adaptationIterations: Int
        public var pointsPerIteration: Int
        /// Points of the pass that fixes the cross section and the maximum weight before sampling.
        public var integrationPoints: Int
        /// The cost of one kept event in matrix-element evaluations, which fixes the unweighting maximum
        /// (EventGeneration's ``CrossSection/unweightingMaximum``); 0: each process's recommendation.
        public var eventCost: Double
        /// For mumu-gamma, eemumu and mumumumu: generate only events with two muons inside the
        /// detector card's tracking acceptance and above the momentum where its muon identification
        /// starts (both widened by margins): events outside cannot pass the preselection.
        public var detectorAcceptanceCut: Bool
        /// For tautau-gamma and mumutautau: the probability with which each tau is decayed to
        /// mu nu nu (importance sampling, events weighted by BR / probability); 0: the branching ratio.
        public var tauMuonProbability: Double
        /// Background samples of more events are produced in batches of at most this many: each batch
        /// generated (independent random streams of one integrated generator), simulated, reduced to
        /// its rows in the signal-like region and cached as such, one at a time, so that memory and the
        /// cache stay bounded whatever the sample's size and an interrupted run resumes at the batch.
        public var batchEvents: Int
        enum CodingKeys: String, CodingKey {
            case batchEvents = "batch-events"
            case tauMuonProbability = "tau-muon-probability"
            case detectorAcceptanceCut = "detector-acceptance-cut"
            case adaptationIterations = "adaptation-iterations"
            case pointsPerIteration = "points-per-iteration"
            case integrationPoints = "integration-points"
            case eventCost = "event-cost"
        }
    }

    /// The signal e+e- -> mu+ mu- Z' generated at every mass of the grid.
    public struct Signal: Codable, Sendable, Equatable {
        /// Z' decay generated: nunu (vanilla invisible) or chichi.
        public var decay: String
        /// The mass grid in GeV, strictly increasing.
        public var masses: [Double]
        /// Unweighted events per mass.
        public var events: Int
        enum CodingKeys: String, CodingKey { case decay, masses, events }
    }

    /// One background process.
    public struct Background: Codable, Sendable, Equatable {
        /// A process key of the event generator (mumu-gamma, tautau-gamma, eemumu, mumumumu, mumutautau).
        public var process: String
        /// Unweighted events.
        public var events: Int
        /// eemumu only: both muons at |cos theta*| below this (generator cut, CM frame).
        public var muonAcceptanceCos: Double?
        /// eemumu only: the smallest mu+ mu- mass (GeV).
        public var minimumPairMass: Double?
        /// mumu-gamma, eemumu: this sample's relative sampling probability outside the widened
        /// region, instead of `region.generator-bias`.
        public var generatorBias: Double?
        /// mumu-gamma, eemumu: this sample's relative sampling probability of points with a photon or
        /// electron the calorimeter would see, instead of `region.veto-bias`.
        public var vetoBias: Double?
        /// mumu-gamma, eemumu: a factor on the margins by which the generator's importance sampling
        /// widens the region (p_t 0.2 GeV, |cos theta*| 0.03, theta_lab 3 deg; ``SignalRegion``), for a
        /// process whose muons are measured well enough for narrower ones (nil: 1).
        public var generatorMargins: Double?
        /// tautau-gamma, mumutautau: this sample's tau -> mu nu nu sampling probability, instead of
        /// `generator.tau-muon-probability` (0: the branching ratio).
        public var tauMuonProbability: Double?
        /// This sample's unweighting event cost, instead of `generator.event-cost`.
        public var eventCost: Double?
        public init(process: String, events: Int, muonAcceptanceCos: Double? = nil, minimumPairMass: Double? = nil,
                    generatorBias: Double? = nil, vetoBias: Double? = nil, generatorMargins: Double? = nil, tauMuonProbability: Double? = nil,
                    eventCost: Double? = nil) {
            self.eventCost = eventCost
            self.generatorMargins = generatorMargins
            self.vetoBias = vetoBias
            self.process = process
            self.events = events
            self.muonAcceptanceCos = muonAcceptanceCos
            self.minimumPairMass = minimumPairMass
            self.generatorBias = generatorBias
            self.tauMuonProbability = tauMuonProbability
        }
        enum CodingKeys: String, CodingKey {
            case process, events
            case muonAcceptanceCos = "muon-acceptance-cos"
            case minimumPairMass = "minimum-pair-mass"
            case generatorBias = "generator-bias"
            case vetoBias = "veto-bias"
            case generatorMargins = "generator-margins"
            case tauMuonProbability = "tau-muon-probability"
            case eventCost = "event-cost"
        }
    }

    /// The signal-like region: fixed requirements on the reconstructed dimuon's recoil and the
    /// neutral energy that every sample meets before either selection (the seed's cut 9 at its
    /// starting values, cut 7 looser, cut 4 capped at 0.3 GeV, cut 5 at 0.4 GeV, below the thresholds
    /// the optimiser picks but at 2.5-3 GeV; the region keeps 92-99.8% of the signal), so that neither selection can reach events
    /// outside it; the Monte Carlo statistics (equivalent luminosity) are counted inside it, and the
    /// generator's importance sampling spends the events there.
    public struct Region: Codable, Sendable, Equatable {
        /// p_t of the dimuon in the CM frame above this (GeV).
        public var dimuonPt: Double
        /// |cos theta*| of the recoil momentum in the CM frame below this.
        public var recoilCosTheta: Double
        /// Lab polar angle of the recoil momentum inside [min, max] (degrees).
        public var recoilThetaLab: [Double]
        /// Summed energy of the neutral calorimeter clusters (lab) below this (GeV): the seed's cut 4
        /// capped (the optimised thresholds lie at or below it; 3 of the 150,000 default signal events
        /// were above 0.5).
        public var neutralEnergy: Double
        /// mumu-gamma: photons in the calorimeter above 1.1 x `neutralEnergy` are always lost in the
        /// simulation and their events weighted by 1 - photon efficiency (exact inside the region;
        /// ``DetectorSimulation/CalorimeterModule``).
        public var forcedPhotonLoss: Bool
        /// Backgrounds without the forced photon loss: both tracks of two-track events are always identified as
        /// muons in the simulation and their events weighted by the tracks' muon-ID probabilities
        /// (efficiencies, fake rates; exact for the preselection, which requires both tracks
        /// identified; ``DetectorSimulation/ParticleIDModule``).
        public var forcedMuonID: Bool
        /// mumu-gamma, eemumu: events whose true muons are outside the region widened by margins
        /// are generated with this relative probability and weighted by its inverse (importance
        /// sampling, ``SignalRegion``); 1: off.
        public var generatorBias: Double
        /// mumu-gamma, eemumu: events with a photon or electron above 1.1 x `neutralEnergy` (lab)
        /// inside the calorimeter's regions are generated with this relative probability and weighted
        /// by its inverse (``EventGeneration/CalorimeterVeto``); 1: off.
        public var vetoBias: Double
        enum CodingKeys: String, CodingKey {
            case dimuonPt = "dimuon-pt"
            case recoilCosTheta = "recoil-cos-theta"
            case recoilThetaLab = "recoil-theta-lab"
            case neutralEnergy = "neutral-energy"
            case forcedPhotonLoss = "forced-photon-loss"
            case forcedMuonID = "forced-muon-id"
            case generatorBias = "generator-bias"
            case vetoBias = "veto-bias"
        }
    }

    /// The seed's hand-crafted cuts optimised per mass.
    public struct CutSelection: Codable, Sendable, Equatable {
        public var enabled: Bool
        /// A named preselection before the cuts: none, tauskimA or tauskimB (Belle's tau skims).
        public var preselection: String
        /// significance (eps/sqrt(B), the seed's), punzi (eps/(3/2 + sqrt(B))) or uncertainties
        /// (eps/sqrt(B + (r B)^2 + sigma_MC^2), r the background normalisation systematics of
        /// `statistics.systematics`; ``AnalysisSpec/figureOfMerit``).
        public var figureOfMerit: String
        /// Half-width of the recoil window in units of sigma(M^2).
        public var windowSigmas: Double
        /// Neighbouring masses in the running mean that smooths the thresholds.
        public var smoothing: Int
        /// Candidate thresholds per cut and coordinate-search restarts.
        public var candidates: Int
        public var restarts: Int
        /// Thresholds keeping fewer signal Monte Carlo events (of the half they are optimised on) are
        /// never chosen (``Selection/CutOptimizer/minimumSignalEvents``).
        public var minimumSignalEvents: Int
        enum CodingKeys: String, CodingKey {
            case enabled, smoothing, candidates, restarts, preselection
            case figureOfMerit = "figure-of-merit"
            case windowSigmas = "window-sigmas"
            case minimumSignalEvents = "minimum-signal-events"
        }
    }

    /// The Punzi-loss network (arXiv:2110.00810).
    public struct Network: Codable, Sendable, Equatable {
        public var enabled: Bool
        /// Hidden layer sizes (the seed's 32, 64, 64, 32, 16, 8).
        public var layers: [Int]
        /// Hidden-layer activation: relu or tanh; the output is a sigmoid.
        public var activation: String
        public var crossEntropyEpochs: Int
        public var punziEpochs: Int
        public var batch: Int
        /// The Punzi phase's mini-batch (large: each batch must estimate every mass's eps and B).
        public var punziBatch: Int
        public var learningRate: Double
        /// Punzi-loss window half-width in units of sigma(M^2) (the paper's 2).
        public var windowSigmas: Double
        /// Fraction of each network's training events held for validation (early stopping).
        public var validationFraction: Double
        /// At most about this many rows of each background in one network's training set: with more,
        /// rows are kept with probability k at weight w / k (Russian roulette: unbiased); every row
        /// still gets an output and counts in the yields.
        public var trainingRows: Int
        /// Folds of the k-fold cross-application: network j is trained on the other folds and gives
        /// the outputs of fold j (every event's output comes from a network that never saw it).
        public var folds: Int
        /// Masses of the grid left out of training (the network never sees their signal).
        public var heldOutMasses: [Double]
        /// GeV, increasing: the grid is split at these masses into ranges, each with its own networks,
        /// trained on its masses' signal and all the background ([]: one set of networks for every mass).
        public var splitMasses: [Double]
        /// The Punzi loss takes B + (r B)^2 for B, r the background systematics in quadrature
        /// (``AnalysisSpec/backgroundNormalisationUncertainty``; ``NeuralSelection/PunziLoss``).
        public var punziSystematics: Bool
        enum CodingKeys: String, CodingKey {
            case enabled, layers, activation, batch, folds
            case splitMasses = "split-masses"
            case punziSystematics = "punzi-systematics"
            case crossEntropyEpochs = "cross-entropy-epochs"
            case punziEpochs = "punzi-epochs"
            case punziBatch = "punzi-batch"
            case learningRate = "learning-rate"
            case windowSigmas = "window-sigmas"
            case validationFraction = "validation-fraction"
            case trainingRows = "training-rows"
            case heldOutMasses = "held-out-masses"
        }
    }

    /// The likelihood and the limits.
    public struct Statistics: Codable, Sendable, Equatable {
        /// counting (one bin: the recoil window) or shape (the window in `bins` bins of M^2).
        public var method: String
        public var bins: Int
        public var confidenceLevel: Double
        /// Relative systematic uncertainties (0.014 = 1.4%).
        public var systematics: Systematics
        enum CodingKeys: String, CodingKey {
            case method, bins, systematics
            case confidenceLevel = "confidence-level"
        }
    }

    public struct Systematics: Codable, Sendable, Equatable {
        public var luminosity: Double
        public var tracking: Double
        public var muonID: Double
        public var trigger: Double
        public var signalEfficiency: Double
        enum CodingKeys: String, CodingKey {
            case luminosity, tracking, trigger
            case muonID = "muon-id"
            case signalEfficiency = "signal-efficiency"
        }
    }

    public struct Outputs: Codable, Sendable, Equatable {
        /// PNG copies of the plots (needs rsvg-convert; skipped with a note when it is missing).
        public var png: Bool
        public var hepdata: Bool
        public var pyhf: Bool
        public var csv: Bool
        /// Masses whose stacked recoil-mass distributions are drawn.
        public var recoilPlotMasses: [Double]
        enum CodingKeys: String, CodingKey {
            case png, hepdata, pyhf, csv
            case recoilPlotMasses = "recoil-plot-masses"
        }
    }
}
