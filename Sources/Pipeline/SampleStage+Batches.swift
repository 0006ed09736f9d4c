import DetectorSimulation
import EventGeneration
import Features
import Foundation
import HEPCore

extension AnalysisRun {
    /// `events` split into `ceil(events / maximum)` batches as equal as can be (the first ones one
    /// event larger).
    static func batchSizes(_ events: Int, maximum: Int) -> [Int] {
        let n = max(1, (events + maximum - 1) / max(1, maximum))
        return (0..<n).map { events / n + ($0 < events % n ? 1 : 0) }
    }

    /// The process's generator for the spec's settings, adapted and integrated (seeded by `seed`), with
    /// its unweighting maximum (at the sample's `eventCost`, else the spec's or the process's).
    func integratedGenerator(_ process: any ScatteringProcess, seed: UInt64, eventCost: Double? = nil,
                             progress: (@Sendable (Double) -> Void)? = nil) async throws -> (MonteCarloGenerator, Double) {
        var options = GeneratorOptions(collider: try ColliderFrame.named(spec.collider))
        options.seed = seed
        options.threads = threads
        let g = spec.generator
        options.adaptationIterations = g.adaptationIterations > 0 ? g.adaptationIterations : process.recommendedAdaptation.iterations
        options.pointsPerIteration = g.pointsPerIteration > 0 ? g.pointsPerIteration : process.recommendedAdaptation.points
        options.unweightingEventCost = eventCost ?? (g.eventCost > 0 ? g.eventCost : nil)
        var generator = try MonteCarloGenerator(process: process, options: options)
        let sigma = try await generator.integrate(points: g.integrationPoints, progress: progress)
        return (generator, sigma.unweightingMaxWeight)
    }

    /// The rows in the signal-like region of a sample made in batches (`sizes`, summing to the
    /// recipe's events), with the number of preselected events and whether every batch came from the cache.
    ///
    /// One generator is adapted and integrated; batch i draws its events from its own streams
    /// (``EventGeneration/MonteCarloGenerator/generate(events:weighted:maxWeight:batch:progress:)``),
    /// is simulated with its own seed, turned into features and reduced to its region rows, which alone
    /// are cached (its events, simulation and other rows are dropped: a batch holds about 2 GB while it
    /// is made, the cache a tenth of that). Each batch's weights sum to its own cross-section estimate
    /// sigma_i over its n_i events; in the whole sample of N events they are multiplied by n_i / N, so
    /// that the weights sum to sum_i sigma_i n_i / N, the mean of the batches' unbiased estimates
    /// weighted by their sizes (its error: their errors combined with the same factors). The integration
    /// is repeated (the same bits: it is seeded) only when a batch is missing from the cache.
    func batchedRegion(_ recipe: SampleRecipe, process: any ScatteringProcess, sizes: [Int], regionKey: CacheKey,
                       generatorSeed: UInt64, stage: String) async throws(PipelineError) -> (table: FeatureTable, preselected: Int, cached: Bool) {
        let total = Double(sizes.reduce(0, +))
        let n = sizes.count
        let observer = self.observer
        var generator: (MonteCarloGenerator, Double)?
        var combined: FeatureTable?
        var preselected = 0, tried = 0, kept = 0, seen = 0
        var sigma = 0.0, sigmaError2 = 0.0
        var allCached = true
        for (i, size) in sizes.enumerated() {
            // The kept features are part of the key: a DarkScan whose selections read others makes the batch again.
            let key = CacheKey(["region batch", regionKey.hex, "\(i + 1)/\(n)", "\(size)",
                                SignalRegion.selectionColumns.sorted().joined(separator: ",")])
            let url = cache.url(stage: "region", name: "\(recipe.name)-batch\(i + 1)of\(n)", key: key, extension: "dsfeat")
            let progress: @Sendable (Double) -> Void = { f in observer(.progress(stage: stage, fraction: (Double(i) + f) / Double(n))) }
            var rows: FeatureTable
            if let t = cache.load(url, { try FeatureTable.read(from: $0) }) {
                rows = t
            } else {
                allCached = false
                do {
                    if generator == nil { generator = try await integratedGenerator(process, seed: generatorSeed, eventCost: recipe.eventCost) }
                } catch {
                    throw .stageFailed(stage: stage, detail: "generation: \(error)")
                }
                rows = try await regionBatch(recipe, generator: generator!, batch: i, size: size, stage: stage, progress: progress)
                do { try rows.write(to: url) } catch {
                    throw .stageFailed(stage: stage, detail: "batch \(i + 1)/\(n): \(error)")
                }
            }
            progress(1)
            guard let p = rows.generator.settings[Self.batchPreselectedSetting].flatMap(Int.init), rows.generator.eventsKept == size else {
                throw .stageFailed(stage: stage, detail: "batch \(i + 1)/\(n) in the cache (\(url.lastPathComponent)) is not a batch of \(size) events")
            }
            preselected += p
            let g = rows.generator
            let share = Double(size) / total
            sigma += g.crossSectionPicobarn * share
            sigmaError2 += (g.crossSectionErrorPicobarn * share) * (g.crossSectionErrorPicobarn * share)
            tried += g.eventsTried
            kept += g.eventsKept
            seen += rows.eventsSeen
            for r in rows.weights.indices { rows.weights[r] *= share }
            if combined == nil { combined = rows } else { combined!.append(contentsOf: rows) }
        }
        guard var out = combined else { throw .stageFailed(stage: stage, detail: "no batches") }
        out.generator.crossSectionPicobarn = sigma
        out.generator.crossSectionErrorPicobarn = sigmaError2.squareRoot()
        out.generator.eventsTried = tried
        out.generator.eventsKept = kept
        out.generator.seed = generatorSeed
        out.generator.settings[Self.batchPreselectedSetting] = nil
        out.generator.settings["batches"] = "\(n) of \(sizes.max() ?? 0) events at most: independent streams of one integrated generator, "
            + "each simulated with its own seed; weights x n_i / N"
        out.eventsSeen = seen
        return (out, preselected, allCached)
    }

