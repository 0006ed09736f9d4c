/// How a workspace's channels, samples and modifiers map onto a model: the channel order, the
/// parameter sets in pyhf's order, and the parameter of interest. Shared by
/// ``Workspace/validate()`` and ``HistFactoryModel/init(workspace:measurement:)``.
enum ModelLayout {
    /// Channels sorted by name, as pyhf orders them (`_ChannelSummaryMixin`), with their index in
    /// the workspace and their first bin in the model's concatenated bins.
    static func sortedChannels(_ ws: Workspace) -> [(index: Int, channel: Workspace.Channel, offset: Int)] {
        var offset = 0
        return ws.channels.enumerated().sorted { $0.element.name < $1.element.name }.map { index, channel in
            defer { offset += channel.samples.first?.data.count ?? 0 }
            return (index, channel, offset)
        }
    }

    /// A channel's samples sorted by name (pyhf's sample order), with their index in the channel.
    static func sortedSamples(_ channel: Workspace.Channel) -> [(index: Int, sample: Workspace.Sample)] {
        channel.samples.enumerated().sorted { $0.element.name < $1.element.name }.map { ($0.offset, $0.element) }
    }

    /// A sample's modifiers sorted by (name, type), with their index in the sample.
    static func sortedModifiers(_ sample: Workspace.Sample) -> [(index: Int, modifier: Workspace.Modifier)] {
        sample.modifiers.enumerated().sorted {
            ($0.element.name, $0.element.kind.typeName) < ($1.element.name, $1.element.kind.typeName)
        }.map { ($0.offset, $0.element) }
    }

    /// The relative Monte Carlo uncertainty of each bin covered by staterror `name`: in every channel
    /// where some sample carries it, sigma_b = sqrt(sum_s (delta_sb / sum_s' nu_s'b)^2) over the
    /// samples s carrying it (0 where the summed nominal is not positive), the Barlow-Beeston-lite
    /// gamma of HistFactory (CERN-OPEN-2012-016; pyhf `staterror_builder.finalize`).
    static func staterrorRelativeErrors(_ ws: Workspace, name: String) -> [Double] {
        var out: [Double] = []
        for entry in sortedChannels(ws) {
            let carriers = entry.channel.samples.compactMap { s -> ([Double], [Double])? in
                for m in s.modifiers { if case let .staterror(u) = m.kind, m.name == name { return (s.data, u) } }
                return nil
            }
            guard !carriers.isEmpty else { continue }
            let bins = entry.channel.samples.first?.data.count ?? 0
            for b in 0..<bins {
                let total = carriers.reduce(0) { $0 + ($1.0.indices.contains(b) ? $1.0[b] : 0) }
                var sum2 = 0.0
                if total > 0 {
                    for (_, u) in carriers where u.indices.contains(b) { sum2 += (u[b] / total) * (u[b] / total) }
                }
                out.append(sum2.squareRoot())
            }
        }
        return out
    }

