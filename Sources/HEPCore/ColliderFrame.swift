import RealModule

/// The beams of an e+e- collider and the Lorentz transformations between the laboratory frame and the
/// centre-of-mass (CM) frame.
///
/// Geometry (basf2's conventions, generators/scripts/beamparameters.py and b2bii's beam-parameter
/// converter): both beams lie in the lab x-z plane. The electron (high-energy ring) moves along +z
/// tilted towards +x by `electronAngle`; the positron (low-energy ring) moves along -z tilted towards
/// +x by `positronAngle`. The full crossing angle is their sum. For KEKB/Belle the positron runs
/// exactly along -z ("Belle's z axis points opposite to the positron beam") and the electron carries
/// the whole 22 mrad; for SuperKEKB/Belle II the solenoid axis bisects the 83 mrad crossing, so both
/// beams are tilted by 41.5 mrad and both have px > 0.
///
/// The CM frame is reached by the pure boost with -beta_total followed by the rotation that points
/// the electron beam along +z (as basf2's PCmsLabTransform does), so "theta*" is measured from the
/// electron beam in the CM frame. sqrt(s) and beta*gamma are derived from the beams, never typed in.
public struct ColliderFrame: Hashable, Sendable {
    /// A short name, e.g. "belle".
    public let name: String
    /// Beam energies in GeV.
    public let electronEnergy: Double
    public let positronEnergy: Double
    /// Beam angles in radians (see the type's documentation for their signs).
    public let electronAngle: Double
    public let positronAngle: Double
    /// The beam four-momenta in the lab frame (electron mass included).
    public let electronBeam: FourMomentum
    public let positronBeam: FourMomentum
    /// Lab -> CM and CM -> lab transformations.
    public let labToCM: LorentzTransform
    public let cmToLab: LorentzTransform

    /// Builds the frame of a collider from its beams. Energies must exceed the electron mass and
    /// angles must be finite and below pi/2.
    public init(name: String, electronEnergy: Double, positronEnergy: Double,
                electronAngle: Double, positronAngle: Double) throws(HEPCoreError) {
        let me = ParticleData.electron.mass
        for (label, value) in [("electron beam energy", electronEnergy), ("positron beam energy", positronEnergy)] {
            try HEPCoreError.requireFinite(value, label)
            guard value > me else { throw .outOfRange(quantity: label + " (GeV)", value: value, allowed: "> m_e") }
        }
        for (label, value) in [("electron beam angle", electronAngle), ("positron beam angle", positronAngle)] {
            try HEPCoreError.requireFinite(value, label)
            guard abs(value) < Double.pi / 2 else {
                throw .outOfRange(quantity: label + " (rad)", value: value, allowed: "|angle| < pi/2")
            }
        }
        self.init(validatedName: name, electronEnergy: electronEnergy, positronEnergy: positronEnergy,
                  electronAngle: electronAngle, positronAngle: positronAngle)
    }

    /// The construction proper, for beams already validated (energies > m_e, |angles| < pi/2, which
    /// keeps |beta_total| < 1).
    private init(validatedName name: String, electronEnergy: Double, positronEnergy: Double,
                 electronAngle: Double, positronAngle: Double) {
        let me = ParticleData.electron.mass
        self.name = name
        self.electronEnergy = electronEnergy
        self.positronEnergy = positronEnergy
        self.electronAngle = electronAngle
        self.positronAngle = positronAngle
        let pe = (electronEnergy * electronEnergy - me * me).squareRoot()
        let pp = (positronEnergy * positronEnergy - me * me).squareRoot()
        electronBeam = FourMomentum(e: electronEnergy, p: pe * ThreeVector(Double.sin(electronAngle), 0, Double.cos(electronAngle)))
        positronBeam = FourMomentum(e: positronEnergy, p: pp * ThreeVector(Double.sin(positronAngle), 0, -Double.cos(positronAngle)))
        let total = electronBeam + positronBeam
        let boost = LorentzTransform.boost(validBeta: -total.beta)
        let electronInCM = boost.apply(electronBeam)
        let align = LorentzTransform.rotation(from: electronInCM.momentum, to: ThreeVector(0, 0, 1))
        labToCM = align.after(boost)
        cmToLab = labToCM.inverse
    }

    /// The total four-momentum of the two beams in the lab.
    public var total: FourMomentum { electronBeam + positronBeam }
    /// The centre-of-mass energy squared s in GeV^2.
    public var s: Double { total.massSquared }
    /// The centre-of-mass energy sqrt(s) in GeV.
    public var sqrtS: Double { s.squareRoot() }
    /// beta*gamma = |p_total| / sqrt(s) of the CM system in the lab.
    public var betaGamma: Double { total.p / sqrtS }
    /// The CM system's velocity in the lab (units of c).
    public var beta: ThreeVector { total.beta }
    /// The full crossing angle in radians.
    public var crossingAngle: Double { electronAngle + positronAngle }

    /// KEKB / Belle: 7.998 GeV e- on 3.5 GeV e+, 22 mrad crossing, positron along -z
    /// (Belle detector paper, NIM A 479, 117 (2002); basf2 preset "KEKB-Belle").
    public static let belle = ColliderFrame(validatedName: "belle", electronEnergy: 7.998, positronEnergy: 3.5,
                                                 electronAngle: 0.022, positronAngle: 0)
    /// SuperKEKB / Belle II: 7.004 GeV e- on 4.002 GeV e+, 83 mrad crossing split symmetrically about
    /// the solenoid axis (Belle II Physics Book, arXiv:1808.10567, Sec. 2; basf2 preset "Y4S").
    public static let belle2 = ColliderFrame(validatedName: "belle2", electronEnergy: 7.004, positronEnergy: 4.002,
                                                  electronAngle: 0.0415, positronAngle: 0.0415)

    /// The built-in colliders by name.
    public static let known: [ColliderFrame] = [belle, belle2]

    /// Looks a built-in collider up by name ("belle", "belle2"), case-insensitively.
    public static func named(_ name: String) throws(HEPCoreError) -> ColliderFrame {
        guard let frame = known.first(where: { $0.name == name.lowercased() }) else {
            throw .malformed(what: "collider", text: name, expected: known.map(\.name).joined(separator: " or "))
        }
        return frame
    }
}
