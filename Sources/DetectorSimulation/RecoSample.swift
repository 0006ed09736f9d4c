import HEPCore

/// Reconstructed events as columns (struct of arrays): per event the weight (pb, as in the
/// generated sample), the trigger decision and probability, the true vertex; per track the charge,
/// the smeared lab momentum (GeV), the reference point (the point of closest approach to the beam
/// axis, smeared, in metres), the resolutions a vertex fit needs and the muon-identification flag;
/// per neutral cluster its energy (GeV) and direction (radians). Tracks of event i are
/// trackOffsets[i] ..< trackOffsets[i + 1], clusters likewise.
public struct RecoSample: Sendable, Equatable {
    /// The generated sample's metadata (process, cross section, seed, ...).
    public var generator: SampleMetadata
    /// The card's name and the simulation's seed.
    public var cardName: String
    public var simulationSeed: UInt64

    public var weights: [Double] = []
    public var triggered: [UInt8] = []
    public var triggerProbability: [Double] = []
    public var vertexX: [Double] = [], vertexY: [Double] = [], vertexZ: [Double] = []
    public var trackOffsets: [Int64] = [0]
    public var clusterOffsets: [Int64] = [0]

    public var trackCharge: [Int8] = []
    public var trackPx: [Double] = [], trackPy: [Double] = [], trackPz: [Double] = []
    public var trackX: [Double] = [], trackY: [Double] = [], trackZ: [Double] = []
    /// Impact-parameter resolutions (m) and momentum resolutions (relative pt, radians).
    public var trackSigmaD0: [Double] = [], trackSigmaZ0: [Double] = []
    public var trackSigmaPtOverPt: [Double] = [], trackSigmaTheta: [Double] = [], trackSigmaPhi: [Double] = []
    public var trackMuonID: [UInt8] = []
    /// The PDG id of the generated particle that made the track.
    public var trackTruthPDG: [Int32] = []

    public var clusterEnergy: [Double] = [], clusterTheta: [Double] = [], clusterPhi: [Double] = []
    /// The PDG id of the particle that made the cluster, 0 for beam background.
    public var clusterTruthPDG: [Int32] = []

    public init(generator: SampleMetadata, cardName: String, simulationSeed: UInt64) {
        self.generator = generator
        self.cardName = cardName
        self.simulationSeed = simulationSeed
    }

    public var count: Int { weights.count }
    public func tracks(ofEvent i: Int) -> Range<Int> { Int(trackOffsets[i])..<Int(trackOffsets[i + 1]) }
    public func clusters(ofEvent i: Int) -> Range<Int> { Int(clusterOffsets[i])..<Int(clusterOffsets[i + 1]) }

    /// The lab four-momentum of track k for a mass hypothesis (GeV).
    public func trackMomentum(_ k: Int, mass: Double) -> FourMomentum {
        FourMomentum(mass: mass, p: ThreeVector(trackPx[k], trackPy[k], trackPz[k]))
    }

    /// The lab four-momentum of cluster k, taken as a massless photon (GeV).
    public func clusterMomentum(_ k: Int) -> FourMomentum {
        FourMomentum(mass: 0, p: clusterEnergy[k], theta: clusterTheta[k], phi: clusterPhi[k])
    }

