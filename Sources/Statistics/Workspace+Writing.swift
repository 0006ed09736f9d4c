import Foundation

extension Workspace {
    /// The workspace as pyhf JSON (schema 1.0.0), pretty-printed with keys in pyhf's order.
    public func jsonText() -> String {
        jsonValue.serialized() + "\n"
    }

    /// Writes ``jsonText()`` to `url` atomically.
    ///
    /// - Throws: ``StatisticsError/io(path:detail:)``.
    public func write(to url: URL) throws(StatisticsError) {
        do {
            try Data(jsonText().utf8).write(to: url, options: .atomic)
        } catch {
            throw .io(path: url.path, detail: "cannot write the workspace (\(error.localizedDescription))")
        }
    }

    var jsonValue: JSONValue {
        func numbers(_ xs: [Double]) -> JSONValue { .array(xs.map { .number($0) }) }
        func modifier(_ m: Modifier) -> JSONValue {
            let data: JSONValue
            switch m.kind {
            case .normfactor, .lumi, .shapefactor: data = .null
            case let .normsys(hi, lo): data = .object([("hi", .number(hi)), ("lo", .number(lo))])
            case let .histosys(hiData, loData): data = .object([("hi_data", numbers(hiData)), ("lo_data", numbers(loData))])
            case let .shapesys(u), let .staterror(u): data = numbers(u)
            }
            return .object([("name", .string(m.name)), ("type", .string(m.kind.typeName)), ("data", data)])
        }
        func parameter(_ p: ParameterConfig) -> JSONValue {
            var members: [(key: String, value: JSONValue)] = [("name", .string(p.name))]
            if let v = p.inits { members.append(("inits", numbers(v))) }
            if let v = p.bounds { members.append(("bounds", .array(v.map { numbers([$0.lower, $0.upper]) }))) }
            if let v = p.auxdata { members.append(("auxdata", numbers(v))) }
            if let v = p.factors { members.append(("factors", numbers(v))) }
            if let v = p.sigmas { members.append(("sigmas", numbers(v))) }
            if let v = p.fixed { members.append(("fixed", .bool(v))) }
            return .object(members)
        }
        let channelValues = channels.map { c in
            JSONValue.object([("name", .string(c.name)), ("samples", .array(c.samples.map { s in
                .object([("name", .string(s.name)), ("data", numbers(s.data)), ("modifiers", .array(s.modifiers.map(modifier)))])
            }))])
        }
        return .object([
            ("channels", .array(channelValues)),
            ("observations", .array(observations.map { .object([("name", .string($0.name)), ("data", numbers($0.data))]) })),
            ("measurements", .array(measurements.map { m in
                .object([("name", .string(m.name)), ("config", .object([("poi", .string(m.poi)), ("parameters", .array(m.parameters.map(parameter)))]))])
            })),
            ("version", .string(version)),
        ])
    }
}
