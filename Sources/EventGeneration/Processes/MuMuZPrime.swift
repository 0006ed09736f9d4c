import ComplexModule
import HEPCore
import RealModule

/// e+ e- -> gamma*/Z* -> mu+ mu- Z', the Z' radiated from either muon (the L_mu - L_tau Z' has no
/// tree-level coupling to electrons), at g' = 1: the cross section at any other coupling is
/// g'^2 times this one, exactly, and the Z' branching ratio is applied by the analysis.
///
/// The Z' is produced on shell (narrow width: Gamma/m = g'^2/(12 pi) at most) and decayed with full
/// spin correlation: the decay direction is drawn from sum |sum_lambda M_prod(lambda) M_dec(lambda)|^2
/// over the Z' helicities lambda (accept-reject against the Cauchy-Schwarz bound
/// tr(rho) sum_lambda |M_dec(lambda)|^2, efficiency >= 1/3). For Z' -> mu+ mu- the interference
/// between the identical muons of production and decay is neglected (suppressed by Gamma/m).
/// Generator cuts: none.
public struct MuMuZPrime: ScatteringProcess {
    /// How the Z' decays in the generated events.
    public enum Decay: String, Sendable, CaseIterable {
        /// nu_mu nubar_mu or nu_tau nubar_tau with equal probability (left-handed coupling).
        case neutrinos = "nunu"
        /// A Dirac dark fermion pair with vector coupling.
        case darkFermions = "chichi"
        /// mu+ mu- (the visible search).
        case muons = "mumu"
        /// No decay: the Z' stays in the event as a final-state particle.
        case none
    }

    public let mass: Double
    public let decay: Decay
    public let darkFermionMass: Double
    let amplitudes: LeptonPairAmplitudes
    let mMu = ParticleData.muon.mass

    public var key: String { "mumu-zprime" }
    public var name: String { "e+ e- -> mu+ mu- Z'" }

    /// - Parameters:
    ///   - mass: m_Z' in GeV, 0 < m < sqrt(s) - 2 m_mu (checked against the collider when generating).
    ///   - decay: the decay generated in the events.
    ///   - darkFermionMass: m_chi in GeV for `.darkFermions` (2 m_chi < m_Z').
    public init(mass: Double, decay: Decay = .neutrinos, darkFermionMass: Double = 0,
                vacuumPolarization: Bool = true, couplings: StandardModelCouplings = .init()) throws(EventGenerationError) {
        guard mass.isFinite, mass > 0 else {
            throw .invalidParameter(name: "m_Z' (GeV)", value: mass, allowed: "a finite mass > 0")
        }
        if decay == .darkFermions, !(darkFermionMass >= 0 && 2 * darkFermionMass < mass) {
            throw .invalidParameter(name: "m_chi (GeV)", value: darkFermionMass, allowed: "0 <= 2 m_chi < m_Z' = \(mass) GeV")
        }
        if decay == .muons, mass <= 2 * ParticleData.muon.mass {
            throw .invalidParameter(name: "m_Z' (GeV)", value: mass, allowed: "above 2 m_mu = 0.2113 GeV for Z' -> mu+ mu-")
        }
        self.mass = mass
        self.decay = decay
        self.darkFermionMass = darkFermionMass
        amplitudes = LeptonPairAmplitudes(couplings: couplings, leptonMass: ParticleData.muon.mass, vacuumPolarization: vacuumPolarization)
    }

    /// Checks that the Z' can be produced at sqrt(s): m_Z' < sqrt(s) - 2 m_mu.
    public func validate(sqrtS: Double) throws(EventGenerationError) {
        guard mass < sqrtS - 2 * mMu else {
            throw .invalidParameter(name: "m_Z' (GeV)", value: mass, allowed: "below sqrt(s) - 2 m_mu = \(sqrtS - 2 * mMu) GeV")
        }
    }

    public var channels: [any PhaseSpaceChannel] {
        [FinalStateRadiationChannel(emitter: 0, leptonMass: mMu, xMass: mass, minimumVirtuality: 0),
         FinalStateRadiationChannel(emitter: 1, leptonMass: mMu, xMass: mass, minimumVirtuality: 0)]
    }

    public func outgoingIDs(count: Int) -> [PDGID] { [.muon, .antimuon, .vectorMediator] }

    public func matrixElementSquared(p1: FourMomentum, p2: FourMomentum, outgoing: [FourMomentum]) -> Double {
        amplitudes.radiativeSquared(p1: p1, p2: p2, p3: outgoing[0], p4: outgoing[1], k: outgoing[2],
                                    xMass: mass, xLepton: .vector(1), xElectron: nil)
    }

