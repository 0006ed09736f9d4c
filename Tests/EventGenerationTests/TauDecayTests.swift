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

    /// A partially polarised tau with a transverse component (rho(-,+) != 0): the accept-reject bound
    /// is the largest eigenvalue of rho, tr/2 + sqrt(((rho_-- - rho_++)/2)^2 + |rho_-+|^2) = 0.861 here;
    /// a bound below it would clip the decays along the polarisation and shrink the asymmetries. For
    /// tau- -> pi- nu the pion direction n has <n> = P/3 with P_z = (rho_++ - rho_--)/tr = 0.4 and
    /// |P_transverse| = 2 |rho_-+|/tr = 0.6 (its sign along x is a phase convention of the helicity states).
    @Test("tau -> pi nu with transverse polarisation: <n_pi> = P/3 along z and across")
    func transversePolarisation() {
        let rho: [Cplx] = [Cplx(0.3), Cplx(0.3), Cplx(0.3), Cplx(0.7)]
        let n = 40_000
        let samples = decays(mode: "pi- nu_tau", charge: -1, rho: rho, count: n, seed: 34)
        var mean = (x: 0.0, y: 0.0, z: 0.0)
        for s in samples {
            let p = s[1], size = p.p
            mean.x += p.px / size / Double(n); mean.y += p.py / size / Double(n); mean.z += p.pz / size / Double(n)
        }
        // Each component of a unit vector has variance <= 1/3: the mean's error is <= 0.0029; 6 sigma.
        #expect(abs(mean.z - 0.4 / 3) < 0.018, "<n_z> = \(mean.z), expected 0.1333")
        #expect(abs(abs(mean.x) - 0.2) < 0.018, "|<n_x>| = \(abs(mean.x)), expected 0.2")
        #expect(abs(mean.y) < 0.018, "<n_y> = \(mean.y), expected 0")
    }

    /// The accept-reject bound: x^dagger rho x <= lambda_max |x|^2 for every x, with equality reached
    /// (brute-force maximum of the Rayleigh quotient over random complex x).
    @Test("The largest eigenvalue of a spin-density matrix bounds x^dagger rho x / |x|^2 tightly")
    func rayleighBound() {
        var rng = RandomStreams(seed: 37).stream(0)
        for _ in 0..<50 {
            // A random positive Hermitian matrix rho = A A^dagger.
            let a = (0..<4).map { _ in Cplx(rng.uniform() - 0.5, rng.uniform() - 0.5) }
            let rho = [a[0] * a[0].conjugate + a[1] * a[1].conjugate, a[0] * a[2].conjugate + a[1] * a[3].conjugate,
                       a[2] * a[0].conjugate + a[3] * a[1].conjugate, a[2] * a[2].conjugate + a[3] * a[3].conjugate]
            let bound = TauPairDecayer.largestEigenvalue(rho)
            var largest = 0.0
            for _ in 0..<4000 {
                let x = (0..<2).map { _ in Cplx(rng.uniform() - 0.5, rng.uniform() - 0.5) }
                var value = 0.0
                for i in 0..<2 { for j in 0..<2 { value += (x[i].conjugate * rho[2 * i + j] * x[j]).real } }
                let quotient = value / (x[0].lengthSquared + x[1].lengthSquared)
                #expect(quotient <= bound * (1 + 1e-12))
                largest = max(largest, quotient)
            }
            let trace = rho[0].real + rho[3].real
            #expect(largest > bound - 0.01 * trace, "largest quotient \(largest), bound \(bound)")
            #expect(bound <= trace * (1 + 1e-12) && bound >= trace / 2 * (1 - 1e-12))
        }
    }

    /// ``TauCurrents/amplitudes(_:tau:products:charge:)`` contracts each decay current J with the tau
    /// line's current once per decay; the explicit form is the sandwich ubar(nu) J-slash (1 - g5) u(tau).
    @Test("Decay amplitudes equal the explicit spinor sandwiches for every mode and both charges")
    func amplitudesMatchSandwich() {
        var rng = RandomStreams(seed: 35).stream(0)
        let tau = FourMomentum(mass: mTau, p: ThreeVector(0.8, -1.1, 2.3))
        for mode in decayer.modes {
            for charge in [-1, 1] {
                guard let (p, _) = TauPairDecayer.kinematics(mode, tau: tau, rng: &rng) else { continue }
                let fast = TauCurrents.amplitudes(mode, tau: tau, products: p, charge: charge)
                var explicit: [Cplx] = []
                for j in TauCurrents.currents(mode, p, charge: charge) {
                    for lambda in [-1, 1] {
                        if charge < 0 {
                            explicit.append(Dirac.sandwich(ExternalStates.ubar(p[0], mass: 0, helicity: -1), j, TauCurrents.vMinusA,
                                                           ExternalStates.u(tau, mass: mTau, helicity: lambda)))
                        } else {
                            explicit.append(Dirac.sandwich(ExternalStates.vbar(tau, mass: mTau, helicity: lambda), j, TauCurrents.vMinusA,
                                                           ExternalStates.v(p[0], mass: 0, helicity: 1)))
                        }
                    }
                }
                #expect(fast.count == explicit.count)
                let scale = explicit.reduce(0.0) { max($0, $1.length) }
                #expect(scale > 0)
                for (a, b) in zip(fast, explicit) { #expect((a - b).length <= 1e-12 * scale, "\(mode.name) charge \(charge)") }
            }
        }
    }

    /// The three-body path of ``NBodyPhaseSpace`` (the leptonic decays) draws the same random numbers
    /// in the same order and does the same arithmetic as the general sequential one.
    @Test("Three-body phase space: the same momenta and weights as the general n-body path, bit for bit")
    func threeBodyPath() {
        let masses = [0.0, ParticleData.muon.mass, 0.0]
        let sum = masses.reduce(0, +)
        var a = RandomStreams(seed: 36).stream(0), b = RandomStreams(seed: 36).stream(0)
        for _ in 0..<1000 {
            let three = NBodyPhaseSpace.generateThree(mass: mTau, masses: masses, sumMasses: sum, rng: &a)
            let general = NBodyPhaseSpace.generateSequential(mass: mTau, masses: masses, sumMasses: sum, rng: &b)
            #expect(three?.weight == general?.weight)
            #expect(three?.momenta == general?.momenta)
        }
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
