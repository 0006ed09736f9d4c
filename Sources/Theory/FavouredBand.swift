/// The range of couplings for which a mediator's Delta a_mu lies within +-n sigma of a measured
/// discrepancy (the "(g-2)_mu favoured band" drawn on every Z' limit plot; shared/PHYSICS.md).
///
/// Since Delta a_mu = g^2 I(M) for a vector, the band is [sqrt(max(0, D - n s)/I), sqrt((D + n s)/I)].
/// When D - n s <= 0 the interval reaches g = 0: there is no lower edge, the band is only an upper
/// bound, and ``lowerCoupling`` is nil. When D + n s <= 0 no coupling is favoured at all.
public struct FavouredBand: Hashable, Sendable {
    public let mass: Double
    /// The lower edge, or nil when the interval reaches zero coupling.
    public let lowerCoupling: Double?
    /// The coupling that gives the central value, or nil when the central value is <= 0.
    public let centralCoupling: Double?
    /// The upper edge, or nil when even D + n s <= 0.
    public let upperCoupling: Double?
    /// The number of standard deviations.
    public let sigmas: Double

    /// True when the band has no lower edge and is an upper bound only.
    public var isUpperBoundOnly: Bool { lowerCoupling == nil && upperCoupling != nil }

    /// The band for a vector mediator of mass `mass` GeV and the given input, at +-`sigmas`.
    public init(vectorMass mass: Double, input: MuonAnomalyInput, sigmas: Double = 2) throws(TheoryError) {
        guard sigmas.isFinite, sigmas > 0 else {
            throw .invalidCoupling(parameter: "band width in sigma", value: sigmas, allowed: "a finite number > 0")
        }
        let perG2 = try VectorMuonAnomaly.perUnitCouplingSquared(mass: mass)
        func g(_ delta: Double) -> Double? { delta > 0 ? (delta / perG2).squareRoot() : nil }
        self.mass = mass
        self.sigmas = sigmas
        lowerCoupling = g(input.delta - sigmas * input.sigma)
        centralCoupling = g(input.delta)
        upperCoupling = g(input.delta + sigmas * input.sigma)
    }
}