    /// The parameter sets of measurement `measurementIndex` in pyhf's order (modifier types in the
    /// order of `histfactory_set`, then channels, samples and modifiers by name), with the index of
    /// the parameter of interest; problems carry their JSON paths.
    static func parameterSets(of ws: Workspace, measurementIndex: Int)
        -> (sets: [ParameterSet], poiIndex: Int?, problems: [WorkspaceProblem]) {
        var problems: [WorkspaceProblem] = []
        var order: [String] = []
        var requirements: [String: [(ParameterRequirement, String)]] = [:]
        let channels = sortedChannels(ws)
        for type in Workspace.Modifier.Kind.typeNames {
            var seenForType = Set<String>()
            if type == "staterror" {
                var names = Set<String>()
                var firstPath: [String: String] = [:]
                for entry in channels {
                    for (si, s) in sortedSamples(entry.channel) {
                        for (mi, m) in sortedModifiers(s) where m.kind.typeName == type {
                            names.insert(m.name)
                            if firstPath[m.name] == nil { firstPath[m.name] = "channels[\(entry.index)].samples[\(si)].modifiers[\(mi)]" }
                        }
                    }
                }
                for name in names.sorted() {
                    if requirements[name] == nil { order.append(name) }
                    let req = ParameterRequirement.staterror(relativeErrors: staterrorRelativeErrors(ws, name: name))
                    requirements[name, default: []].append((req, firstPath[name] ?? ""))
                }
                continue
            }
            for entry in channels {
                for (si, s) in sortedSamples(entry.channel) {
                    for (mi, m) in sortedModifiers(s) where m.kind.typeName == type && !seenForType.contains(m.name) {
                        seenForType.insert(m.name)
                        let req: ParameterRequirement
                        switch m.kind {
                        case .normfactor: req = .unconstrained("normfactor", count: 1, scalar: true)
                        case .shapefactor: req = .unconstrained("shapefactor", count: s.data.count, scalar: false)
                        case .lumi: req = .lumi
                        case .normsys: req = .alpha("normsys")
                        case .histosys: req = .alpha("histosys")
                        case let .shapesys(u): req = .shapesys(nominal: s.data, uncertainty: u)
                        case .staterror: continue
                        }
                        if requirements[m.name] == nil { order.append(m.name) }
                        requirements[m.name, default: []].append((req, "channels[\(entry.index)].samples[\(si)].modifiers[\(mi)]"))
                    }
                }
            }
        }
        let measurement = ws.measurements[measurementIndex]
        let mpath = "measurements[\(measurementIndex)].config"
        var configs: [String: (Workspace.ParameterConfig, String)] = [:]
        for (pi, p) in measurement.parameters.enumerated() {
            let path = "\(mpath).parameters[\(pi)]"
            if let other = configs[p.name] {
                problems.append(WorkspaceProblem(path: path, message: "a second parameter config for '\(p.name)' (also \(other.1))"))
            } else {
                configs[p.name] = (p, path)
            }
        }
        var sets: [ParameterSet] = []
        var offset = 0
        for name in order {
            guard let reqs = requirements[name], let (first, firstPath) = reqs.first else { continue }
            var conflict = false
            for (other, path) in reqs.dropFirst() where !compatible(first, other) {
                problems.append(WorkspaceProblem(path: path, message: "modifier name '\(name)' is a \(other.modifierType) here but a \(first.modifierType) with other parameters at \(firstPath); use unique modifier names"))
                conflict = true
            }
            if conflict { continue }
            let config = configs[name]
            if let set = first.resolved(name: name, offset: offset, config: config?.0, path: config?.1 ?? firstPath, problems: &problems) {
                sets.append(set)
                offset += set.count
            }
        }
        var poiIndex: Int?
        if let poi = sets.first(where: { $0.name == measurement.poi }) {
            if poi.count == 1 {
                poiIndex = poi.offset
            } else {
                problems.append(WorkspaceProblem(path: "\(mpath).poi", message: "the parameter of interest '\(measurement.poi)' has \(poi.count) components; it must be a single parameter"))
            }
        } else if requirements[measurement.poi] == nil {
            problems.append(WorkspaceProblem(path: "\(mpath).poi", message: "the parameter of interest '\(measurement.poi)' is not a modifier of any sample"))
        }
        return (sets, poiIndex, problems)
    }

    /// Two modifier types may share a name only when they ask for identical parameters (pyhf raises
    /// InvalidNameReuse otherwise); normsys and histosys of one name do.
    private static func compatible(_ a: ParameterRequirement, _ b: ParameterRequirement) -> Bool {
        a.count == b.count && a.isScalar == b.isScalar && a.inits == b.inits && a.bounds == b.bounds && a.fixed == b.fixed
            && a.auxdata == b.auxdata && a.constraintType == b.constraintType && a.sigmas == b.sigmas && a.factors == b.factors
    }
}
