import Foundation

/// Renders a page in headless Chromium (Debian package `chromium`, installed by scripts/setup):
/// the console messages the page logged, a screenshot, and the DOM after loading.
enum HeadlessChromium {
    struct Rendering {
        /// Lines of Chromium's log that are messages of the page's console (errors, uncaught exceptions).
        var consoleMessages: [String]
        var screenshot: Data
        var dom: String
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "chromium is not installed: run scripts/setup (it installs the Debian package chromium)" }
    }

    static func executable() -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    static func render(_ page: URL, width: Int = 1280, height: Int = 2400) throws -> Rendering {
        guard let chromium = executable() else { throw Missing() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("darkscan-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let shot = dir.appendingPathComponent("shot.png")
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(dir.path)/profile", "--enable-logging=stderr", "--v=0"]
        let (_, log) = try run(chromium, common + ["--window-size=\(width),\(height)", "--screenshot=\(shot.path)", page.absoluteString])
        let (dom, _) = try run(chromium, common + ["--dump-dom", page.absoluteString])
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Rendering(consoleMessages: console, screenshot: (try? Data(contentsOf: shot)) ?? Data(), dom: dom)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> (String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes to the end before waiting, so a full pipe cannot block the browser.
        let group = DispatchGroup()
        nonisolated(unsafe) var stderrBytes = Data()
        group.enter()
        DispatchQueue.global().async { stderrBytes = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let stdoutBytes = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return (String(decoding: stdoutBytes, as: UTF8.self), String(decoding: stderrBytes, as: UTF8.self))
    }
}
