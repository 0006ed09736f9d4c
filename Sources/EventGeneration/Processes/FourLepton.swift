import ComplexModule
import HEPCore

/// e+ e- -> e+ e- mu+ mu-, mu+ mu- mu+ mu- and mu+ mu- tau+ tau- from all tree-level neutral-current
/// graphs (``FourFermionAmplitudes``), with phase-space channels for the two-photon region (very
/// forward electrons), pair emission off either lepton of either pair, and double conversion.
///
/// Generator cuts: for e e mu mu the mu+ mu- mass must exceed `minimumPairMass` (0.5 GeV by default,
/// as Belle II's AAFH setup, basf2 generators.py add_aafh_generator) and, optionally, both muons must
/// have |cos theta| < `muonAcceptanceCosine` in the e+e- centre-of-mass frame (1, no cut, by default;
/// 0.95 keeps every muon that reaches the Belle CDC's 17-150 degrees in the lab, whose CM edges are
/// near cos theta* = +0.91 and -0.93 for relativistic muons, and lowers the cross section several-fold,
/// so that a sample of given size stands for more luminosity); none for the others. Identical
/// muons in mu mu mu mu are antisymmetrised in the amplitudes and the cross section carries the
/// symmetry factor 1/(2! 2!). Taus are decayed with their spin correlations (``TauPairDecayer``).
public struct FourLepton: ScatteringProcess {
    public enum Kind: String, Sendable, CaseIterable {
        case eeMuMu = "eemumu", muMuMuMu = "mumumumu", muMuTauTau = "mumutautau"
    }

    public let kind: Kind
    public let minimumPairMass: Double
    /// Largest |cos theta| of either muon in the CM frame for e e mu mu (1: no cut).
    public let muonAcceptanceCosine: Double
    let amplitudes: FourFermionAmplitudes
    let decayer: TauPairDecayer?

    public var key: String { kind.rawValue }
    public var name: String {
        switch kind {
        case .eeMuMu: "e+ e- -> e+ e- mu+ mu-"
        case .muMuMuMu: "e+ e- -> mu+ mu- mu+ mu-"
        case .muMuTauTau: "e+ e- -> mu+ mu- tau+ tau-"
        }
    }

    public init(kind: Kind, minimumPairMass: Double = 0.5, muonAcceptanceCosine: Double = 1, vacuumPolarization: Bool = true,
                decayTaus: Bool = true, tauMuonProbability: Double? = nil) throws(EventGenerationError) {
        guard minimumPairMass.isFinite, minimumPairMass >= 0 else {
            throw .invalidParameter(name: "minimum mu mu mass (GeV)", value: minimumPairMass, allowed: ">= 0")
        }
        guard muonAcceptanceCosine > 0, muonAcceptanceCosine <= 1 else {
            throw .invalidParameter(name: "muon acceptance |cos theta| (CM)", value: muonAcceptanceCosine, allowed: "in (0, 1]")
        }
        self.kind = kind
        self.minimumPairMass = kind == .eeMuMu ? minimumPairMass : 0
        self.muonAcceptanceCosine = kind == .eeMuMu ? muonAcceptanceCosine : 1
        let flavours: (Int, Int) = switch kind {
        case .eeMuMu: (0, 1)
        case .muMuMuMu: (1, 1)
        case .muMuTauTau: (1, 2)
        }
        amplitudes = FourFermionAmplitudes(flavours: flavours, vacuumPolarization: vacuumPolarization)
        decayer = kind == .muMuTauTau && decayTaus ? TauPairDecayer.standard.biased(muonProbability: tauMuonProbability ?? 0) : nil
    }

    /// e e mu mu's two-photon peaks need a well-adapted grid: 12 iterations of 100k points halve the
    /// time to sample 50k Belle events (acceptance and region biasing on, release build: 25 s
    /// against 47 s with 10 x 50k; 20 x 200k gains nothing more).
    public var recommendedAdaptation: (iterations: Int, points: Int) { kind == .eeMuMu ? (12, 100_000) : (6, 20_000) }

