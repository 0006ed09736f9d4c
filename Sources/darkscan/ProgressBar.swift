import Foundation
import Synchronization

/// A progress bar on standard error, redrawn at most every 0.1 s, safe to call from any task. It
/// stays silent when standard error is not a terminal, so logs and pipes get only the summary.
final class ProgressBar: Sendable {
    private let label: String
    private let enabled: Bool
    private let state = Mutex<(last: Double, fraction: Double)>((0, -1))
    private let start = Date()

    init(_ label: String) {
        self.label = label
        enabled = isatty(STDERR_FILENO) == 1
    }

    /// Shows `fraction` (0...1) done.
    func update(_ fraction: Double) {
        guard enabled else { return }
        let now = Date().timeIntervalSince(start)
        let draw = state.withLock { s -> Bool in
            guard fraction >= 1 || now - s.last >= 0.1, fraction != s.fraction else { return false }
            s = (now, fraction)
            return true
        }
        guard draw else { return }
        let width = 30
        let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = String(format: "\r%@ [%@] %3.0f%%  %.1f s", label, bar, fraction * 100, now)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the bar's line.
    func finish() {
        guard enabled else { return }
        update(1)
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
