import ComplexModule
import HEPCore
import RealModule

/// All tree-level neutral-current amplitudes of e-(p1) e+(p2) -> f1 fbar1 f2 fbar2 for charged
/// leptons (e, mu, tau): three fermion lines joined by two gamma/Z propagators.
///
/// Construction (the standard enumeration of four-fermion graphs, as AAFH's DIAG36 and MadGraph do):
/// every way of pairing each "bar" leg (outgoing fermion, incoming antifermion) with a "column" leg
/// (incoming fermion, outgoing antifermion) of the same flavour forms three fermion lines; any of the
/// three may be the central line, which carries a fermion propagator between its two vertices (in both
/// orders), while each side line couples through one gamma or Z to the central one. Pairings enter
/// with the sign of their permutation (Fermi statistics), which antisymmetrises identical leptons.
/// Every graph has four vertices, one fermion and two vector propagators: the omitted factors of i
/// are a common phase. The photon propagator carries running alpha for time-like momenta (off for
/// space-like ones, where |Delta alpha| < 1e-3 for the |t| of two-photon events). Summing over gamma
/// and Z is done per chirality, so each chain is computed once per helicity configuration.
public struct FourFermionAmplitudes: Sendable {
    /// The flavours of the outgoing fermions, in the order f1, fbar1, f2, fbar2 (fermion, antifermion).
    public let outgoingMasses: [Double]
    public let outgoingFlavours: [Int]
    let couplings: StandardModelCouplings
    let vacuumPolarization: Bool
    /// Pairings: for each, three lines (bar leg, column leg) and the permutation sign.
    let pairings: [([(bar: Int, column: Int)], Double)]

