import Foundation

extension Workspace {
    /// Reads a pyhf JSON workspace (schema 1.0.0) and checks it (``validate()``): unknown keys,
    /// missing keys, wrong types, bin counts that disagree, missing observations, unknown modifier
    /// types, bad modifier data. Every problem is reported with its JSON path.
    ///
    /// - Throws: ``StatisticsError/invalidJSON(detail:)`` for text that is not JSON,
    ///   ``StatisticsError/invalidWorkspace(_:)`` listing every problem found.
    public init(json data: Data) throws(StatisticsError) {
        var reader = SpecReader()
        let workspace = reader.workspace(try JSONValue.parse(data))
        guard let workspace, reader.problems.isEmpty else {
            throw .invalidWorkspace(reader.problems.isEmpty ? [WorkspaceProblem(path: "", message: "unreadable workspace")] : reader.problems)
        }
        let problems = workspace.validate()
        guard problems.isEmpty else { throw .invalidWorkspace(problems) }
        self = workspace
    }

    /// Reads a workspace from JSON text; see ``init(json:)``.
    public init(jsonText: String) throws(StatisticsError) {
        try self.init(json: Data(jsonText.utf8))
    }

    /// Reads a workspace from a file; see ``init(json:)``.
    ///
    /// - Throws: ``StatisticsError/io(path:detail:)`` when the file cannot be read.
    public static func read(from url: URL) throws(StatisticsError) -> Workspace {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .io(path: url.path, detail: "cannot read the file (\(error.localizedDescription))")
        }
        do {
            return try Workspace(json: data)
        } catch let .invalidJSON(detail) {
            throw .invalidJSON(detail: "\(url.lastPathComponent): \(detail)")
        }
    }
}

/// Walks a parsed JSON document into a ``Workspace``, collecting problems with their paths instead
/// of stopping at the first.
struct SpecReader {
    var problems: [WorkspaceProblem] = []

    mutating func fail(_ path: String, _ message: String) {
        problems.append(WorkspaceProblem(path: path, message: message))
    }

    /// Checks that `value` is an object with the `required` keys and no keys outside `allowed`.
    mutating func object(_ value: JSONValue, _ path: String, required: [String], optional: [String] = []) -> Bool {
        guard case let .object(members) = value else {
            fail(path, "expected an object, got \(value.typeName)")
            return false
        }
        let allowed = required + optional
        for m in members where !allowed.contains(m.key) {
            fail(path, "unknown key '\(m.key)' (allowed: \(allowed.joined(separator: ", ")))")
        }
        var complete = true
        for key in required where value[key] == nil {
            fail(path, "missing required key '\(key)'")
            complete = false
        }
        return complete
    }

    mutating func string(_ value: JSONValue?, _ path: String) -> String? {
        guard let value else { return nil }
        guard case let .string(s) = value else {
            fail(path, "expected a string, got \(value.typeName)")
            return nil
        }
        return s
    }

    mutating func number(_ value: JSONValue?, _ path: String) -> Double? {
        guard let value else { return nil }
        guard case let .number(x) = value else {
            fail(path, "expected a number, got \(value.typeName)")
            return nil
        }
        return x
    }

    mutating func array(_ value: JSONValue?, _ path: String, nonEmpty: Bool = true) -> [JSONValue]? {
        guard let value else { return nil }
        guard case let .array(items) = value else {
            fail(path, "expected an array, got \(value.typeName)")
            return nil
        }
        if nonEmpty, items.isEmpty {
            fail(path, "must not be empty")
            return nil
        }
        return items
    }