    public var recommendedEventCost: Double { decayer == nil ? 3 : TauPairDecayer.eventCost }

    public func outgoingIDs(count: Int) -> [PDGID] {
        switch kind {
        case .eeMuMu: [.electron, .positron, .muon, .antimuon]
        case .muMuMuMu: [.muon, .antimuon, .muon, .antimuon]
        case .muMuTauTau: [.muon, .antimuon, .tau, .antitau]
        }
    }

    public var channels: [any PhaseSpaceChannel] {
        let m = amplitudes.outgoingMasses
        var out: [any PhaseSpaceChannel] = []
        // Pairs are (0, 1) and (2, 3); for mu mu mu mu also (0, 3) and (2, 1).
        var partitions: [((Int, Int), (Int, Int))] = [((0, 1), (2, 3))]
        if kind == .muMuMuMu { partitions.append(((0, 3), (2, 1))) }
        for (p, q) in partitions {
            for (primary, secondary) in [(p, q), (q, p)] {
                for side in 0..<2 {
                    out.append(PairEmissionChannel(primary: primary, secondary: secondary, emitterSide: side,
                                                   primaryMass: m[primary.0], secondaryMass: m[secondary.0]))
                }
            }
            for sign in [1.0, -1.0] {
                out.append(DoubleConversionChannel(first: p, second: q, firstMass: m[p.0], secondMass: m[q.0], sign: sign))
            }
        }
        if kind == .eeMuMu {
            for peak in [nil, 1.0, -1.0] as [Double?] {
                out.append(TwoPhotonChannel(electron: 0, positron: 1, pair: (2, 3), pairMass: m[2], minimumPairMass: minimumPairMass, pairPeak: peak))
            }
        }
        return out
    }

    public func matrixElementSquared(p1: FourMomentum, p2: FourMomentum, outgoing: [FourMomentum]) -> Double {
        let symmetry = kind == .muMuMuMu ? 0.25 : 1
        return symmetry * amplitudes.squared(p1: p1, p2: p2, outgoing: outgoing)
    }

    public func passesCuts(_ outgoing: [FourMomentum], sqrtS: Double) -> Bool {
        guard kind == .eeMuMu else { return true }
        guard muonAcceptanceCosine >= 1 || (abs(outgoing[2].cosTheta) < muonAcceptanceCosine && abs(outgoing[3].cosTheta) < muonAcceptanceCosine) else {
            return false
        }
        return (outgoing[2] + outgoing[3]).mass > minimumPairMass
    }

    public func finalize(_ particles: inout [EventSample.Particle], p1: FourMomentum, p2: FourMomentum,
                         outgoing: [FourMomentum], toCM: LorentzTransform, rng: inout RandomStream) -> Double {
        guard let decayer else { return 1 }
        var all = [Cplx](repeating: .zero, count: 64)
        amplitudes.accumulate(p1: p1, p2: p2, outgoing: outgoing, into: &all)
        // Group by the tau- (leg 4) and tau+ (leg 5) helicities, tau- outer.
        var production: [Cplx] = []
        production.reserveCapacity(64)
        for rest in 0..<16 {
            for (hm, hp) in [(0, 0), (0, 1), (1, 0), (1, 1)] { production.append(all[rest | hm << 4 | hp << 5]) }
        }
        return decayer.decay(&particles, tauMinus: outgoing[2], tauPlus: outgoing[3], indices: (2, 3), production: production, toCM: toCM, rng: &rng)
    }

    public var settings: [String: String] {
        var out = ["graphs": "all tree-level gamma/Z neutral-current four-lepton graphs",
                   "generator cuts": kind != .eeMuMu ? "none" : "m(mu+ mu-) > \(minimumPairMass) GeV"
                       + (muonAcceptanceCosine < 1 ? ", |cos theta(mu)| < \(muonAcceptanceCosine) (CM)" : ""),
                   "vacuum polarisation": "\(amplitudes.vacuumPolarization)"]
        if let decayer { out["tau decays"] = decayer.summary }
        return out
    }
}
