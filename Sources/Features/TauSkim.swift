import DetectorSimulation
import HEPCore
import RealModule

/// Belle's tau-pair skims, tauskimA and tauskimB, as the seed lists them (backup slides "Z' visible
/// search @ Belle"), evaluated for the two-track events the Z' selection keeps. The seed found A too
/// tight for the visible Z' and B too loose for the invisible one; as named preselections they show
/// what each costs the signal at every mass.
///
/// Two-track branch of tauskimA: 2 <= N_trk <= 8, |charge sum| <= 2 (both true for two opposite
/// tracks), sum p*_trk < 10 GeV and < 9 GeV (7.1), sum E_ECL < 10 GeV and < 9 GeV (7.2),
/// pT_max > 0.5 GeV, event vertex |r| < 0.5 cm and |z| < 3 cm, 5 < theta_miss < 175 degrees (7.3),
/// E_rec > 3 GeV or pT_max > 1 GeV (8), and for 2-4 tracks: E_tot < 9 GeV or the largest opening
/// angle < 175 degrees (9.1), N_barrel >= 2 or E_ECL(tracks) < 5.3 GeV (9.2).
/// tauskimB: pT_max > 0.5 GeV, sum p* < 10 GeV and < 9 GeV (11.3), sum E_ECL < 10 GeV and < 11 GeV
/// (11.2), |r| < 1 cm, |z| < 3 cm, 5 < theta_miss < 175 degrees (11.4), E_rec > 3 GeV or pT_max > 1 GeV
/// (12), E_tot < 9 GeV or opening angle < 175 degrees or 2 < sum E_ECL < 9 GeV (13.1), and 13.2 as 9.2.
///
/// Approximations (DarkScan's fast simulation): sum E_ECL is the neutral clusters' energy (the
/// tracks' own ECL deposits, a muon's being the simulation's minimum-ionising deposit of 0.2 GeV,
/// are not stored), so 9.2 / 13.2 hold for two muons (E_ECL(tracks) = 0.4 GeV < 5.3 GeV); the event vertex is the two-track vertex fit's; E_rec
/// and E_tot are the visible energies (tracks with the muon mass, neutral clusters) in the CM frame
/// and the lab; theta_miss is the lab polar angle of the missing momentum.
public enum TauSkim {
    /// The skim variables and decisions, in the order of ``ZPrimeFeatures/definitions`` after
    /// `neutralClusterCount`.
    static func values(muonsLab: (FourMomentum, FourMomentum), muonsCM: (FourMomentum, FourMomentum), clustersLab: [FourMomentum],
                       clustersCM: [FourMomentum], missingLab: FourMomentum, vertex: ThreeVector?) -> [Double] {
        let degree = 180 / Double.pi
        let ptMax = max(muonsLab.0.pt, muonsLab.1.pt)
        let r = vertex.map { ($0.x * $0.x + $0.y * $0.y).squareRoot() * 100 } ?? .nan
        let z = vertex.map { $0.z * 100 } ?? .nan
        let sumP = muonsCM.0.p + muonsCM.1.p
        let eclSum = clustersLab.reduce(0) { $0 + $1.e }
        let thetaMiss = missingLab.theta * degree
        let eRec = muonsCM.0.e + muonsCM.1.e + clustersCM.reduce(0) { $0 + $1.e }
        let eTot = muonsLab.0.e + muonsLab.1.e + eclSum
        let opening = muonsLab.0.momentum.angle(to: muonsLab.1.momentum) * degree
        let barrel = [muonsLab.0, muonsLab.1].filter { let t = $0.theta * degree; return t > 32.2 && t < 128.7 }.count
        let v = Variables(ptMax: ptMax, vertexR: r, vertexZ: z, momentumSum: sumP, eclSum: eclSum, missingTheta: thetaMiss,
                          visibleEnergyCMS: eRec, visibleEnergyLab: eTot, openingAngle: opening, barrelTracks: barrel)
        return [ptMax, r, z, sumP, thetaMiss, eRec, eTot, opening, Double(barrel), passesA(v) ? 1 : 0, passesB(v) ? 1 : 0]
    }

    /// The event variables the skims use (GeV, cm, degrees).
    public struct Variables: Sendable, Equatable {
        public var ptMax, vertexR, vertexZ, momentumSum, eclSum, missingTheta, visibleEnergyCMS, visibleEnergyLab, openingAngle: Double
        public var barrelTracks: Int
        /// E_ECL of the tracks: not stored by the fast simulation, so two muons' minimum-ionising
        /// deposits as the calorimeter module makes them.
        public var trackECLEnergy = 2 * CalorimeterModule.minimumIonisingDeposit
        public init(ptMax: Double, vertexR: Double, vertexZ: Double, momentumSum: Double, eclSum: Double, missingTheta: Double,
                    visibleEnergyCMS: Double, visibleEnergyLab: Double, openingAngle: Double, barrelTracks: Int) {
            self.ptMax = ptMax
            self.vertexR = vertexR
            self.vertexZ = vertexZ
            self.momentumSum = momentumSum
            self.eclSum = eclSum
            self.missingTheta = missingTheta
            self.visibleEnergyCMS = visibleEnergyCMS
            self.visibleEnergyLab = visibleEnergyLab
            self.openingAngle = openingAngle
            self.barrelTracks = barrelTracks
        }
    }

    /// tauskimA, two-track branch (a NaN vertex fails).
    public static func passesA(_ v: Variables) -> Bool {
        v.momentumSum < 9 && v.eclSum < 9 && v.ptMax > 0.5 && abs(v.vertexR) < 0.5 && abs(v.vertexZ) < 3
            && v.missingTheta > 5 && v.missingTheta < 175
            && (v.visibleEnergyCMS > 3 || v.ptMax > 1.0)
            && (v.visibleEnergyLab < 9 || v.openingAngle < 175)
            && (v.barrelTracks >= 2 || v.trackECLEnergy < 5.3)
    }

    /// tauskimB, two-track branch.
    public static func passesB(_ v: Variables) -> Bool {
        v.ptMax > 0.5 && v.momentumSum < 9 && v.eclSum < 10 && abs(v.vertexR) < 1 && abs(v.vertexZ) < 3
            && v.missingTheta > 5 && v.missingTheta < 175
            && (v.visibleEnergyCMS > 3 || v.ptMax > 1.0)
            && (v.visibleEnergyLab < 9 || v.openingAngle < 175 || (v.eclSum > 2 && v.eclSum < 9))
            && (v.barrelTracks >= 2 || v.trackECLEnergy < 5.3)
    }
}