    mutating func numbers(_ value: JSONValue?, _ path: String) -> [Double]? {
        guard let items = array(value, path) else { return nil }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard let x = number(item, "\(path)[\(i)]") else { return nil }
            out.append(x)
        }
        return out
    }

    mutating func workspace(_ root: JSONValue) -> Workspace? {
        guard object(root, "", required: ["channels", "measurements", "observations", "version"]) else { return nil }
        let version = string(root["version"], "version")
        if let version, version != "1.0.0" { fail("version", "unsupported schema version '\(version)' (supported: 1.0.0)") }
        let channels = array(root["channels"], "channels")?.enumerated().compactMap { channel($1, "channels[\($0)]") }
        let observations = array(root["observations"], "observations")?.enumerated().compactMap { observation($1, "observations[\($0)]") }
        let measurements = array(root["measurements"], "measurements")?.enumerated().compactMap { measurement($1, "measurements[\($0)]") }
        guard let channels, let observations, let measurements, let version else { return nil }
        return Workspace(channels: channels, observations: observations, measurements: measurements, version: version)
    }

    mutating func channel(_ value: JSONValue, _ path: String) -> Workspace.Channel? {
        guard object(value, path, required: ["name", "samples"]) else { return nil }
        let name = string(value["name"], "\(path).name")
        let samples = array(value["samples"], "\(path).samples")?.enumerated().compactMap { sample($1, "\(path).samples[\($0)]") }
        guard let name, let samples else { return nil }
        return Workspace.Channel(name: name, samples: samples)
    }

    mutating func sample(_ value: JSONValue, _ path: String) -> Workspace.Sample? {
        guard object(value, path, required: ["name", "data", "modifiers"]) else { return nil }
        let name = string(value["name"], "\(path).name")
        let data = numbers(value["data"], "\(path).data")
        let modifiers = array(value["modifiers"], "\(path).modifiers", nonEmpty: false)?.enumerated()
            .compactMap { modifier($1, "\(path).modifiers[\($0)]") }
        guard let name, let data, let modifiers else { return nil }
        return Workspace.Sample(name: name, data: data, modifiers: modifiers)
    }

    mutating func modifier(_ value: JSONValue, _ path: String) -> Workspace.Modifier? {
        guard object(value, path, required: ["name", "type", "data"]) else { return nil }
        guard let name = string(value["name"], "\(path).name"), let type = string(value["type"], "\(path).type") else { return nil }
        let data = value["data"] ?? .null
        let dataPath = "\(path).data"
        func needsNull(_ kind: Workspace.Modifier.Kind) -> Workspace.Modifier.Kind? {
            guard data == .null else {
                fail(dataPath, "\(type) modifier '\(name)' takes \"data\": null, got \(data.typeName)")
                return nil
            }
            return kind
        }
        let kind: Workspace.Modifier.Kind?
        switch type {
        case "normfactor": kind = needsNull(.normfactor)
        case "shapefactor": kind = needsNull(.shapefactor)
        case "lumi":
            if name != "lumi" { fail("\(path).name", "a lumi modifier must be named 'lumi' (schema 1.0.0), got '\(name)'") }
            kind = needsNull(.lumi)
        case "normsys":
            guard object(data, dataPath, required: ["hi", "lo"]) else { return nil }
            guard let hi = number(data["hi"], "\(dataPath).hi"), let lo = number(data["lo"], "\(dataPath).lo") else { return nil }
            kind = .normsys(hi: hi, lo: lo)
        case "histosys":
            guard object(data, dataPath, required: ["hi_data", "lo_data"]) else { return nil }
            guard let hi = numbers(data["hi_data"], "\(dataPath).hi_data"), let lo = numbers(data["lo_data"], "\(dataPath).lo_data") else { return nil }
            kind = .histosys(hiData: hi, loData: lo)
        case "shapesys": kind = numbers(data, dataPath).map { .shapesys($0) }
        case "staterror": kind = numbers(data, dataPath).map { .staterror($0) }
        default:
            fail("\(path).type", "unknown modifier type '\(type)' (known: \(Workspace.Modifier.Kind.typeNames.joined(separator: ", ")))")
            return nil
        }
        return kind.map { Workspace.Modifier(name: name, kind: $0) }
    }

    mutating func observation(_ value: JSONValue, _ path: String) -> Workspace.Observation? {
        guard object(value, path, required: ["name", "data"]) else { return nil }
        guard let name = string(value["name"], "\(path).name"), let data = numbers(value["data"], "\(path).data") else { return nil }
        return Workspace.Observation(name: name, data: data)
    }

    mutating func measurement(_ value: JSONValue, _ path: String) -> Workspace.Measurement? {
        guard object(value, path, required: ["name", "config"]) else { return nil }
        let name = string(value["name"], "\(path).name")
        let configPath = "\(path).config"
        guard let config = value["config"], object(config, configPath, required: ["poi", "parameters"]) else { return nil }
        let poi = string(config["poi"], "\(configPath).poi")
        let parameters = array(config["parameters"], "\(configPath).parameters", nonEmpty: false)?.enumerated()
            .compactMap { parameter($1, "\(configPath).parameters[\($0)]") }
        guard let name, let poi, let parameters else { return nil }
        return Workspace.Measurement(name: name, poi: poi, parameters: parameters)
    }

    mutating func parameter(_ value: JSONValue, _ path: String) -> Workspace.ParameterConfig? {
        guard object(value, path, required: ["name"], optional: ["inits", "bounds", "auxdata", "factors", "sigmas", "fixed"]) else { return nil }
        guard let name = string(value["name"], "\(path).name") else { return nil }
        var config = Workspace.ParameterConfig(name: name)
        config.inits = numbers(value["inits"], "\(path).inits")
        config.auxdata = numbers(value["auxdata"], "\(path).auxdata")
        config.factors = numbers(value["factors"], "\(path).factors")
        config.sigmas = numbers(value["sigmas"], "\(path).sigmas")
        if let fixed = value["fixed"] {
            if case let .bool(b) = fixed { config.fixed = b } else { fail("\(path).fixed", "expected a boolean, got \(fixed.typeName)") }
        }
        if let items = array(value["bounds"], "\(path).bounds") {
            var bounds: [Bounds] = []
            for (i, item) in items.enumerated() {
                guard let pair = numbers(item, "\(path).bounds[\(i)]") else { continue }
                guard pair.count == 2 else {
                    fail("\(path).bounds[\(i)]", "a bound is [lower, upper], got \(pair.count) numbers")
                    continue
                }
                bounds.append(Bounds(pair[0], pair[1]))
            }
            if bounds.count == items.count { config.bounds = bounds }
        }
        return config
    }
}
