/// The version of DarkScan recorded in every output's provenance.
public enum DarkScanVersion {
    public static let string = "0.5.2"
}