    public func passesCuts(_ outgoing: [FourMomentum], sqrtS: Double) -> Bool { true }

    /// The signal is unweighted against (practically) its largest weight: its samples are small and
    /// cheap, and the Punzi loss counts signal events with unit weight (eps = sum of outputs / N).
    public var recommendedEventCost: Double { 1e9 }

    public var settings: [String: String] {
        ["m_Z' (GeV)": "\(mass)", "g'": "1 (cross section scales as g'^2)", "decay": decay.rawValue,
         "m_chi (GeV)": "\(darkFermionMass)", "vacuum polarisation": "\(amplitudes.vacuumPolarization)",
         "generator cuts": "none"]
    }

    /// The decay products' ids, masses and coupling.
    func decayProducts(_ rng: inout RandomStream) -> (PDGID, PDGID, Double, ChiralCoupling)? {
        switch decay {
        case .none: return nil
        case .muons: return (.muon, .antimuon, mMu, .vector(1))
        case .darkFermions: return (.darkFermion, PDGID(-52), darkFermionMass, .vector(1))
        case .neutrinos:
            return rng.uniform() < 0.5 ? (.muonNeutrino, PDGID(-14), 0, ChiralCoupling(left: 1, right: 0))
                : (.tauNeutrino, PDGID(-16), 0, ChiralCoupling(left: 1, right: 0))
        }
    }

    public func finalize(_ particles: inout [EventSample.Particle], p1: FourMomentum, p2: FourMomentum,
                         outgoing: [FourMomentum], toCM: LorentzTransform, rng: inout RandomStream) -> Double {
        decayZPrime(&particles, p1: p1, p2: p2, outgoing: outgoing, toCM: toCM, rng: &rng)
        return 1
    }

    /// The Z' decay with full spin correlation (accept-reject on the production spin-density matrix).
    private func decayZPrime(_ particles: inout [EventSample.Particle], p1: FourMomentum, p2: FourMomentum,
                             outgoing: [FourMomentum], toCM: LorentzTransform, rng: inout RandomStream) {
        guard let (f, fbar, mf, coupling) = decayProducts(&rng) else { return }
        let k = outgoing[2]
        // Production amplitudes per Z' helicity (-1, 0, +1) for each helicity configuration.
        var production: [Cplx] = []
        production.reserveCapacity(48)
        amplitudes.forEachRadiativeAmplitude(p1: p1, p2: p2, p3: outgoing[0], p4: outgoing[1], k: k,
                                             xMass: mass, xLepton: .vector(1), xElectron: nil) { _, a in production.append(a) }
        var rho = [Cplx](repeating: .zero, count: 9)
        for c in stride(from: 0, to: production.count, by: 3) {
            for a in 0..<3 { for b in 0..<3 { rho[3 * a + b] += production[c + a] * production[c + b].conjugate } }
        }
        let trace = rho[0].real + rho[4].real + rho[8].real
        let eps = [-1, 0, 1].map { ExternalStates.epsilon(k, mass: mass, helicity: $0) }
        var decayed = (FourMomentum.zero, FourMomentum.zero)
        for _ in 0..<1000 {
            let dir = rng.isotropicDirection()
            guard let (a, b) = TwoBody.decay(k, m1: mf, m2: mf, cosTheta: dir.z, phi: Double.atan2(y: dir.y, x: dir.x)) else { return }
            decayed = (a, b)
            var value = 0.0, bound = 0.0
            for hf in [-1, 1] {
                let ubar = ExternalStates.ubar(a, mass: mf, helicity: hf)
                for hb in [-1, 1] {
                    let v = ExternalStates.v(b, mass: mf, helicity: hb)
                    let d = eps.map { Dirac.sandwich(ubar, $0, coupling, v) }
                    for x in 0..<3 {
                        bound += d[x].lengthSquared
                        for y in 0..<3 { value += (rho[3 * x + y] * d[x] * d[y].conjugate).real }
                    }
                }
            }
            if rng.uniform() * trace * bound <= value { break }
        }
        let zIndex = Int32(particles.count - 1) // the Z' is the last outgoing particle
        particles[Int(zIndex)].status = .decayed
        particles.append(EventSample.Particle(id: f, mother: zIndex, momentum: toCM.apply(decayed.0)))
        particles.append(EventSample.Particle(id: fbar, mother: zIndex, momentum: toCM.apply(decayed.1)))
    }
}
