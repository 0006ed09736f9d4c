import HEPCore

extension EventSample {
    /// Checks that the columns of the sample agree with each other:
    ///
    /// - `particleOffsets` is not empty and starts at 0;
    /// - `weights` has one entry per event: particleOffsets.count - 1;
    /// - `status`, `mother`, `e`, `px`, `py`, `pz` have as many entries as `pdg`;
    /// - the offsets never decrease, and the last equals the number of particles;
    /// - each `mother` is -1 or the index of another particle of the same event
    ///   (0 ..< particles in the event, not the particle itself).
    ///
    /// The first violation throws `.inconsistentSample` naming the column, the event index where
    /// one applies, and the values; `path` names the sample.
    public func validate(path: String = "<memory>") throws(EventIOError) {
        func fail(_ column: String, _ event: Int?, _ reason: String) -> EventIOError {
            .inconsistentSample(path: path, column: column, event: event, reason: reason)
        }
        guard let first = particleOffsets.first else {
            throw fail("particleOffsets", nil, "empty (it needs events + 1 entries, starting with 0)")
        }
        guard first == 0 else { throw fail("particleOffsets", 0, "starts at \(first), not 0") }
        guard weights.count == particleOffsets.count - 1 else {
            throw fail("weights", nil, "\(weights.count) entries for \(particleOffsets.count - 1) events "
                       + "(particleOffsets has \(particleOffsets.count) entries)")
        }
        let n = pdg.count
        let lengths = [("status", status.count), ("mother", mother.count), ("e", e.count),
                       ("px", px.count), ("py", py.count), ("pz", pz.count)]
        for (name, count) in lengths where count != n {
            throw fail(name, nil, "\(count) entries, but pdg has \(n) particles")
        }
        for event in 0..<(particleOffsets.count - 1) {
            let start = particleOffsets[event], end = particleOffsets[event + 1]
            guard end >= start else {
                throw fail("particleOffsets", event, "offset \(end) after \(start): offsets must not decrease")
            }
            guard end <= Int64(n) else {
                throw fail("particleOffsets", event, "offset \(end) beyond the \(n) particles")
            }
            let size = end - start
            for k in Int(start)..<Int(end) {
                let m = Int64(mother[k])
                guard m == -1 || (m >= 0 && m < size && m != Int64(k) - start) else {
                    throw fail("mother", event, "particle \(Int64(k) - start) (global \(k)) has mother \(m); "
                               + "expected -1 or another particle of the event (0..<\(size))")
                }
            }
        }
        if let last = particleOffsets.last, last != Int64(n) {
            throw fail("particleOffsets", particleOffsets.count >= 2 ? particleOffsets.count - 2 : nil, "last offset \(last), but there are \(n) particles")
        }
    }
}
