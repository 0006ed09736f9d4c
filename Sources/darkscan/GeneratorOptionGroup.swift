import ArgumentParser
import EventGeneration
import Foundation
import HEPCore
import DetectorSimulation
import Pipeline

extension MuMuZPrime.Decay: ExpressibleByArgument {}

/// Options shared by `xsec` and `generate`: the process, its parameters and the generator settings.
struct ProcessOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Process: \(ProcessCatalog.keys.joined(separator: ", ")).", valueName: "key"))
    var process: String

    @Option(help: "Collider: belle or belle2.")
    var collider: String = "belle"

    @Flag(help: "Initial-state radiation by the electron structure function (not for mumu-gamma and tautau-gamma, which radiate explicitly).")
    var isr = false

    @Option(help: ArgumentHelp("Gaussian beam-energy spread of the e- and e+ beams, e.g. 0.0055,0.0025.", valueName: "GeV,GeV"))
    var beamSpread: String?

    @Option(help: ArgumentHelp("Soft/hard photon separation k0 for mumu-gamma (CM frame).", valueName: "GeV"))
    var softCut: Double = 0.01

    @Option(help: "Z' decay generated for mumu-zprime: nunu, chichi, mumu or none.")
    var decay: MuMuZPrime.Decay = .neutrinos

    @Option(help: ArgumentHelp("Dark fermion mass for --decay chichi.", valueName: "GeV"))
    var chiMass: Double = 0

    @Option(help: ArgumentHelp("Smallest mu+ mu- mass for eemumu.", valueName: "GeV"))
    var minimumPairMass: Double = 0.5

    @Option(help: ArgumentHelp("For eemumu: keep only events with both muons at |cos theta| below this in the CM frame "
                               + "(0.95 holds the Belle CDC acceptance and lowers the cross section several-fold; 1 means no cut).",
                               valueName: "cos"))
    var muonAcceptanceCos: Double = 1

    @Option(help: ArgumentHelp("For mumu-gamma, eemumu, mumumumu: keep only events with two muons inside this detector card's "
                               + "acceptance (tracking acceptance +-1 deg, p above 0.97 x its muon-ID threshold), which the "
                               + "selection requires anyway.", valueName: "card"))
    var detectorAcceptance: String?

    @Option(help: ArgumentHelp("For tautau-gamma, mumutautau: decay each tau to mu nu nu with this probability instead of its "
                               + "branching ratio (0.1739) and weight events by BR / probability (importance sampling; 0: off).",
                               valueName: "q"))
    var tauMuonProbability: Double = 0

    @Flag(inversion: .prefixedNo, help: "Running alpha on the s-channel photon.")
    var vacuumPolarization = true

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads; results do not depend on it. (default: all cores)")
    var threads: Int?

    @Option(help: "Adaptation iterations (VEGAS grids and channel weights). (default: the process's recommendation, 6 or 12)")
    var iterations: Int?

    @Option(help: "Phase-space points per adaptation iteration. (default: the process's recommendation, 20000 or 100000)")
    var pointsPerIteration: Int?

    @Option(help: "Cost of one kept event (decays, simulation, selection) in matrix-element evaluations; fixes the unweighting maximum that costs least per effective event. (> 0; default: the process's recommendation: 3, 20 with tau decays, 1e9 for the signal)")
    var eventCost: Double?

    mutating func validate() throws {
        guard ProcessCatalog.keys.contains(process) else {
            throw ValidationError("--process: unknown process '\(process)'; known: \(ProcessCatalog.keys.joined(separator: ", "))")
        }
        do { _ = try ColliderFrame.named(collider) } catch { throw ValidationError("--collider: \(error)") }
        if process != "eemumu", minimumPairMass != 0.5 || muonAcceptanceCos != 1 {
            throw ValidationError("--minimum-pair-mass and --muon-acceptance-cos are generator cuts of eemumu, not of \(process)")
        }
        if !(muonAcceptanceCos > 0 && muonAcceptanceCos <= 1) { throw ValidationError("--muon-acceptance-cos must be in (0, 1]; got \(muonAcceptanceCos)") }
        if !(minimumPairMass >= 0 && minimumPairMass.isFinite) { throw ValidationError("--minimum-pair-mass must be >= 0 GeV; got \(minimumPairMass)") }
        if let t = threads, t < 1 { throw ValidationError("--threads must be >= 1") }
        if let i = iterations, i < 0 { throw ValidationError("--iterations must be >= 0") }
        if let p = pointsPerIteration, p < 100 { throw ValidationError("--points-per-iteration must be >= 100") }
        if let c = eventCost, !(c > 0 && c.isFinite) {
            throw ValidationError("--event-cost must be > 0 (as the spec's generator.event-cost, where 0 means the recommendation; --weighted keeps every point); got \(c)")
        }
        if tauMuonProbability != 0 {
            guard ["tautau-gamma", "mumutautau"].contains(process) else { throw ValidationError("--tau-muon-probability applies to tautau-gamma and mumutautau") }
            guard tauMuonProbability > 0, tauMuonProbability < 1 else { throw ValidationError("--tau-muon-probability must be in (0, 1); got \(tauMuonProbability)") }
        }
        if detectorAcceptance != nil, !ProcessCatalog.labAcceptanceKeys.contains(process) {
            throw ValidationError("--detector-acceptance applies to \(ProcessCatalog.labAcceptanceKeys.joined(separator: ", ")), not to \(process)")
        }
        if isr, let p = try? ProcessCatalog.make(process, try parameters(mass: 1)), p.radiatesFromBeams {
            throw ValidationError("--isr: \(process) already radiates photons from the beams; adding the structure function would count ISR twice")
        }
        _ = try spread()
    }

    func spread() throws -> (electron: Double, positron: Double)? {
        guard let text = beamSpread else { return nil }
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let a = parts[0], let b = parts[1], a >= 0, b >= 0, a.isFinite, b.isFinite else {
            throw ValidationError("--beam-spread: expected two non-negative energies in GeV, e.g. 0.0055,0.0025; got '\(text)'")
        }
        return (a, b)
    }

    func parameters(mass: Double?) throws -> ProcessCatalog.Parameters {
        var p = ProcessCatalog.Parameters()
        if let card = detectorAcceptance {
            do { p.labAcceptance = try LabAcceptance(card: DetectorCard.named(card), collider: collider) } catch {
                throw ValidationError("--detector-acceptance: \(error)")
            }
        }
        p.zPrimeMass = mass
        p.zPrimeDecay = decay
        p.darkFermionMass = chiMass
        p.softPhotonCut = softCut
        p.vacuumPolarization = vacuumPolarization
        p.minimumPairMass = minimumPairMass
        p.muonAcceptanceCosine = muonAcceptanceCos
        p.tauMuonProbability = tauMuonProbability > 0 ? tauMuonProbability : nil
        return p
    }

    /// The generator options for `process` (its recommended adaptation unless overridden).
    func generatorOptions(for process: any ScatteringProcess) throws -> GeneratorOptions {
        var o = GeneratorOptions(collider: try ColliderFrame.named(collider))
        let recommended = process.recommendedAdaptation
        o.initialStateRadiation = isr
        o.beamEnergySpread = try spread()
        o.seed = seed
        o.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
        o.adaptationIterations = iterations ?? recommended.iterations
        o.pointsPerIteration = pointsPerIteration ?? recommended.points
        o.unweightingEventCost = eventCost
        return o
    }
}
