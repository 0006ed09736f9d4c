import ComplexModule
@testable import EventGeneration
import HEPCore
import RealModule
import Testing

/// Tau decays: branching ratios, the Michel spectrum, the polarised pion spectrum.
@Suite("Tau decays")
struct TauDecayTests {
    let decayer = TauPairDecayer.standard
    let mTau = ParticleData.tau.mass

    @Test("Branching ratios sum to 1; leptonic ones are PDG 2024's; the hadronic scale is small")
    func branchingRatios() {
        let sum = decayer.modes.reduce(0) { $0 + $1.branchingRatio }
        #expect(abs(sum - 1) < 1e-12)
        #expect(decayer.modes.first { $0.name.hasPrefix("mu-") }?.branchingRatio == 0.1739)
        #expect(decayer.modes.first { $0.name.hasPrefix("e-") }?.branchingRatio == 0.1782)
        // The listed PDG modes cover 97.4%: the hadronic ones are scaled by ~1.04.
        #expect(decayer.hadronicScale > 1 && decayer.hadronicScale < 1.05)
        // Charge and energy are conserved in every mode's products.
        for mode in decayer.modes {
            let charge = mode.products.reduce(0.0) { $0 + (ParticleData.lookup($1)?.charge ?? 0) }
            #expect(charge == -1, "\(mode.name)")
            #expect(TauPairDecayer.masses(mode).reduce(0, +) < mTau)
        }
    }

    /// Decays of a tau at rest with spin-density matrix rho (tau helicity basis at rest = spin along z).
    func decays(mode name: String, charge: Int, rho: [Cplx], count: Int, seed: UInt64) -> [[FourMomentum]] {
        let k = decayer.modes.firstIndex { $0.name == name }!
        var single = decayer
        // Force the mode: a decayer whose cumulative table selects only mode k.
        single = TauPairDecayer(modes: decayer.modes, bounds: decayer.bounds, forcing: k)
        var rng = RandomStreams(seed: seed).stream(0)
        let tau = FourMomentum(e: mTau, px: 0, py: 0, pz: 0)
        return (0..<count).map { _ in single.sample(tau: tau, charge: charge, rho: rho, rng: &rng).1 }
    }

    /// PDG 2024, "Muon decay parameters", Eq. for d Gamma / dx with x = E/W, W = (m^2 + m_l^2)/(2m),
    /// x0 = m_l/W, rho = 3/4, eta = 0 (V-A): proportional to sqrt(x^2 - x0^2) (3x - 2x^2 - x0^2).
    @Test("tau -> mu nu nu: the muon energy follows the Michel spectrum")
    func michel() throws {
        let mMu = ParticleData.muon.mass
        let w = (mTau * mTau + mMu * mMu) / (2 * mTau), x0 = mMu / w
        let unpolarised: [Cplx] = [Cplx(1), .zero, .zero, Cplx(1)]
        let samples = decays(mode: "mu- nubar_mu nu_tau", charge: -1, rho: unpolarised, count: 40_000, seed: 31)
        let bins = 20
        var counts = [Double](repeating: 0, count: bins)
        for p in samples { counts[min(Int((p[1].e / w - x0) / (1 - x0) * Double(bins)), bins - 1)] += 1 }
        let density: (Double) -> Double = { x in max(0, x * x - x0 * x0).squareRoot() * (3 * x - 2 * x * x - x0 * x0) }
        let total = try GaussKronrod.integrate(from: x0, to: 1) { density($0) }.value
        var chi2 = 0.0
        for b in 0..<bins {
            let lo = x0 + (1 - x0) * Double(b) / Double(bins), hi = x0 + (1 - x0) * Double(b + 1) / Double(bins)
            let expected = try GaussKronrod.integrate(from: lo, to: hi) { density($0) }.value / total * Double(samples.count)
            chi2 += (counts[b] - expected) * (counts[b] - expected) / expected
        }
        // 20 bins, 19 degrees of freedom: the 99.9% quantile is 43.8.
        #expect(chi2 < 43.8, "Michel chi2 \(chi2), counts \(counts)")
    }

    /// For tau- -> pi- nu the pion follows the tau spin: dN/dcos = (1 + P cos)/2; for tau+ -> pi+ nubar
    /// it goes against it: (1 - P cos)/2. In the lab, for a tau of velocity beta along its spin, the
    /// pion energy fraction z = E_pi/E_tau is linear in cos theta*, so dN/dz is linear with the same
    /// slope sign: checked at rest through the mean cos theta (+-1/3 for P = +-1).
    @Test("tau -> pi nu: the pion spectrum of a polarised tau")
    func polarisedPion() {
        let helicityPlus: [Cplx] = [.zero, .zero, .zero, Cplx(1)]    // spin along +z
        let helicityMinus: [Cplx] = [Cplx(1), .zero, .zero, .zero]   // spin along -z
        for (rho, charge, expected) in [(helicityPlus, -1, 1.0 / 3), (helicityMinus, -1, -1.0 / 3),
                                        (helicityPlus, 1, -1.0 / 3), (helicityMinus, 1, 1.0 / 3)] {
            let samples = decays(mode: "pi- nu_tau", charge: charge, rho: rho, count: 20_000, seed: 32)
            let meanCos = samples.reduce(0.0) { $0 + $1[1].cosTheta } / Double(samples.count)
            // Standard deviation of the mean of (1 +- cos)/2 is sqrt((1/3 - 1/9)/n) = 0.0033: 5 sigma.
            #expect(abs(meanCos - expected) < 0.017, "charge \(charge): <cos> = \(meanCos), expected \(expected)")
        }
        // Unpolarised: isotropic.
        let iso = decays(mode: "pi- nu_tau", charge: -1, rho: [Cplx(1), .zero, .zero, Cplx(1)], count: 20_000, seed: 33)
        #expect(abs(iso.reduce(0.0) { $0 + $1[1].cosTheta } / 20_000) < 0.02)
    }