    /// The setting in which a cached batch records how many of its events were preselected.
    static let batchPreselectedSetting = "batch preselected events"

    /// Batch `batch` of a sample: generated, simulated, turned into features and reduced to the region.
    private func regionBatch(_ recipe: SampleRecipe, generator: (MonteCarloGenerator, Double), batch: Int, size: Int, stage: String,
                             progress: @escaping @Sendable (Double) -> Void) async throws(PipelineError) -> FeatureTable {
        let label = "batch \(batch + 1)"
        let sample: EventSample
        do {
            (sample, _) = try await generator.0.generate(events: size, weighted: false, maxWeight: generator.1, batch: batch) { progress(0.8 * $0) }
        } catch {
            throw .stageFailed(stage: stage, detail: "generation (\(label)): \(error)")
        }
        let reco: RecoSample
        do {
            let simulator = try DetectorSimulator(card: card, forcedPhotonLossEnergy: recipe.forcedPhotonLossEnergy,
                                                  forcedMuonIdentification: recipe.forcedMuonIdentification)
            (reco, _) = try await simulator.simulate(sample, seed: derivedSeed(spec.seed, "simulate/\(recipe.name)/\(label)"), threads: threads) {
                progress(0.8 + 0.15 * $0)
            }
        } catch {
            throw .stageFailed(stage: stage, detail: "detector simulation (\(label)): \(error)")
        }
        let table: FeatureTable
        do { table = try await ZPrimeFeatures.table(reco, threads: threads) } catch {
            throw .stageFailed(stage: stage, detail: "features (\(label)): \(error)")
        }
        var rows = try SignalRegion.filter(table, spec.region)
        rows.generator.settings[Self.batchPreselectedSetting] = "\(table.count)"
        return rows
    }
}
