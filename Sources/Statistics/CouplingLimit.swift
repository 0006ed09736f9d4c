import HEPCore
import Theory

/// The expected Z' signal.
public enum ZPrimeSignal {
    /// BR(Z' -> invisible) of the L_mu - L_tau Z' at mass `mass` GeV in `scenario`: from Theory's
    /// decay table (vanilla: nu nubar only, about 1/2 between 2 m_mu and 2 m_tau; fully invisible: 1).
    /// Every width is proportional to g'^2, so the ratio does not depend on g'; it is evaluated at g' = 1.
    ///
    /// - Throws: ``StatisticsError/invalidArgument(name:value:allowed:)`` for a bad mass or scenario.
    public static func invisibleBranchingRatio(mass: Double, scenario: LmuLtauZPrime.Scenario) throws(StatisticsError) -> Double {
        do {
            return try LmuLtauZPrime(mass: mass, coupling: 1, scenario: scenario).decayTable().invisibleBranchingRatio
        } catch {
            throw .invalidArgument(name: "Z' model", value: "m = \(mass) GeV, \(scenario.name)", allowed: "a valid L_mu - L_tau Z' (\(error))")
        }
    }

    /// Expected events N = sigma(e+e- -> mu+ mu- Z'; g' = 1) x L x efficiency x BR(Z' -> invisible),
    /// per bin of `efficiency` (HEPCore ``Units/expectedEvents(crossSectionPicobarn:luminosityInverseFemtobarn:)``:
    /// pb x fb^-1 x 1000).
    public static func expectedEvents(crossSectionAtUnitCouplingPicobarn sigma: Double, efficiency: [Double],
                                      luminosityInverseFemtobarn lumi: Double, invisibleBranchingRatio br: Double) -> [Double] {
        efficiency.map { Units.expectedEvents(crossSectionPicobarn: sigma * $0 * br, luminosityInverseFemtobarn: lumi) }
    }
}

/// From limits on the signal to limits on the coupling g'.
public enum CouplingLimit {
    /// g'_UL = g'_ref sqrt(mu_UL), since the signal scales as g'^2 and mu = g'^2 / g'_ref^2.
    public static func coupling(signalStrengthLimit mu: Double, referenceCoupling gRef: Double) -> Double {
        gRef * max(mu, 0).squareRoot()
    }

    /// g'_UL = sqrt(sigma_UL / (sigma(g' = 1) BR(inv))) for a limit sigma_UL on
    /// sigma(e+e- -> mu+ mu- Z') x BR(Z' -> invisible) (shared/PHYSICS.md, "Statistics").
    public static func coupling(crossSectionLimitPicobarn limit: Double, crossSectionAtUnitCouplingPicobarn sigma1: Double,
                                invisibleBranchingRatio br: Double) -> Double {
        (limit / (sigma1 * br)).squareRoot()
    }

    /// The same for the scenario's BR(Z' -> invisible) at mass `mass` (vanilla, fully invisible, or a
    /// dark fermion): the scenario changes the limit on g' through BR(inv) only.
    ///
    /// - Throws: as ``ZPrimeSignal/invisibleBranchingRatio(mass:scenario:)``.
    public static func coupling(crossSectionLimitPicobarn limit: Double, crossSectionAtUnitCouplingPicobarn sigma1: Double,
                                mass: Double, scenario: LmuLtauZPrime.Scenario) throws(StatisticsError) -> Double {
        let br = try ZPrimeSignal.invisibleBranchingRatio(mass: mass, scenario: scenario)
        guard br > 0 else {
            throw .invalidArgument(name: "BR(Z' -> invisible)", value: "0 at m = \(mass) GeV (\(scenario.name))", allowed: "> 0 for a limit on g'")
        }
        return coupling(crossSectionLimitPicobarn: limit, crossSectionAtUnitCouplingPicobarn: sigma1, invisibleBranchingRatio: br)
    }
}

extension CouplingLimit {
    /// g'_UL for a model whose signal was built with BR(Z' -> invisible) = 1 (efficiency x L x
    /// sigma(g' = 1) only): the true signal is BR(inv) times smaller at every g', so
    /// g'_UL = g'_ref sqrt(mu_UL / BR(inv)), with BR(inv) of `scenario` at `mass` (vanilla or fully
    /// invisible; 1 for fully invisible).
    ///
    /// - Throws: as ``ZPrimeSignal/invisibleBranchingRatio(mass:scenario:)``; BR(inv) = 0 is refused.
    public static func coupling(signalStrengthLimit mu: Double, referenceCoupling gRef: Double, mass: Double,
                                scenario: LmuLtauZPrime.Scenario) throws(StatisticsError) -> Double {
        let br = try ZPrimeSignal.invisibleBranchingRatio(mass: mass, scenario: scenario)
        guard br > 0 else {
            throw .invalidArgument(name: "BR(Z' -> invisible)", value: "0 at m = \(mass) GeV (\(scenario.name))", allowed: "> 0 for a limit on g'")
        }
        return coupling(signalStrengthLimit: mu / br, referenceCoupling: gRef)
    }
}
