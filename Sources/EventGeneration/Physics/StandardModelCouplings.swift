import HEPCore
import RealModule

/// The electroweak couplings the processes use, in the conventions of ``ChiralCoupling``:
/// vertex -i gamma^mu (gL P_L + gR P_R) from L = -e Q psibar A-slash psi
/// - (e / (sW cW)) psibar Z-slash (T3 P_L - Q sW^2) psi (e.g. PDG 2024, "Electroweak model and
/// constraints on new physics", Eq. 10.3 with gL = gZ (T3 - Q sW^2), gR = -gZ Q sW^2).
///
/// Inputs (PDG 2024): alpha(0) for the vertex charge e, sin^2 theta_W(MSbar, m_Z) = 0.23121,
/// m_Z = 91.1876 GeV, Gamma_Z = 2.4955 GeV. The s-channel photon may in addition carry the running
/// of alpha (``RunningAlpha``), which the processes apply as a factor on that propagator.
public struct StandardModelCouplings: Sendable, Equatable {
    public let alpha: Double
    public let sin2W: Double
    public let zMass: Double
    public let zWidth: Double

    public init(alpha: Double = PhysicalConstants.alpha, sin2W: Double = PhysicalConstants.sin2ThetaW,
                zMass: Double = ParticleData.zBoson.mass, zWidth: Double = ParticleData.zBoson.width) {
        self.alpha = alpha
        self.sin2W = sin2W
        self.zMass = zMass
        self.zWidth = zWidth
    }

    /// The positron charge e = sqrt(4 pi alpha).
    public var e: Double { (4 * Double.pi * alpha).squareRoot() }
    /// g_Z = e / (sin theta_W cos theta_W).
    public var gZ: Double { e / (sin2W * (1 - sin2W)).squareRoot() }

    /// Photon coupling to a fermion of charge Q (units of e): gL = gR = e Q.
    public func photon(charge q: Double) -> ChiralCoupling { .vector(e * q) }

    /// Z coupling to a fermion of weak isospin T3 and charge Q.
    public func z(t3: Double, charge q: Double) -> ChiralCoupling {
        ChiralCoupling(left: gZ * (t3 - q * sin2W), right: -gZ * q * sin2W)
    }

    /// Z coupling to a charged lepton (T3 = -1/2, Q = -1).
    public var zChargedLepton: ChiralCoupling { z(t3: -0.5, charge: -1) }
    /// Photon coupling to a charged lepton (Q = -1).
    public var photonChargedLepton: ChiralCoupling { photon(charge: -1) }
}
