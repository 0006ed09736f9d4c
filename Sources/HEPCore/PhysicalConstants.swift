/// Physical constants in DarkScan's units (GeV, c = hbar = 1), from the PDG 2024 Review of Particle
/// Physics (S. Navas et al., Phys. Rev. D 110, 030001 (2024)): "Physical constants" and the particle
/// listings. Masses of particles live with their PDG ids in ``ParticleData``.
public enum PhysicalConstants {
    /// Fine-structure constant at zero momentum transfer, alpha(0) = 1/137.035999084 (PDG 2024).
    public static let alpha: Double = 1 / 137.035999084
    /// Fermi constant G_F = 1.1663788e-5 GeV^-2 (PDG 2024).
    public static let fermiConstant: Double = 1.1663788e-5
    /// sin^2 theta_W in the MSbar scheme at m_Z: 0.23121 (PDG 2024, electroweak review).
    public static let sin2ThetaW: Double = 0.23121
    /// Higgs vacuum expectation value v = (sqrt 2 G_F)^(-1/2) = 246.22 GeV, derived from G_F.
    public static var higgsVEV: Double { 1 / (2.0.squareRoot() * fermiConstant).squareRoot() }
    /// Elementary charge in natural (Heaviside-Lorentz) units, e = sqrt(4 pi alpha).
    public static var elementaryCharge: Double { (4 * Double.pi * alpha).squareRoot() }
}
