extension Workspace {
    /// Every problem of the workspace, each with its JSON path; empty when the workspace can be
    /// turned into a model for each of its measurements.
    ///
    /// Checks, beyond the schema: unique channel and sample names; equal bin counts within a
    /// channel, in histosys, shapesys and staterror data and in observations; an observation for
    /// every channel and none for unknown channels; finite, non-negative observed counts and
    /// uncertainties; normsys factors > 0; no modifier twice on one sample; shapesys names used on
    /// one sample only (pyhf does not share them); shapefactors only across channels of equal
    /// binning; per measurement, parameter configs that fit their parameter sets, a parameter of
    /// interest that exists and is a single parameter.
    public func validate() -> [WorkspaceProblem] {
        var problems: [WorkspaceProblem] = []
        func fail(_ path: String, _ message: String) { problems.append(WorkspaceProblem(path: path, message: message)) }
        if version != "1.0.0" { fail("version", "unsupported schema version '\(version)' (supported: 1.0.0)") }
        if channels.isEmpty { fail("channels", "must not be empty") }
        var channelSeen: [String: Int] = [:]
        var shapesysSeen: [String: String] = [:]
        var shapefactorBins: [String: (bins: Int, path: String)] = [:]
        for (ci, channel) in channels.enumerated() {
            let cpath = "channels[\(ci)]"
            if let first = channelSeen[channel.name] {
                fail("\(cpath).name", "duplicate channel name '\(channel.name)' (also channels[\(first)])")
            } else {
                channelSeen[channel.name] = ci
            }
            if channel.samples.isEmpty { fail("\(cpath).samples", "must not be empty") }
            let bins = channel.samples.first?.data.count ?? 0
            var sampleSeen: [String: Int] = [:]
            for (si, sample) in channel.samples.enumerated() {
                let spath = "\(cpath).samples[\(si)]"
                if let first = sampleSeen[sample.name] {
                    fail("\(spath).name", "duplicate sample name '\(sample.name)' in channel '\(channel.name)' (also samples[\(first)])")
                } else {
                    sampleSeen[sample.name] = si
                }
                if sample.data.count != bins {
                    fail("\(spath).data", "has \(sample.data.count) bins but channel '\(channel.name)' has \(bins) (its first sample's)")
                }
                for (i, x) in sample.data.enumerated() where !x.isFinite {
                    fail("\(spath).data[\(i)]", "must be a finite number, got \(x)")
                }
                var modifierSeen: [String: Int] = [:]
                for (mi, modifier) in sample.modifiers.enumerated() {
                    let mpath = "\(spath).modifiers[\(mi)]"
                    let key = "\(modifier.kind.typeName)/\(modifier.name)"
                    if let first = modifierSeen[key] {
                        fail(mpath, "\(modifier.kind.typeName) modifier '\(modifier.name)' appears twice on sample '\(sample.name)' (also modifiers[\(first)])")
                    } else {
                        modifierSeen[key] = mi
                    }
                    checkModifier(modifier, bins: sample.data.count, path: mpath, fail: fail)
                    switch modifier.kind {
                    case .shapesys:
                        if let other = shapesysSeen[modifier.name] {
                            fail(mpath, "shapesys modifier '\(modifier.name)' is also used at \(other): shapesys parameters belong to one sample only (pyhf)")
                        } else {
                            shapesysSeen[modifier.name] = mpath
                        }
                    case .shapefactor:
                        if let other = shapefactorBins[modifier.name], other.bins != sample.data.count {
                            fail(mpath, "shapefactor '\(modifier.name)' acts on \(sample.data.count) bins here but on \(other.bins) at \(other.path)")
                        } else if shapefactorBins[modifier.name] == nil {
                            shapefactorBins[modifier.name] = (sample.data.count, mpath)
                        }
                    default: break
                    }
                }
            }
        }
        checkObservations(channelSeen: channelSeen, fail: fail)
        if measurements.isEmpty { fail("measurements", "must not be empty") }
        if problems.isEmpty {
            for index in measurements.indices {
                problems += ModelLayout.parameterSets(of: self, measurementIndex: index).problems
            }
        }
        return problems
    }

    private func checkModifier(_ modifier: Modifier, bins: Int, path: String, fail: (String, String) -> Void) {
        let name = modifier.name
        func perBin(_ values: [Double], _ key: String, nonNegative: Bool) {
            if values.count != bins {
                fail(key.isEmpty ? "\(path).data" : "\(path).data.\(key)",
                     "\(modifier.kind.typeName) '\(name)' has \(values.count) values but the sample has \(bins) bins")
            }
            for (i, x) in values.enumerated() where !x.isFinite || (nonNegative && x < 0) {
                let where_ = key.isEmpty ? "\(path).data[\(i)]" : "\(path).data.\(key)[\(i)]"
                fail(where_, nonNegative ? "an uncertainty must be finite and >= 0, got \(x)" : "must be a finite number, got \(x)")
            }
        }
        switch modifier.kind {
        case let .normsys(hi, lo):
            if !(hi.isFinite && hi > 0) { fail("\(path).data.hi", "normsys '\(name)' needs a factor hi > 0 (the code 4 interpolation takes its logarithm), got \(hi)") }
            if !(lo.isFinite && lo > 0) { fail("\(path).data.lo", "normsys '\(name)' needs a factor lo > 0 (the code 4 interpolation takes its logarithm), got \(lo)") }
        case let .histosys(hiData, loData):
            perBin(hiData, "hi_data", nonNegative: false)
            perBin(loData, "lo_data", nonNegative: false)
        case let .shapesys(values), let .staterror(values):
            perBin(values, "", nonNegative: true)
        case .lumi:
            if name != "lumi" { fail("\(path).name", "a lumi modifier must be named 'lumi' (schema 1.0.0), got '\(name)'") }
        case .normfactor, .shapefactor:
            break
        }
    }

    private func checkObservations(channelSeen: [String: Int], fail: (String, String) -> Void) {
        var observed: [String: Int] = [:]
        for (oi, observation) in observations.enumerated() {
            let opath = "observations[\(oi)]"
            if let first = observed[observation.name] {
                fail("\(opath).name", "duplicate observation for channel '\(observation.name)' (also observations[\(first)])")
                continue
            }
            observed[observation.name] = oi
            guard let ci = channelSeen[observation.name] else {
                fail("\(opath).name", "observation for unknown channel '\(observation.name)' (channels: \(channels.map(\.name).joined(separator: ", ")))")
                continue
            }
            let bins = channels[ci].samples.first?.data.count ?? 0
            if observation.data.count != bins {
                fail("\(opath).data", "has \(observation.data.count) bins but channel '\(observation.name)' has \(bins)")
            }
            for (i, x) in observation.data.enumerated() where !(x.isFinite && x >= 0) {
                fail("\(opath).data[\(i)]", "an observed count must be finite and >= 0, got \(x)")
            }
        }
        for channel in channels where observed[channel.name] == nil {
            if let ci = channelSeen[channel.name] {
                fail("channels[\(ci)]", "channel '\(channel.name)' has no observation")
            }
        }
    }
}
