import Foundation

/// Converts SVG files to PNG with librsvg's `rsvg-convert`, when it is installed.
///
/// PNG output is optional in DarkScan: the SVG is the figure, the PNG a convenience. So this never
/// throws and never prints: it reports success or failure (no `rsvg-convert` on `PATH`, a failing
/// conversion) as a `Bool`. The PNG is written to a temporary file next to the destination and
/// renamed over it once complete, so a reader never sees a partial file.
public enum Rasteriser {
    /// Renders the SVG file at `svgURL` to a PNG at `pngURL`, `width` pixels wide (the SVG's own
    /// size when `nil`); true when the PNG was written.
    public static func png(fromSVGAt svgURL: URL, to pngURL: URL, width: Int? = nil) -> Bool {
        convert(svgURL, to: pngURL, width: width) == nil
    }

    /// The same, returning nil on success or why the PNG was not written.
    public static func convert(_ svgURL: URL, to pngURL: URL, width: Int? = nil) -> String? {
        guard let tool = executable(named: "rsvg-convert") else { return "rsvg-convert is not on PATH" }
        guard FileManager.default.fileExists(atPath: svgURL.path) else { return "no SVG at \(svgURL.path)" }
        if let width, width <= 0 { return "width \(width) <= 0" }
        let directory = pngURL.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(pngURL.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }

        let process = Process()
        process.executableURL = tool
        var arguments = ["--format", "png", "--output", temporary.path]
        if let width { arguments += ["--width", String(width), "--keep-aspect-ratio"] }
        process.arguments = arguments + [svgURL.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return "cannot start rsvg-convert: \(error)"
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0,
              FileManager.default.fileExists(atPath: temporary.path) else {
            return "rsvg-convert exited with status \(process.terminationStatus): \(message.prefix(300))"
        }
        do {
            // rename(2) replaces the destination atomically (FileManager.replaceItemAt fails on Linux).
            guard rename(temporary.path, pngURL.path) == 0 else { return "cannot rename the PNG into place (errno \(errno))" }
        }
        return nil
    }

    /// Whether `rsvg-convert` is on `PATH`.
    public static var isAvailable: Bool { executable(named: "rsvg-convert") != nil }

    /// The first executable file with this name in the directories of `PATH`.
    static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
