import HEPCore

/// A detector described by numbers rather than code: what a fast simulation of Belle or Belle II
/// needs to turn generated particles into tracks, clusters, particle-identification flags and a
/// trigger decision. Cards are YAML files (``DetectorCard/load(yaml:source:)``); `belle` and `belle2`
/// ship as resources with the source of every number in comments. Units: GeV, degrees for angles in
/// ranges and tables, radians for angular resolutions, micrometres for the beam spot and impact
/// parameters.
public struct DetectorCard: Codable, Sendable, Equatable {
    public var name: String
    public var description: String
    public var beams: Beams
    public var tracking: Tracking
    public var calorimeter: Calorimeter
    public var muonIdentification: MuonIdentification
    public var trigger: Trigger
    public var beamBackground: BeamBackground

    /// A polar-angle interval in degrees, [min, max).
    public struct AngleRange: Codable, Sendable, Equatable {
        public var minDegrees: Double
        public var maxDegrees: Double
        /// Whether theta (radians) lies in the range.
        public func contains(theta: Double) -> Bool {
            let d = theta * 180 / Double.pi
            return d >= minDegrees && d < maxDegrees
        }
    }

    public struct Beams: Codable, Sendable, Equatable {
        /// The collider of HEPCore's presets: "belle" or "belle2".
        public var collider: String
        /// Gaussian interaction-region size (micrometres): sigma_x, sigma_y, sigma_z.
        public var spotSizeMicrons: [Double]
    }

    /// sigma = constant (+) term / (p beta sin^power(theta)), added in quadrature: the usual form
    /// of an angular or impact-parameter resolution with a multiple-scattering term.
    public struct MultipleScatteringResolution: Codable, Sendable, Equatable {
        public var constant: Double
        public var multipleScattering: Double
        public var sinePower: Double
        public func sigma(p: Double, beta: Double, theta: Double) -> Double {
            let ms = multipleScattering / (p * beta * Double.pow(max(Double.sin(theta), 1e-3), sinePower))
            return (constant * constant + ms * ms).squareRoot()
        }
    }

    public struct Tracking: Codable, Sendable, Equatable {
        /// Polar-angle acceptance of the drift chamber.
        public var acceptance: AngleRange
        /// Tracks with smaller transverse momentum curl up before reaching enough layers (GeV).
        public var minimumTransverseMomentum: Double
        /// Reconstruction efficiency inside the acceptance.
        public var efficiency: Double
        /// sigma(pt)/pt = curvature * pt (+) multipleScattering / beta, pt in GeV.
        public var ptResolutionCurvature: Double
        public var ptResolutionMultipleScattering: Double
        /// Resolutions of the track's polar and azimuthal angles (radians).
        public var thetaResolution: MultipleScatteringResolution
        public var phiResolution: MultipleScatteringResolution
        /// Transverse (d0) and longitudinal (z0) impact-parameter resolutions (micrometres).
        public var d0Resolution: MultipleScatteringResolution
        public var z0Resolution: MultipleScatteringResolution
    }

    public struct Calorimeter: Codable, Sendable, Equatable {
        /// The covered polar-angle regions (forward endcap, barrel, backward endcap); photons in the
        /// gaps between them or outside are lost.
        public var regions: [AngleRange]
        /// sigma(E)/E = noise/E (+) stochastic/E^(1/4) (+) constant (E in GeV).
        public var energyResolutionNoise: Double
        public var energyResolutionStochastic: Double
        public var energyResolutionConstant: Double
        /// Cluster angular resolution (radians): constant (+) stochastic / sqrt(E).
        public var angularResolutionConstant: Double
        public var angularResolutionStochastic: Double
        /// Clusters below this energy are not reconstructed (GeV).
        public var clusterThreshold: Double
        /// Probability that a photon above threshold inside a region gives a cluster.
        public var photonEfficiency: Double
    }

    /// Efficiency or fake-rate tables in momentum (GeV, lab) and polar angle (degrees): value[i][j]
    /// for momentum bin i and angle bin j; outside the table the value is 0.
    public struct MuonIdentification: Codable, Sendable, Equatable {
        public var momentumEdges: [Double]
        public var polarAngleEdgesDegrees: [Double]
        public var muonEfficiency: [[Double]]
        public var pionFakeRate: [[Double]]
        public var electronFakeRate: [[Double]]
        public var kaonFakeRate: [[Double]]
    }

    /// A trigger parametrised by the event's tracks and calorimeter energy: a two-track trigger with
    /// a turn-on in the largest track pt, OR an energy trigger with a turn-on in the summed cluster
    /// energy, each at its plateau efficiency.
    public struct Trigger: Codable, Sendable, Equatable {
        public var description: String
        public var minimumTracks: Int
        public var trackPlateau: Double
        public var trackTurnOnPt: Double
        public var trackTurnOnWidth: Double
        public var energyPlateau: Double
        public var energyTurnOn: Double
        public var energyTurnOnWidth: Double
    }

    /// Clusters from beam background, overlaid on every event: a Poisson number with mean
    /// `meanClusters`, exponential energies with mean `meanEnergy` (GeV) above the cluster threshold,
    /// uniform in solid angle inside the calorimeter.
    public struct BeamBackground: Codable, Sendable, Equatable {
        public var enabled: Bool
        public var meanClusters: Double
        public var meanEnergy: Double
    }
}
