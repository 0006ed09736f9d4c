import HEPCore

/// What a generation run produced besides the events.
public struct GenerationSummary: Sendable, Equatable {
    /// sigma (pb) and its error from all trials of the sampling pass.
    public let crossSectionPicobarn: Double
    public let crossSectionErrorPicobarn: Double
    public let eventsTried: Int
    public let eventsKept: Int
    /// Events whose weight exceeded the unweighting maximum (kept with weight > 1 in units of it).
    public let overweightEvents: Int
    /// Kept / tried.
    public var efficiency: Double { eventsTried > 0 ? Double(eventsKept) / Double(eventsTried) : 0 }
}

extension MonteCarloGenerator {
    /// One accepted event before normalisation.
    struct RawEvent {
        var weight: Double
        var particles: [EventSample.Particle]
        /// The weight factor of biased decay sampling (1 without).
        var factor: Double
        /// The importance-sampling factor b of the point (the event is weighted by 1 / b; 1 without).
        var bias: Double = 1
    }

    /// A unit of the sampling pass.
    struct SamplingUnit {
        var accumulator: Integrand.Accumulator
        var events: [RawEvent]
        /// The trial index (within the unit) of each kept event, for exact truncation.
        var trialOfEvent: [Int]
    }

    /// Builds the particles of an event in the lab frame from an evaluated point, with the weight
    /// factor of biased decay sampling.
    func makeEvent(_ point: Integrand.Point, outgoing: [FourMomentum], rng: inout RandomStream) -> ([EventSample.Particle], Double) {
        let ids = process.outgoingIDs(count: outgoing.count)
        var particles = zip(ids, outgoing).map { EventSample.Particle(id: $0.0, momentum: point.toCM.apply($0.1)) }
        let factor = process.finalize(&particles, p1: point.p1, p2: point.p2, outgoing: outgoing, toCM: point.toCM, rng: &rng)
        let (k1, k2) = point.isrPhotonEnergies
        if k1 > 0 { particles.append(.init(id: .photon, momentum: FourMomentum(e: k1, px: 0, py: 0, pz: k1))) }
        if k2 > 0 { particles.append(.init(id: .photon, momentum: FourMomentum(e: k2, px: 0, py: 0, pz: -k2))) }
        if options.frame == .lab {
            let toLab = point.frame.cmToLab
            for i in particles.indices { particles[i].momentum = toLab.apply(particles[i].momentum) }
        }
        return (particles, factor)
    }

