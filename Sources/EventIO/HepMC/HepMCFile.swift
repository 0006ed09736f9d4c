import Foundation

/// A HepMC3 ASCII file (the "Asciiv3" format of HepMC 3, Buckley et al., arXiv:1912.08005;
/// HepMC3's src/WriterAscii.cc), as in memory:
///
/// ```
/// HepMC::Version 3.02.05
/// HepMC::Asciiv3-START_EVENT_LISTING
/// W name1\|name2                        run info: weight names (separated by "\|")
/// T name\|version\|description          run info: a tool
/// A name value                          run info: an attribute
/// E number vertices particles [@ x y z t]
/// U GEV|MEV MM|CM                       momentum and length units
/// W w1 w2 ...                           event weights (one per name)
/// A id name value                       attribute of the event (id 0), a vertex (< 0) or a particle (> 0)
/// P id mother pdg px py pz e m status   mother: 0 none, < 0 the production vertex, > 0 the one parent particle
/// V id status [in1,in2,...] [@ x y z t] a vertex (id < 0) and its incoming particles
/// HepMC::Asciiv3-END_EVENT_LISTING
/// ```
///
/// In an attribute value, "\|" stands for a newline and "\\" for a backslash.
public struct HepMCFile: Sendable, Equatable {
    public var version: String
    public var weightNames: [String]
    /// Tools as "name|version|description".
    public var tools: [String]
    public var runAttributes: [HepMCAttribute]
    public var events: [HepMCEvent]

    public init(version: String = "3.02.05", weightNames: [String] = [], tools: [String] = [], runAttributes: [HepMCAttribute] = [],
                events: [HepMCEvent] = []) {
        self.version = version
        self.weightNames = weightNames
        self.tools = tools
        self.runAttributes = runAttributes
        self.events = events
    }
}

/// A named attribute of the run, of an event (id 0), of a vertex (id < 0) or of a particle (id > 0).
public struct HepMCAttribute: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var value: String

    public init(id: Int = 0, name: String, value: String) {
        self.id = id
        self.name = name
        self.value = value
    }
}

public struct HepMCEvent: Sendable, Equatable {
    public var number: Int
    /// "GEV" or "MEV".
    public var momentumUnit: String
    /// "MM" or "CM".
    public var lengthUnit: String
    public var weights: [Double]
    public var position: [Double]?
    public var attributes: [HepMCAttribute]
    public var particles: [HepMCParticle]
    public var vertices: [HepMCVertex]

    public init(number: Int, momentumUnit: String = "GEV", lengthUnit: String = "MM", weights: [Double] = [], position: [Double]? = nil,
                attributes: [HepMCAttribute] = [], particles: [HepMCParticle] = [], vertices: [HepMCVertex] = []) {
        self.number = number
        self.momentumUnit = momentumUnit
        self.lengthUnit = lengthUnit
        self.weights = weights
        self.position = position
        self.attributes = attributes
        self.particles = particles
        self.vertices = vertices
    }

    /// The cross section and its error in pb from the `GenCrossSection` attribute, if present.
    public var crossSection: (value: Double, error: Double)? {
        guard let a = attributes.first(where: { $0.name == "GenCrossSection" && $0.id == 0 }) else { return nil }
        let f = a.value.split(separator: " ").compactMap { Double($0) }
        return f.count >= 2 ? (f[0], f[1]) : nil
    }
}

public struct HepMCParticle: Sendable, Equatable {
    /// 1-based id within the event.
    public var id: Int
    /// 0: no production vertex; < 0: the id of the production vertex; > 0: the id of the one parent.
    public var mother: Int
    public var pdg: Int
    public var px: Double
    public var py: Double
    public var pz: Double
    public var e: Double
    public var m: Double
    public var status: Int

    public init(id: Int, mother: Int, pdg: Int, px: Double, py: Double, pz: Double, e: Double, m: Double, status: Int) {
        self.id = id
        self.mother = mother
        self.pdg = pdg
        self.px = px
        self.py = py
        self.pz = pz
        self.e = e
        self.m = m
        self.status = status
    }
}

public struct HepMCVertex: Sendable, Equatable {
    /// Negative id within the event.
    public var id: Int
    public var status: Int
    /// The ids of the incoming particles.
    public var incoming: [Int]
    public var position: [Double]?

    public init(id: Int, status: Int = 0, incoming: [Int], position: [Double]? = nil) {
        self.id = id
        self.status = status
        self.incoming = incoming
        self.position = position
    }
}

extension HepMCFile {
    /// "\|" -> newline, "\\" -> backslash.
    static func unescape(_ s: Substring) -> String {
        var out = "", escaped = false
        for c in s {
            if escaped { out.append(c == "|" ? "\n" : c); escaped = false } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return out
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\|")
    }
}
