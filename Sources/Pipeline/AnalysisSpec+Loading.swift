import EventGeneration
import EventIO
import Foundation
import HEPCore
import Yams

extension AnalysisSpec {
    /// The text of the embedded default spec (with its comments, which document every field).
    public static func defaultText() throws(PipelineError) -> String {
        guard let url = Bundle.module.url(forResource: "default-analysis", withExtension: "yaml", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "default-analysis", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw .fileSystem(path: "default-analysis.yaml (resource)", detail: "the embedded default spec is missing from the build")
        }
        return text
    }

    /// The embedded default analysis.
    public static func defaultSpec() throws(PipelineError) -> AnalysisSpec {
        try load(yaml: try defaultText(), source: "default (built in)", overDefaults: false)
    }

    /// Reads a spec file: its keys override the default spec's.
    public static func load(contentsOf url: URL) throws(PipelineError) -> AnalysisSpec {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .fileSystem(path: url.path, detail: "cannot read the spec: \(error.localizedDescription)")
        }
        return try load(yaml: text, source: url.path)
    }

    /// Parses a spec. With `overDefaults` the document is merged over the default spec (mappings key by
    /// key, lists and scalars replaced), so a spec gives only what it changes. Unknown keys are
    /// rejected with their path; then every value is checked against its range (``validate(source:)``).
    public static func load(yaml: String, source: String, overDefaults: Bool = true) throws(PipelineError) -> AnalysisSpec {
        let user: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw PipelineError.malformedSpec(source: source, detail: "the document is empty") }
            user = node
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .malformedSpec(source: source, detail: "not valid YAML: \(error)")
        }
        guard user.mapping != nil else { throw .malformedSpec(source: source, detail: "the top level must be a mapping of keys to values") }
        if let v = user.mapping?[Node("version")], let n = v.int, n != formatVersion {
            throw .unsupportedVersion(source: source, version: n, supported: formatVersion)
        }
        var merged = user
        if overDefaults {
            let base: Node
            do {
                guard let b = try Yams.compose(yaml: try defaultText()) else { throw PipelineError.malformedSpec(source: "default", detail: "empty") }
                base = b
            } catch let error as PipelineError {
                throw error
            } catch {
                throw .malformedSpec(source: "default (built in)", detail: "\(error)")
            }
            merged = Self.merge(user, over: base)
        }
        let spec: AnalysisSpec
        do {
            spec = try YAMLDecoder().decode(AnalysisSpec.self, from: merged)
        } catch let error as DecodingError {
            throw .malformedSpec(source: source, detail: YAMLSchemaCheck.describe(error))
        } catch {
            throw .malformedSpec(source: source, detail: "\(error)")
        }
        do {
            let known = try Yams.compose(yaml: try YAMLEncoder().encode(spec))
            if let known, let path = YAMLSchemaCheck.firstUnknownKey(user, known: known) { throw PipelineError.unknownKey(source: source, path: path) }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .malformedSpec(source: source, detail: "\(error)")
        }
        try spec.validate(source: source)
        return spec
    }

    /// The spec as YAML (every key, no comments): what the run records in its outputs.
    public func yaml() -> String {
        (try? YAMLEncoder().encode(self)) ?? ""
    }

    /// `user` merged over `base`: mappings key by key (recursively), anything else replaced.
    static func merge(_ user: Node, over base: Node) -> Node {
        guard let u = user.mapping, let b = base.mapping else { return user }
        var out = b
        for (key, value) in u {
            if let old = b[key] { out[key] = merge(value, over: old) } else { out[key] = value }
        }
        return .mapping(out)
    }
}