    /// Samples `events` events: unit-weight events by hit-or-miss against `maxWeight` (events with a
    /// larger weight are kept with weight w / maxWeight and counted as overweight), or, with
    /// `weighted`, every trial with a non-zero weight. Weights are normalised so that they sum to the
    /// cross section in pb (see ``SampleMetadata``).
    ///
    /// `batch` selects independent random streams for one of several samples drawn from the same
    /// integrated generator (nil: the generator's own, as every sample before batches): batch i's
    /// trials and decays come from streams labelled with i, so batches are independent samples of
    /// the same density and maximum, each normalised to its own cross-section estimate.
    public func generate(events: Int, weighted: Bool, maxWeight: Double, batch: Int? = nil,
                         progress: (@Sendable (Double) -> Void)? = nil) async throws(EventGenerationError) -> (EventSample, GenerationSummary) {
        guard events > 0 else { throw .invalidParameter(name: "number of events", value: Double(events), allowed: ">= 1") }
        guard weighted || maxWeight > 0 else { throw .invalidParameter(name: "maximum weight", value: maxWeight, allowed: "> 0 (integrate first)") }
        let integrand = self.integrand
        let chunk = options.chunkSize
        var kept: [RawEvent] = []
        var total = Integrand.Accumulator(integrand)
        var tried = 0
        var nextUnit = 0
        // Units run `parallel` at a time, but are consumed strictly in unit order and only until the
        // requested number of events is reached, so nothing depends on the thread count.
        let parallel = max(1, options.threads)
        var truncatedTried: Int?
        while kept.count < events {
            guard nextUnit < 1_000_000 else { throw .noAcceptedPoints(process: process.name, tried: tried) }
            let first = nextUnit
            var units = [SamplingUnit?](repeating: nil, count: parallel)
            await withTaskGroup(of: (Int, SamplingUnit).self) { group in
                for b in 0..<parallel {
                    var rng = stream(pass: batch.map { "sample-batch-\($0)" } ?? "sample", unit: first + b)
                    // Decays draw from their own streams (one per trial), so the kinematics and the
                    // cross section do not depend on how decays are modelled.
                    let decayStreams = RandomStreams(seed: options.seed).child(process.key).child(batch.map { "decays-batch-\($0)" } ?? "decays")
                        .child(UInt64(first + b))
                    group.addTask {
                        var ws = integrand.makeWorkspace()
                        var unit = SamplingUnit(accumulator: Integrand.Accumulator(integrand), events: [], trialOfEvent: [])
                        for t in 0..<chunk {
                            let point = integrand.evaluate(&rng, &ws, &unit.accumulator, adapt: false)
                            let accept = rng.uniform()
                            guard point.weight > 0 else { continue }
                            if weighted || accept * maxWeight < point.weight {
                                let n = point.multiplicity
                                var decayRng = decayStreams.stream(UInt64(t))
                                let (particles, factor) = makeEvent(point, outgoing: ws.outgoing[n], rng: &decayRng)
                                unit.events.append(RawEvent(weight: point.weight, particles: particles, factor: factor, bias: point.bias))
                                unit.trialOfEvent.append(t)
                            }
                        }
                        return (b, unit)
                    }
                }
                for await (b, unit) in group { units[b] = unit }
            }
            nextUnit += parallel
            for case let unit? in units where kept.count < events {
                let room = events - kept.count
                if unit.events.count >= room {
                    // Truncate inside this unit: trials up to and including the last needed event.
                    truncatedTried = tried + unit.trialOfEvent[room - 1] + 1
                    kept += unit.events.prefix(room)
                } else {
                    kept += unit.events
                }
                total.merge(unit.accumulator)
                tried += unit.accumulator.n
            }
            progress?(min(1, Double(kept.count) / Double(events)))
        }
        guard total.sumW.isFinite else { throw .nonFiniteWeight(process: process.name, detail: "sum of weights \(total.sumW)") }
        // With importance sampling (b < 1 somewhere) the trials sample b f / g and the cross section is
        // the mean over all trials of the unbiased weights w / b, with its ordinary error; without, the
        // two are the same sums.
        let importance = kept.contains { $0.bias != 1 }
        let sigma = total.unbiasedMean, sigmaError = total.unbiasedError
        let biased = kept.contains { $0.factor != 1 } || importance
        var sample = EventSample(metadata: SampleMetadata(
            process: process.name, processKey: process.key, collider: options.collider.name, frame: options.frame.rawValue,
            crossSectionPicobarn: sigma, crossSectionErrorPicobarn: sigmaError,
            eventsTried: truncatedTried ?? tried, eventsKept: kept.count, weighted: weighted || biased,
            seed: options.seed, settings: process.settings.merging(options.settings) { a, _ in a }
                .merging(["unweighting event cost": "\(options.unweightingEventCost ?? process.recommendedEventCost)"]) { _, b in b }
                .merging(["weights": (weighted ? "w_i / N_tried (pb)"
                                      : importance ? "sigma x (r / b) / sum (r / b), r = max(1, w / w_max)" : "sigma x r / sum r, r = max(1, w / w_max)")
                                     + (kept.contains { $0.factor != 1 } ? ", times the factor of biased decay sampling (BR / probability, mean 1)" : "")
                                     + (importance ? ", divided by the importance-sampling factor b of the point" : "")]) { a, _ in a }))
        var overweight = 0
        if weighted {
            let n = Double(truncatedTried ?? tried)
            for e in kept { sample.append(weight: e.weight / n * e.factor / e.bias, particles: e.particles) }
            sample.metadata.crossSectionPicobarn = kept.reduce(0) { $0 + $1.weight / $1.bias } / n
        } else {
            let ratios = kept.map { max(1, $0.weight / maxWeight) }
            overweight = ratios.filter { $0 > 1 }.count
            // sum of r / b over the kept events normalises the weights to sigma (r alone without
            // importance sampling); biased decays multiply each weight by their factor (mean 1).
            let norm = sigma / zip(kept, ratios).reduce(0) { $0 + $1.1 / $1.0.bias }
            for (e, r) in zip(kept, ratios) { sample.append(weight: r * norm * e.factor / e.bias, particles: e.particles) }
        }
        let summary = GenerationSummary(crossSectionPicobarn: sample.metadata.crossSectionPicobarn, crossSectionErrorPicobarn: sigmaError,
                                        eventsTried: sample.metadata.eventsTried, eventsKept: kept.count, overweightEvents: overweight)
        return (sample, summary)
    }
}
