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
    /// outgoing momenta (f1, fbar1, f2, fbar2).
    public func squared(p1: FourMomentum, p2: FourMomentum, outgoing o: [FourMomentum]) -> Double {
        var amplitudes = [Cplx](repeating: .zero, count: 64)
        accumulate(p1: p1, p2: p2, outgoing: o, into: &amplitudes)
        return amplitudes.reduce(0) { $0 + $1.lengthSquared } / 4
    }

    /// Adds every graph's amplitude to `amplitudes[h]`, h the helicity configuration (bit k set when
    /// leg k has helicity +1).
    /// `wardLine` (tests only): replace the boson of that line (in every pairing) by its momentum q,
    /// coupled as a vector to the central line, and keep only the graphs where it is a side line; by
    /// the Ward identity the sum over the two attachment orders then vanishes for every central line.
    /// `singleOrder` (tests only) keeps one attachment order, the baseline the cancellation is
    /// measured against.
    func accumulate(p1: FourMomentum, p2: FourMomentum, outgoing o: [FourMomentum], into amplitudes: inout [Cplx],
                    wardLine: Int? = nil, singleOrder: Bool = false) {
        let me = ParticleData.electron.mass
        let momenta = [p1, p2, o[0], o[1], o[2], o[3]]
        let masses = [me, me] + outgoingMasses
        // Outflow: momentum leaving the graph through each leg.
        let outflow = [-p1, -p2, o[0], o[1], o[2], o[3]]
        // Spinors per leg and helicity (index 0: -1, 1: +1).
        var spinors = [[Spinor]](repeating: [.zero, .zero], count: 6)
        for h in 0..<2 {
            let hel = 2 * h - 1
            spinors[0][h] = ExternalStates.u(momenta[0], mass: masses[0], helicity: hel)
            spinors[1][h] = ExternalStates.vbar(momenta[1], mass: masses[1], helicity: hel)
            spinors[2][h] = ExternalStates.ubar(momenta[2], mass: masses[2], helicity: hel)
            spinors[3][h] = ExternalStates.v(momenta[3], mass: masses[3], helicity: hel)
            spinors[4][h] = ExternalStates.ubar(momenta[4], mass: masses[4], helicity: hel)
            spinors[5][h] = ExternalStates.v(momenta[5], mass: masses[5], helicity: hel)
        }
        let photon = couplings.photonChargedLepton, z = couplings.zChargedLepton
        for (lines, sign) in pairings {
            // Side-line vectors per line and helicities (hb, hc), combined per chirality of the
            // central line's vertex: E_L = sum_V gL,V eps_V, E_R = sum_V gR,V eps_V (all lines are
            // charged leptons, so the central couplings are the same whichever line is central).
            var eLeft = [[CVector]](repeating: [CVector](repeating: .zero, count: 4), count: 3)
            var eRight = eLeft
            var q = [FourMomentum](repeating: .zero, count: 3)
            for (l, line) in lines.enumerated() {
                q[l] = outflow[line.bar] + outflow[line.column]
                let q2 = q[l].massSquared
                let alphaFactor = vacuumPolarization && q2 > 0 ? RunningAlpha.ratio(s: q2) : 1
                for hb in 0..<2 {
                    for hc in 0..<2 {
                        let bar = spinors[line.bar][hb], col = spinors[line.column][hc]
                        let ja = alphaFactor * Dirac.propagateVector(Dirac.current(bar, photon, col), momentum: q[l], mass: 0, width: 0)
                        let jz = Dirac.propagateVector(Dirac.current(bar, z, col), momentum: q[l], mass: couplings.zMass, width: couplings.zWidth)
                        eLeft[l][2 * hb + hc] = photon.left * ja + z.left * jz
                        eRight[l][2 * hb + hc] = photon.right * ja + z.right * jz
                        if wardLine == l {
                            eLeft[l][2 * hb + hc] = CVector(q[l])
                            eRight[l][2 * hb + hc] = CVector(q[l])
                        }
                    }
                }
            }
            for central in 0..<3 where central != wardLine {
                let sides = (0..<3).filter { $0 != central }
                let c = lines[central]
                let mc = masses[c.column]
                for (a, b) in (singleOrder ? [(sides[0], sides[1])] : [(sides[0], sides[1]), (sides[1], sides[0])]) {
                    // Chain: bar_c [E_a] S(p) [E_b] col_c, boson b attached next to the column leg.
                    let p = -outflow[c.column] - q[b]
                    let denominator = p.massSquared - mc * mc
                    var left = [Spinor](repeating: .zero, count: 8)   // (hcBar, side a helicities)
                    var right = [Spinor](repeating: .zero, count: 8)  // (hcCol, side b helicities)
                    for h in 0..<2 {
                        for s in 0..<4 {
                            left[4 * h + s] = Dirac.chiralSlash(spinors[c.bar][h], left: eLeft[a][s], right: eRight[a][s])
                            right[4 * h + s] = Dirac.propagate(p, mass: mc, denominator: denominator,
                                                               Dirac.chiralSlash(left: eLeft[b][s], right: eRight[b][s], spinors[c.column][h]))
                        }
                    }
                    let la = lines[a], lb = lines[b]
                    for hcb in 0..<2 {
                        for sa in 0..<4 {
                            let x = left[4 * hcb + sa]
                            for hcc in 0..<2 {
                                for sb in 0..<4 {
                                    let value = Dirac.product(x, right[4 * hcc + sb])
                                    var index = 0
                                    index |= hcb << c.bar
                                    index |= hcc << c.column
                                    index |= (sa >> 1) << la.bar
                                    index |= (sa & 1) << la.column
                                    index |= (sb >> 1) << lb.bar
                                    index |= (sb & 1) << lb.column
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