    /// Legs: 0 e- (in, column), 1 e+ (in, bar), 2 f1 (out, bar), 3 fbar1 (out, column),
    /// 4 f2 (out, bar), 5 fbar2 (out, column). Flavours: 0 electron, 1 muon, 2 tau.
    public init(flavours: (Int, Int), couplings: StandardModelCouplings = .init(), vacuumPolarization: Bool = true) {
        let masses = [ParticleData.electron.mass, ParticleData.muon.mass, ParticleData.tau.mass]
        outgoingFlavours = [flavours.0, flavours.0, flavours.1, flavours.1]
        outgoingMasses = outgoingFlavours.map { masses[$0] }
        self.couplings = couplings
        self.vacuumPolarization = vacuumPolarization
        // bar legs 1, 2, 4 with flavours; column legs 0, 3, 5.
        let bars = [1, 2, 4], columns = [0, 3, 5]
        let flavour = [0, 0, flavours.0, flavours.0, flavours.1, flavours.1]
        var found: [([(bar: Int, column: Int)], Double)] = []
        for perm in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
            let lines = zip(bars, perm).map { (bar: $0.0, column: columns[$0.1]) }
            guard lines.allSatisfy({ flavour[$0.bar] == flavour[$0.column] }) else { continue }
            // Sign of the permutation by counting inversions.
            var inversions = 0
            for i in 0..<3 { for j in (i + 1)..<3 where perm[i] > perm[j] { inversions += 1 } }
            found.append((lines, inversions % 2 == 0 ? 1 : -1))
        }
        pairings = found
    }

    /// sum over helicities of |M|^2, averaged over the initial spins, for beams p1 (e-), p2 (e+) and
    /// outgoing momenta (f1, fbar1, f2, fbar2). Allocates nothing (scratch space on the stack).
    public func squared(p1: FourMomentum, p2: FourMomentum, outgoing o: [FourMomentum]) -> Double {
        withUnsafeTemporaryAllocation(of: Cplx.self, capacity: 64) { amplitudes in
            amplitudes.initialize(repeating: .zero)
            accumulate(p1: p1, p2: p2, outgoing: o, into: amplitudes)
            return amplitudes.reduce(0) { $0 + $1.lengthSquared } / 4
        }
    }

    /// The 64 helicity amplitudes as an array (for spin correlations and tests); see
    /// ``accumulate(p1:p2:outgoing:into:wardLine:singleOrder:)``.
    func accumulate(p1: FourMomentum, p2: FourMomentum, outgoing o: [FourMomentum], into amplitudes: inout [Cplx],
                    wardLine: Int? = nil, singleOrder: Bool = false) {
        amplitudes.withUnsafeMutableBufferPointer { buffer in
            accumulate(p1: p1, p2: p2, outgoing: o, into: buffer, wardLine: wardLine, singleOrder: singleOrder)
        }
    }

    /// Adds every graph's amplitude to `amplitudes[h]`, h the helicity configuration (bit k set when
    /// leg k has helicity +1).
    ///
    /// `wardLine` (tests only): replace the boson of that line (in every pairing) by its momentum q,
    /// coupled as a vector to the central line, and keep only the graphs where it is a side line; by
    /// the Ward identity the sum over the two attachment orders then vanishes for every central line.
    /// `singleOrder` (tests only) keeps one attachment order, the baseline the cancellation is
    /// measured against.
    func accumulate(p1: FourMomentum, p2: FourMomentum, outgoing o: [FourMomentum], into amplitudes: UnsafeMutableBufferPointer<Cplx>,
                    wardLine: Int? = nil, singleOrder: Bool = false) {
        let me = ParticleData.electron.mass
        func momentum(_ leg: Int) -> FourMomentum { leg == 0 ? p1 : leg == 1 ? p2 : o[leg - 2] }
        // Outflow: momentum leaving the graph through each leg.
        func outflow(_ leg: Int) -> FourMomentum { leg == 0 ? -p1 : leg == 1 ? -p2 : o[leg - 2] }
        func mass(_ leg: Int) -> Double { leg < 2 ? me : outgoingMasses[leg - 2] }
        let photon = couplings.photonChargedLepton, z = couplings.zChargedLepton
        withUnsafeTemporaryAllocation(of: Spinor.self, capacity: 12 + 16) { scratch in
            // Spinors per leg and helicity: scratch[2 * leg + h] (h 0: -1, 1: +1); chains at 12...27.
            for h in 0..<2 {
                let hel = 2 * h - 1
                scratch.initializeElement(at: h, to: ExternalStates.u(momentum(0), mass: mass(0), helicity: hel))
                scratch.initializeElement(at: 2 + h, to: ExternalStates.vbar(momentum(1), mass: mass(1), helicity: hel))
                scratch.initializeElement(at: 4 + h, to: ExternalStates.ubar(momentum(2), mass: mass(2), helicity: hel))
                scratch.initializeElement(at: 6 + h, to: ExternalStates.v(momentum(3), mass: mass(3), helicity: hel))
                scratch.initializeElement(at: 8 + h, to: ExternalStates.ubar(momentum(4), mass: mass(4), helicity: hel))
                scratch.initializeElement(at: 10 + h, to: ExternalStates.v(momentum(5), mass: mass(5), helicity: hel))
            }
            for k in 12..<28 { scratch.initializeElement(at: k, to: .zero) }
            withUnsafeTemporaryAllocation(of: CVector.self, capacity: 24) { vectors in
                vectors.initialize(repeating: .zero)
                for (lines, sign) in pairings {
                    // Side-line vectors per line l and helicities s = 2 hb + hc, combined per chirality of
                    // the central line's vertex: E_L = sum_V gL,V eps_V at vectors[4 l + s], E_R at
                    // vectors[12 + 4 l + s] (all lines are charged leptons, so the central couplings are
                    // the same whichever line is central).
                    var q = (FourMomentum.zero, FourMomentum.zero, FourMomentum.zero)
                    for l in 0..<3 {
                        let line = lines[l]
                        let ql = outflow(line.bar) + outflow(line.column)
                        if l == 0 { q.0 = ql } else if l == 1 { q.1 = ql } else { q.2 = ql }
                        let q2 = ql.massSquared
                        let alphaFactor = vacuumPolarization && q2 > 0 ? RunningAlpha.ratio(s: q2) : 1
                        for hb in 0..<2 {
                            for hc in 0..<2 {
                                let bar = scratch[2 * line.bar + hb], col = scratch[2 * line.column + hc]
                                var left: CVector, right: CVector
                                if wardLine == l {
                                    left = CVector(ql)
                                    right = left
                                } else {
                                    let ja = alphaFactor * Dirac.propagateVector(Dirac.current(bar, photon, col), momentum: ql, mass: 0, width: 0)
                                    let jz = Dirac.propagateVector(Dirac.current(bar, z, col), momentum: ql, mass: couplings.zMass, width: couplings.zWidth)
                                    left = photon.left * ja + z.left * jz
                                    right = photon.right * ja + z.right * jz
                                }
                                vectors[4 * l + 2 * hb + hc] = left
                                vectors[12 + 4 * l + 2 * hb + hc] = right
                            }
                        }
                    }
                    func qOf(_ l: Int) -> FourMomentum { l == 0 ? q.0 : l == 1 ? q.1 : q.2 }
                    for central in 0..<3 where central != wardLine {
                        let c = lines[central]
                        let mc = mass(c.column)
                        for order in 0..<(singleOrder ? 1 : 2) {
                            // Chain: bar_c [E_a] S(p) [E_b] col_c, boson b attached next to the column leg.
                            let a = (central + 1 + order) % 3, b = (central + 2 - order) % 3
                            let p = -outflow(c.column) - qOf(b)
                            let denominator = p.massSquared - mc * mc
                            for h in 0..<2 {
                                for s in 0..<4 {
                                    scratch[12 + 4 * h + s] = Dirac.chiralSlash(scratch[2 * c.bar + h], left: vectors[4 * a + s], right: vectors[12 + 4 * a + s])
                                    scratch[20 + 4 * h + s] = Dirac.propagate(p, mass: mc, denominator: denominator,
                                                                              Dirac.chiralSlash(left: vectors[4 * b + s], right: vectors[12 + 4 * b + s], scratch[2 * c.column + h]))
                                }
                            }
                            let la = lines[a], lb = lines[b]
                            for hcb in 0..<2 {
                                for sa in 0..<4 {
                                    let x = scratch[12 + 4 * hcb + sa]
                                    for hcc in 0..<2 {
                                        for sb in 0..<4 {
                                            let value = Dirac.product(x, scratch[20 + 4 * hcc + sb])
                                            let index = hcb << c.bar | hcc << c.column | (sa >> 1) << la.bar | (sa & 1) << la.column
                                                | (sb >> 1) << lb.bar | (sb & 1) << lb.column
                                            amplitudes[index] += value * sign
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
