import DetectorSimulation
import HEPCore
import RealModule

/// The observables of the Z' -> invisible search (and the visible search's masses), computed for
/// events passing the preselection "exactly two tracks of opposite charge, both identified as muons".
///
/// Frames: "CM" is the e+e- centre-of-mass frame of the card's collider (HEPCore's labToCM: boost,
/// then the electron beam along +z); "lab" the detector frame. Tracks take the muon mass. Where the
/// seed (the talk) names a variable without defining it, the definition below is DarkScan's and says
/// so. Angles in radians, energies and momenta in GeV.
public enum ZPrimeFeatures {
    public static let preselection = "two opposite-charge tracks, both identified as muons"

    public static let definitions: [FeatureTable.Definition] = [
        .init("recoilMassSquared", unit: "GeV^2", "M^2 = s + m_mumu^2 - 2 E*_mumu sqrt(s), the mass squared recoiling against the dimuon"),
        .init("recoilMass", unit: "GeV", "sign(M^2) sqrt|M^2|"),
        .init("dimuonMass", unit: "GeV", "m_mumu, the dimuon invariant mass"),
        .init("reducedMass", unit: "GeV", "m_R = sqrt(m_mumu^2 - 4 m_mu^2) (signed), the visible search's variable (Belle, PRD 106, 012003)"),
        .init("dimuonEnergyCMS", unit: "GeV", "E*_mumu, the dimuon energy in the CM frame"),
        .init("recoilCosThetaCMS", unit: nil, "cos theta*_rec, polar angle of the recoil momentum -p*_mumu in the CM frame"),
        .init("recoilThetaLab", unit: "rad", "polar angle of the recoil momentum (beams minus dimuon) in the lab: the missing-momentum direction"),
        .init("neutralEnergySum", unit: "GeV", "E_sum, summed energy of the neutral ECL clusters (lab)"),
        .init("vertexChi2", unit: nil, "chi^2 of the two-track straight-line vertex fit (ndf = 1)"),
        .init("vertexPValue", unit: nil, "p-value of the vertex fit"),
        .init("deltaM", unit: "GeV", "DarkScan's definition: M_rec(mumu) - M_miss(all visible), the recoil mass minus the missing mass against tracks and all neutral clusters"),
        .init("deltaMGamma", unit: "GeV", "DarkScan's definition: M_rec(mumu) - M_rec(mumu + the most energetic neutral cluster) (0 without clusters)"),
        .init("thrust", unit: nil, "thrust of the muons and neutral clusters in the CM frame"),
        .init("thrustAxisCosTheta", unit: nil, "cos of the polar angle of the thrust axis (CM)"),
        .init("pLongitudinalMax", unit: "GeV", "|p* . n_T| of the higher-momentum muon (CM, n_T the thrust axis)"),
        .init("pLongitudinalMin", unit: "GeV", "|p* . n_T| of the lower-momentum muon"),
        .init("recoilPtProjectionMax", unit: "GeV", "p*_t(Z') sin alpha_M: recoil transverse momentum perpendicular to the higher-momentum muon's transverse momentum (CM; the seed's diagonal cut)"),
        .init("recoilPtProjectionMin", unit: "GeV", "p*_t(Z') sin alpha_m, the same for the lower-momentum muon"),
        .init("dimuonPt", unit: "GeV", "transverse momentum of the dimuon in the CM frame"),
        .init("angleMuMinusPtThrust", unit: "rad", "angle between the mu- transverse momentum (CM) and the thrust axis"),
        .init("angleMuPlusPtThrust", unit: "rad", "angle between the mu+ transverse momentum (CM) and the thrust axis"),
        .init("openingAngleCMS", unit: "rad", "angle between the two muons in the CM frame"),
        .init("clusterRecoilDeltaPhi", unit: "rad", "smallest |delta phi| (CM) between the recoil momentum and a neutral cluster; pi without clusters"),
        .init("muonMinusPCMS", unit: "GeV", "mu- momentum in the CM frame"),
        .init("muonPlusPCMS", unit: "GeV", "mu+ momentum in the CM frame"),
        .init("missingMassSquared", unit: "GeV^2", "mass squared of the event's missing four-momentum: beams minus both tracks minus all neutral clusters"),
        .init("missingEnergyCMS", unit: "GeV", "energy of the missing four-momentum in the CM frame"),
        .init("missingPtCMS", unit: "GeV", "transverse momentum of the missing four-momentum in the CM frame"),
        .init("triggered", unit: nil, "trigger decision (1 fired, 0 not)"),
        .init("triggerProbability", unit: nil, "trigger probability"),
        .init("neutralClusterCount", unit: nil, "number of neutral clusters"),
        // The Belle tau skims' event variables (the seed's backup slides, tauskimA and tauskimB) for
        // the two-track events, and the skim decisions (TauSkim).
        .init("trackPtMax", unit: "GeV", "largest track transverse momentum (lab)"),
        .init("eventVertexR", unit: "cm", "transverse distance of the fitted two-track vertex from the beam axis"),
        .init("eventVertexZ", unit: "cm", "z of the fitted two-track vertex"),
        .init("trackMomentumSumCMS", unit: "GeV", "sum of |p*| of the tracks (CM)"),
        .init("missingThetaLab", unit: "deg", "polar angle of the missing momentum (beams minus tracks and neutral clusters, lab)"),
        .init("visibleEnergyCMS", unit: "GeV", "E_rec: energy of the tracks (muon mass) and neutral clusters in the CM frame"),
        .init("visibleEnergyLab", unit: "GeV", "E_tot: energy of the tracks (muon mass) and neutral clusters in the lab"),
        .init("openingAngleLab", unit: "deg", "angle between the two tracks in the lab"),
        .init("barrelTrackCount", unit: nil, "N_barrel: tracks at 32.2-128.7 degrees (the Belle ECL barrel)"),
        .init("tauSkimA", unit: nil, "1 if the event passes Belle's tauskimA (two-track branch; see TauSkim), else 0"),
        .init("tauSkimB", unit: nil, "1 if the event passes Belle's tauskimB (two-track branch; see TauSkim), else 0"),
    ]

