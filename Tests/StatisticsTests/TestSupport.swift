import Foundation
@testable import Statistics

/// The repository's Validation/pyhf folder, found from this file's path (no bundle resources).
let validationDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Validation/pyhf")

/// Relative difference |a - b| / max(|a|, |b|), 0 when both are 0.
func relativeDifference(_ a: Double, _ b: Double) -> Double {
    let scale = max(abs(a), abs(b))
    return scale == 0 ? 0 : abs(a - b) / scale
}
