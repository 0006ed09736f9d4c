/// One sample of one channel, ready for evaluation: its nominal yields at their place in the
/// model's bins and its modifiers reduced to parameter indices.
///
/// nu_sb = (prod_k f_k(theta)) (prod_j gamma_{j, b}) (nominal_sb + sum_h delta_hb(alpha_h)),
/// with scalar factors f_k (normfactor, lumi: the parameter itself; normsys: code 4), per-bin
/// factors gamma (shapefactor, shapesys, staterror) and additive histosys shifts (code 4p), as
/// pyhf's `_MainModel.expected_data` composes them.
struct CompiledSample: Sendable {
    struct HistoSys: Sendable {
        let parameter: Int
        let deltaUp: [Double]
        let deltaDown: [Double]
    }

    let binOffset: Int
    let nominal: [Double]
    /// normfactor and lumi: factor = parameter value.
    var linear: [Int] = []
    /// normsys: factor = code 4 interpolation of the parameter.
    var code4: [(parameter: Int, interpolation: Interpolation.Code4)] = []
    /// shapefactor, shapesys, staterror: the parameter index acting on each bin.
    var perBin: [[Int]] = []
    var histosys: [HistoSys] = []

    var binCount: Int { nominal.count }

    static func compile(_ ws: Workspace, channels: [(index: Int, channel: Workspace.Channel, offset: Int)],
                        sets: [ParameterSet]) -> [CompiledSample] {
        var offsetOf: [String: Int] = [:]
        for set in sets { offsetOf[set.name] = set.offset }
        // Where each channel's bins start among the bins covered by each staterror.
        var staterrorStart: [String: [Int: Int]] = [:]
        for set in sets where set.modifierType == "staterror" {
            var covered = 0
            for entry in channels where entry.channel.samples.contains(where: { s in
                s.modifiers.contains { m in if case .staterror = m.kind { m.name == set.name } else { false } }
            }) {
                staterrorStart[set.name, default: [:]][entry.index] = covered
                covered += entry.channel.samples.first?.data.count ?? 0
            }
        }
        var out: [CompiledSample] = []
        for entry in channels {
            for (_, s) in ModelLayout.sortedSamples(entry.channel) {
                var c = CompiledSample(binOffset: entry.offset, nominal: s.data)
                let bins = s.data.count
                for (_, m) in ModelLayout.sortedModifiers(s) {
                    guard let p = offsetOf[m.name] else { continue }
                    switch m.kind {
                    case .normfactor, .lumi:
                        c.linear.append(p)
                    case let .normsys(hi, lo):
                        c.code4.append((p, Interpolation.Code4(hi: hi, lo: lo)))
                    case let .histosys(hiData, loData):
                        c.histosys.append(HistoSys(parameter: p, deltaUp: zip(hiData, s.data).map { $0 - $1 },
                                                   deltaDown: zip(s.data, loData).map { $0 - $1 }))
                    case .shapefactor, .shapesys:
                        c.perBin.append((0..<bins).map { p + $0 })
                    case .staterror:
                        let start = staterrorStart[m.name]?[entry.index] ?? 0
                        c.perBin.append((0..<bins).map { p + start + $0 })
                    }
                }
                out.append(c)
            }
        }
        return out
    }
}