    /// The index of each definition, by name (for tests and selections).
    public static func index(_ name: String) -> Int? { definitions.firstIndex { $0.name == name } }

    /// The feature values of event i, or nil when it fails the preselection.
    public static func compute(_ reco: RecoSample, event i: Int, frame: ColliderFrame) -> [Double]? {
        let tracks = reco.tracks(ofEvent: i)
        guard tracks.count == 2 else { return nil }
        let (a, b) = (tracks.lowerBound, tracks.lowerBound + 1)
        guard reco.trackCharge[a] != reco.trackCharge[b], reco.trackMuonID[a] == 1, reco.trackMuonID[b] == 1 else { return nil }
        let (kMinus, kPlus) = reco.trackCharge[a] < 0 ? (a, b) : (b, a)
        let mMu = ParticleData.muon.mass
        let muMinusLab = reco.trackMomentum(kMinus, mass: mMu), muPlusLab = reco.trackMomentum(kPlus, mass: mMu)
        let toCM = frame.labToCM
        let muMinus = toCM.apply(muMinusLab), muPlus = toCM.apply(muPlusLab)
        let dimuon = muMinus + muPlus
        let s = frame.s, sqrtS = frame.sqrtS
        let m2 = s + dimuon.massSquared - 2 * dimuon.e * sqrtS
        let signedRoot: (Double) -> Double = { $0 >= 0 ? $0.squareRoot() : -(-$0).squareRoot() }
        let recoilCM = FourMomentum(e: sqrtS, px: 0, py: 0, pz: 0) - dimuon
        let recoilLab = frame.total - muMinusLab - muPlusLab

        let clusterRange = reco.clusters(ofEvent: i)
        let clustersLab = clusterRange.map { reco.clusterMomentum($0) }
        let clustersCM = clustersLab.map { toCM.apply($0) }
        let eSum = clustersLab.reduce(0) { $0 + $1.e }
        let missingAll = recoilLab - clustersLab.reduce(FourMomentum.zero, +)
        let hardest = clustersLab.max { $0.e < $1.e }
        let recoilWithHardest = hardest.map { (recoilLab - $0).mass } ?? recoilLab.mass

        let fit = VertexFit.fit([kMinus, kPlus].map { k in
            VertexFit.Track(reference: ThreeVector(reco.trackX[k], reco.trackY[k], reco.trackZ[k]),
                            direction: ThreeVector(reco.trackPx[k], reco.trackPy[k], reco.trackPz[k]),
                            sigmaD0: reco.trackSigmaD0[k], sigmaZ0: reco.trackSigmaZ0[k])
        })

        let (thrust, axis) = Thrust.compute([muMinus.momentum, muPlus.momentum] + clustersCM.map(\.momentum))
        let (hi, lo) = muMinus.p >= muPlus.p ? (muMinus, muPlus) : (muPlus, muMinus)
        func transverse(_ p: FourMomentum) -> ThreeVector { ThreeVector(p.px, p.py, 0) }
        let recoilT = transverse(recoilCM)
        func perpendicular(_ muon: FourMomentum) -> Double {
            let u = transverse(muon).unit
            return abs(recoilT.x * u.y - recoilT.y * u.x)
        }
        var minDeltaPhi = Double.pi
        for c in clustersCM {
            var d = abs(c.phi - recoilCM.phi)
            if d > Double.pi { d = 2 * Double.pi - d }
            minDeltaPhi = min(minDeltaPhi, d)
        }
        return [
            m2, signedRoot(m2), dimuon.mass, signedRoot(dimuon.massSquared - 4 * mMu * mMu), dimuon.e,
            recoilCM.cosTheta, recoilLab.theta, eSum,
            fit?.chi2 ?? .nan, fit?.pValue ?? .nan,
            recoilLab.mass - missingAll.mass, hardest == nil ? 0 : recoilLab.mass - recoilWithHardest,
            thrust, axis.z,
            abs(hi.momentum.dot(axis)), abs(lo.momentum.dot(axis)),
            perpendicular(hi), perpendicular(lo),
            dimuon.pt,
            transverse(muMinus).angle(to: axis), transverse(muPlus).angle(to: axis),
            muMinus.momentum.angle(to: muPlus.momentum),
            minDeltaPhi,
            muMinus.p, muPlus.p,
            missingAll.massSquared, toCM.apply(missingAll).e, toCM.apply(missingAll).pt,
            Double(reco.triggered[i]), reco.triggerProbability[i], Double(clusterRange.count),
        ] + TauSkim.values(muonsLab: (muMinusLab, muPlusLab), muonsCM: (muMinus, muPlus), clustersLab: clustersLab, clustersCM: clustersCM,
                           missingLab: missingAll, vertex: fit?.vertex)
    }

