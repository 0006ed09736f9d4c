import HEPCore
import Testing

@Suite("Units and particle data")
struct UnitsAndParticlesTests {
    @Test("Unit conversions")
    func conversions() {
        // 1 GeV^-2 = 0.3893793721 mb = 3.893793721e8 pb (PDG 2024, physical constants).
        #expect(abs(Units.picobarn(fromInverseGeV2: 1) - 3.893793721e8) < 1)
        #expect(abs(Units.inverseGeV2(fromPicobarn: Units.picobarn(fromInverseGeV2: 2.5)) - 2.5) < 1e-15)
        // 1 nb x 1 fb^-1 = 1000 pb x 1000 pb^-1 = 1e6 events.
        #expect(Units.expectedEvents(crossSectionPicobarn: 1000, luminosityInverseFemtobarn: 1) == 1e6)
        #expect(Units.equivalentLuminosityInverseFemtobarn(events: 1e6, crossSectionPicobarn: 1000) == 1)
        // The muon: c tau = 658.6384 m (PDG 2024).
        let muon = ParticleData.muon
        #expect(abs(Units.properDecayLengthMetres(fromWidthGeV: muon.width) - 658.6384) < 1e-3)
        #expect(abs(muon.lifetimeSeconds - 2.1969811e-6) < 1e-15)
        // The tau: c tau = 87.03 um.
        #expect(abs(Units.properDecayLengthMetres(fromWidthGeV: ParticleData.tau.width) - 87.03e-6) < 0.01e-6)
        // v = 246.22 GeV from G_F.
        #expect(abs(PhysicalConstants.higgsVEV - 246.22) < 0.01)
    }

    @Test("Antiparticles: charge flips, self-conjugate ids stay")
    func antiparticles() throws {
        let mup = try ParticleData.require(.antimuon)
        #expect(mup.charge == 1 && mup.name == "mu+" && mup.mass == ParticleData.muon.mass)
        #expect(PDGID.photon.antiparticle == .photon)
        #expect(PDGID.piPlus.antiparticle == .piMinus)
        #expect(ParticleData.lookup(PDGID(-14))?.name == "anti-nu_mu")
        #expect(ParticleData.lookup(PDGID(999_999)) == nil)
        #expect(throws: HEPCoreError.self) { try ParticleData.require(PDGID(999_999)) }
        #expect(PDGID.tau.description == "tau-")
    }
}
