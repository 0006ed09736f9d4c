import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A ROOT file being written: appended to sequentially, with `write(_:at:)` patching earlier
/// bytes (the file header and the top directory, whose contents are known last). Like DarkScan
/// stores, it is written to `.NAME.tmp-<pid>-<random>` beside the destination and renamed over
/// it by ``commit()``; ``discard()`` removes it after a failure.
final class ROOTOutputFile {
    let destination: String
    private let temporary: String
    private var descriptor: Int32
    /// The number of bytes appended so far.
    private(set) var size: UInt64 = 0

    init(destination url: URL) throws(EventIOError) {
        guard url.isFileURL else { throw .notAFileURL(url: url.absoluteString) }
        destination = url.path(percentEncoded: false)
        var status = stat()
        if stat(destination, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR { throw .notARegularFile(path: destination) }
        let directory = url.deletingLastPathComponent().path(percentEncoded: false)
        let prefix = (directory.hasSuffix("/") ? directory : directory + "/") + "." + url.lastPathComponent + ".tmp-\(getpid())-"
        var candidate = ""
        var fd: Int32 = -1
        for _ in 0..<16 {
            candidate = prefix + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw .io(path: destination, operation: "create a temporary file in \(directory)", code: errno) }
        temporary = candidate
        descriptor = fd
    }

    /// Appends `bytes`.
    func append(_ bytes: [UInt8]) throws(EventIOError) {
        try write(bytes, at: size)
        size += UInt64(bytes.count)
    }

    /// Writes `bytes` at `offset` (pwrite, retrying after EINTR and short writes).
    func write(_ bytes: [UInt8], at offset: UInt64) throws(EventIOError) {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count, let base = raw.baseAddress {
                let n = pwrite(descriptor, base + done, raw.count - done, off_t(offset) + off_t(done))
                if n > 0 { done += n } else if n < 0 && errno == EINTR { continue } else { failure = n < 0 ? errno : EIO; return }
            }
        }
        if failure != 0 { throw .io(path: destination, operation: "write", code: failure) }
    }

    /// Flushes, closes and renames the file over the destination.
    func commit() throws(EventIOError) {
        guard fsync(descriptor) == 0 else { throw .io(path: destination, operation: "fsync", code: errno) }
        let fd = descriptor
        descriptor = -1
        guard closeDescriptor(fd) == 0 else { throw .io(path: destination, operation: "close", code: errno) }
        guard rename(temporary, destination) == 0 else { throw .io(path: destination, operation: "rename", code: errno) }
    }

    /// Closes and removes the temporary file (after a failure).
    func discard() {
        if descriptor >= 0 { _ = closeDescriptor(descriptor); descriptor = -1 }
        _ = unlink(temporary)
    }
}
