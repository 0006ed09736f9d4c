/// What a run reports while it works (libraries never print: the CLI draws these).
public enum RunEvent: Sendable {
    /// A stage began; `detail` says what it does.
    case started(stage: String, detail: String)
    /// Progress within the current stage, in [0, 1].
    case progress(stage: String, fraction: Double)
    /// A stage ended, computed or read from the cache, after `seconds` of wall time.
    case finished(stage: String, detail: String, seconds: Double, cached: Bool)
    /// Something the user should know (an approximation, a missing optional tool).
    case note(String)
}

/// A callback receiving ``RunEvent``s.
public typealias RunObserver = @Sendable (RunEvent) -> Void

/// Wall-clock seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// A seed for one named part of a run, derived from the spec's seed (FNV-1a of "seed/label"), so
/// that each sample and stage has its own reproducible streams whatever else the spec contains.
func derivedSeed(_ seed: UInt64, _ label: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in "\(seed)/\(label)".utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    return h >> 1   // keep it a positive Int64 too, for tools that read seeds as signed
}