    /// Appends the events of another sample (another chunk), keeping this one's metadata.
    public mutating func append(contentsOf o: RecoSample) {
        let tBase = Int64(trackCharge.count), cBase = Int64(clusterEnergy.count)
        weights += o.weights; triggered += o.triggered; triggerProbability += o.triggerProbability
        vertexX += o.vertexX; vertexY += o.vertexY; vertexZ += o.vertexZ
        trackOffsets += o.trackOffsets.dropFirst().map { $0 + tBase }
        clusterOffsets += o.clusterOffsets.dropFirst().map { $0 + cBase }
        trackCharge += o.trackCharge; trackPx += o.trackPx; trackPy += o.trackPy; trackPz += o.trackPz
        trackX += o.trackX; trackY += o.trackY; trackZ += o.trackZ
        trackSigmaD0 += o.trackSigmaD0; trackSigmaZ0 += o.trackSigmaZ0
        trackSigmaPtOverPt += o.trackSigmaPtOverPt; trackSigmaTheta += o.trackSigmaTheta; trackSigmaPhi += o.trackSigmaPhi
        trackMuonID += o.trackMuonID; trackTruthPDG += o.trackTruthPDG
        clusterEnergy += o.clusterEnergy; clusterTheta += o.clusterTheta; clusterPhi += o.clusterPhi
        clusterTruthPDG += o.clusterTruthPDG
    }
}

/// One reconstructed track while an event is being simulated.
public struct RecoTrack: Sendable, Equatable {
    public var charge: Int8
    public var momentum: ThreeVector
    public var referencePoint: ThreeVector
    public var sigmaD0: Double, sigmaZ0: Double
    public var sigmaPtOverPt: Double, sigmaTheta: Double, sigmaPhi: Double
    public var muonID: Bool
    /// The PDG id of the generated particle that made the track, and its index in the event.
    public var truthPDG: Int32
    public var truthIndex: Int
    /// Lab energy the particle leaves in the calorimeter (GeV), for the trigger's energy sum.
    public var calorimeterEnergy: Double
}

/// One neutral cluster while an event is being simulated.
public struct RecoCluster: Sendable, Equatable {
    public var energy: Double, theta: Double, phi: Double
    public var truthPDG: Int32
}

/// The event being simulated: the modules of the chain read the generated particles and fill this.
public struct RecoEvent: Sendable {
    public var vertex = ThreeVector.zero
    public var tracks: [RecoTrack] = []
    public var clusters: [RecoCluster] = []
    public var triggerProbability = 1.0
    public var triggered = true
    /// The factor on the generated event's weight from forced outcomes of the simulation
    /// (``CalorimeterModule/forcedLossEnergy``, ``ParticleIDModule/forcedMuonIdentification``); 1 without.
    public var weightFactor = 1.0

    public init() {}

    /// Summed calorimeter energy: neutral clusters plus the deposits of tracked particles (GeV).
    public var calorimeterEnergy: Double {
        clusters.reduce(0) { $0 + $1.energy } + tracks.reduce(0) { $0 + $1.calorimeterEnergy }
    }
}

extension RecoSample {
    /// Appends one simulated event.
    mutating func append(_ event: RecoEvent, weight: Double) {
        weights.append(weight)
        triggered.append(event.triggered ? 1 : 0)
        triggerProbability.append(event.triggerProbability)
        vertexX.append(event.vertex.x); vertexY.append(event.vertex.y); vertexZ.append(event.vertex.z)
        for t in event.tracks {
            trackCharge.append(t.charge)
            trackPx.append(t.momentum.x); trackPy.append(t.momentum.y); trackPz.append(t.momentum.z)
            trackX.append(t.referencePoint.x); trackY.append(t.referencePoint.y); trackZ.append(t.referencePoint.z)
            trackSigmaD0.append(t.sigmaD0); trackSigmaZ0.append(t.sigmaZ0)
            trackSigmaPtOverPt.append(t.sigmaPtOverPt); trackSigmaTheta.append(t.sigmaTheta); trackSigmaPhi.append(t.sigmaPhi)
            trackMuonID.append(t.muonID ? 1 : 0)
            trackTruthPDG.append(t.truthPDG)
        }
        for c in event.clusters {
            clusterEnergy.append(c.energy); clusterTheta.append(c.theta); clusterPhi.append(c.phi)
            clusterTruthPDG.append(c.truthPDG)
        }
        trackOffsets.append(Int64(trackCharge.count))
        clusterOffsets.append(Int64(clusterEnergy.count))
    }
}