    /// The feature table of a reconstructed sample, computed in chunks on `threads` tasks (the rows
    /// keep the event order).
    public static func table(_ reco: RecoSample, threads: Int = 1, chunkSize: Int = 8192,
                             progress: (@Sendable (Double) -> Void)? = nil) async throws(FeaturesError) -> FeatureTable {
        let frame: ColliderFrame
        do { frame = try ColliderFrame.named(reco.generator.collider) } catch {
            throw .unknownCollider(reco.generator.collider)
        }
        let template = FeatureTable(generator: reco.generator, cardName: reco.cardName, preselection: preselection,
                                    eventsSeen: reco.count, definitions: definitions)
        let n = reco.count
        let units = max(1, (n + chunkSize - 1) / chunkSize)
        var parts = [FeatureTable?](repeating: nil, count: units)
        await withTaskGroup(of: (Int, FeatureTable).self) { group in
            var next = 0, done = 0
            func submit(_ u: Int) {
                group.addTask {
                    var part = template
                    for i in (u * chunkSize)..<min(n, (u + 1) * chunkSize) {
                        guard let values = compute(reco, event: i, frame: frame) else { continue }
                        part.weights.append(reco.weights[i])
                        part.eventIndex.append(Int64(i))
                        for (c, v) in values.enumerated() { part.columns[c].append(v) }
                    }
                    return (u, part)
                }
            }
            while next < min(units, max(1, threads)) { submit(next); next += 1 }
            for await (u, part) in group {
                parts[u] = part
                done += 1
                progress?(Double(done) / Double(units))
                if next < units { submit(next); next += 1 }
            }
        }
        var result = template
        for case let part? in parts { result.append(contentsOf: part) }
        return result
    }
}
