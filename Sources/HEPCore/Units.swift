/// DarkScan's one unit convention.
///
/// Natural units with c = hbar = 1 throughout the libraries:
/// - energies, momenta and masses in **GeV** (momenta in GeV/c, masses in GeV/c^2 written as GeV);
/// - lengths in **metres** (`Double` values named `...Metres`), times in **seconds**;
/// - cross sections in **pb** at every interface (`...Picobarn`);
/// - integrated luminosity in **fb^-1** at every interface (`...InverseFemtobarn`).
///
/// Conversions between these and GeV powers go through the named functions of ``Units``; no other
/// file multiplies by a bare conversion factor. Constants are from the PDG 2024 Review of Particle
/// Physics, "Physical constants" table (S. Navas et al., Phys. Rev. D 110, 030001 (2024)).
public enum Units {
    /// 1 GeV, the unit of energy, momentum and mass.
    public static let GeV: Double = 1
    /// 1 MeV in GeV.
    public static let MeV: Double = 1e-3
    /// 1 keV in GeV.
    public static let keV: Double = 1e-6

    /// hbar in GeV s: 6.582119569e-25 GeV s (PDG 2024, exact by the 2019 SI definition of h and e).
    public static let hbarGeVSeconds: Double = 6.582119569e-25
    /// hbar c in GeV m: 197.3269804 MeV fm = 1.973269804e-16 GeV m (PDG 2024, exact).
    public static let hbarCGeVMetres: Double = 1.973269804e-16
    /// (hbar c)^2 in GeV^2 pb: 0.3893793721 GeV^2 mb = 0.3893793721e9 GeV^2 pb (PDG 2024, exact).
    public static let hbarC2GeV2Picobarn: Double = 0.3893793721e9
    /// Speed of light in m/s (exact).
    public static let speedOfLightMetresPerSecond: Double = 299_792_458

    /// Converts a cross section in GeV^-2 (natural units) to pb.
    @inlinable public static func picobarn(fromInverseGeV2 sigma: Double) -> Double {
        sigma * hbarC2GeV2Picobarn
    }

    /// Converts a cross section in pb to GeV^-2.
    @inlinable public static func inverseGeV2(fromPicobarn sigma: Double) -> Double {
        sigma / hbarC2GeV2Picobarn
    }

    /// Converts a width Gamma (GeV) to the proper lifetime tau = hbar / Gamma in seconds.
    /// Returns +infinity for a vanishing width.
    @inlinable public static func lifetimeSeconds(fromWidthGeV width: Double) -> Double {
        hbarGeVSeconds / width
    }

    /// Converts a width Gamma (GeV) to the proper decay length c tau = hbar c / Gamma in metres.
    @inlinable public static func properDecayLengthMetres(fromWidthGeV width: Double) -> Double {
        hbarCGeVMetres / width
    }

    /// Expected number of events N = sigma L for sigma in pb and L in fb^-1 (1 fb^-1 = 1000 pb^-1).
    @inlinable public static func expectedEvents(crossSectionPicobarn sigma: Double,
                                                 luminosityInverseFemtobarn lumi: Double) -> Double {
        sigma * lumi * 1000
    }

    /// Equivalent integrated luminosity in fb^-1 of `events` events of a process with cross section
    /// `sigma` pb: L = N / sigma.
    @inlinable public static func equivalentLuminosityInverseFemtobarn(events: Double,
                                                                      crossSectionPicobarn sigma: Double) -> Double {
        events / (sigma * 1000)
    }
}