    @Test("tau tau events: every tau decays, daughters point at it, four-momentum is conserved")
    func events() async throws {
        var options = GeneratorOptions(collider: .belle)
        options.adaptationIterations = 1
        options.pointsPerIteration = 2_000
        options.chunkSize = 500
        var generator = try MonteCarloGenerator(process: try LeptonPairGamma(lepton: .tau), options: options)
        let sigma = try await generator.integrate(points: 2_000)
        let (sample, _) = try await generator.generate(events: 500, weighted: false, maxWeight: sigma.maxWeight)
        let frame = ColliderFrame.belle
        var muonicDecays = 0
        for i in 0..<sample.count {
            let range = sample.particles(ofEvent: i)
            let taus = range.filter { abs(sample.pdg[$0]) == 15 }
            #expect(taus.count == 2)
            for t in taus {
                #expect(sample.status[t] == 2)
                let daughters = range.filter { sample.mother[$0] == Int32(t - range.lowerBound) }
                let sum = daughters.reduce(FourMomentum.zero) { $0 + sample.momentum($1) }
                let tau = sample.momentum(t)
                #expect(abs(sum.e - tau.e) < 1e-9 && (sum.momentum - tau.momentum).magnitude < 1e-9)
                if daughters.contains(where: { abs(sample.pdg[$0]) == 13 }) { muonicDecays += 1 }
            }
            var final = FourMomentum.zero
            for k in range where sample.status[k] == 1 { final += sample.momentum(k) }
            #expect(abs(final.e - frame.total.e) < 1e-8)
        }
        // 1000 taus, BR(mu nu nu) = 17.39%: 174 +- 12.
        #expect(muonicDecays > 120 && muonicDecays < 230)
    }
}

@Suite("Tau decay bounds and ISR")
struct BoundsAndISRTests {
    @Test("No tau decay exceeds its accept-reject bound in 100,000 fresh decays per mode")
    func bounds() {
        #expect(TauPairDecayer.standard.boundViolations(samples: 100_000) == 0)
    }

    /// The first-order Kuraev-Fadin D(x) integrates to 1, so the structure-function weight has mean 1.
    @Test("The ISR structure-function weight has mean 1 and is finite for every draw")
    func structureFunctionWeights() {
        let sf = ElectronStructureFunction(s: 10.58 * 10.58)
        var rng = RandomStreams(seed: 601).stream(0)
        var sum = 0.0
        let n = 200_000
        for _ in 0..<n {
            let d = sf.sample(rng.uniform())
            #expect(d.weight.isFinite && d.weight > 0 && d.oneMinusX >= 0 && d.oneMinusX <= 1)
            sum += d.weight
        }
        #expect(abs(sum / Double(n) - 1) < 1e-3)
    }

    /// sigma(e+e- -> mu mu) with the structure function equals the convolution
    /// int dx1 dx2 D(x1) D(x2) sigma_Born(x1 x2 s), integrated numerically in y = (1 - x)^(beta/2) with the
    /// analytic Born cross section (photon only, no running alpha, massive muons).
    @Test("ISR by the structure function reproduces the numerical convolution of the Born cross section")
    func isrConvolution() async throws {
        let s = ColliderFrame.belle.s
        let sf = ElectronStructureFunction(s: s)
        let alpha = PhysicalConstants.alpha, mMu = ParticleData.muon.mass
        // Born (photon only): sigma = (4 pi alpha^2 / 3 s') beta (3 - beta^2)/2, in pb.
        func born(_ sp: Double) -> Double {
            guard sp > 4 * mMu * mMu else { return 0 }
            let b = (1 - 4 * mMu * mMu / sp).squareRoot()
            return Units.picobarn(fromInverseGeV2: 4 * Double.pi * alpha * alpha / (3 * sp) * b * (3 - b * b) / 2)
        }
        // x = 1 - y^(2/beta): dx D(x) = dy w(y) with w the sampling weight.
        func weight(_ y: Double) -> Double { sf.sample(1 - y).weight }
        let inner: (Double) throws -> Double = { y1 in
            try GaussKronrod.integrate(from: 0, to: 1, relativeTolerance: 1e-6) { y2 in
                let x1 = 1 - Double.pow(y1, 2 / sf.beta), x2 = 1 - Double.pow(y2, 2 / sf.beta)
                return weight(y1) * weight(y2) * born(x1 * x2 * s)
            }.value
        }
        let expected = try GaussKronrod.integrate(from: 0, to: 1, relativeTolerance: 1e-6, inner).value
        var options = GeneratorOptions(collider: .belle)
        options.initialStateRadiation = true
        options.adaptationIterations = 2
        options.pointsPerIteration = 5_000
        options.chunkSize = 1_000
        let couplings = StandardModelCouplings(zMass: 1e6, zWidth: 1) // the Z decoupled
        var g = try MonteCarloGenerator(process: LeptonPairBorn(vacuumPolarization: false, couplings: couplings), options: options)
        let sigma = try await g.integrate(points: 40_000)
        #expect(abs(sigma.picobarn - expected) < 4 * sigma.errorPicobarn + 1e-4 * expected,
                "MC \(sigma.picobarn) +- \(sigma.errorPicobarn) vs convolution \(expected)")
    }
}
