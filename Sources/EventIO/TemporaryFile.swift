import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written next to its destination and renamed over it when complete, so readers see
/// either the old file or the whole new one, never a partial write.
///
/// The temporary file is `.NAME.tmp-<pid>-<random hex>` in the destination's directory (the same
/// file system, so the rename is atomic), created exclusively with mode 0666 less the umask.
/// `commit()` flushes it to disk (fsync), renames it over the destination and flushes the
/// directory; after any failure, `discard()` closes and removes it.
final class TemporaryFile {
    let destinationPath: String
    let temporaryPath: String
    private var descriptor: Int32
    private var isOpen = true
    private var exists = true

    /// Creates the temporary file for `destination`. Fails with `.notARegularFile` if the
    /// destination is a directory and `.io` if the file cannot be created (e.g. the directory
    /// does not exist or is not writable).
    init(destination: URL) throws(EventIOError) {
        guard destination.isFileURL else { throw .notAFileURL(url: destination.absoluteString) }
        let path = destination.path(percentEncoded: false)
        var status = stat()
        if stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            throw .notARegularFile(path: path)
        }
        let directory = destination.deletingLastPathComponent().path(percentEncoded: false)
        let name = destination.lastPathComponent
        var lastError: Int32 = EEXIST
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let candidate = (directory.hasSuffix("/") ? directory : directory + "/") + ".\(name).tmp-\(getpid())-\(suffix)"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                destinationPath = path
                temporaryPath = candidate
                descriptor = fd
                return
            }
            lastError = errno
            if lastError != EEXIST && lastError != EINTR { break }
        }
        throw .io(path: path, operation: "create a temporary file in \(directory)", code: lastError)
    }

    /// Writes all of `bytes` (in chunks of at most 1 GiB, retrying after EINTR and short writes).
    func write(_ bytes: UnsafeRawBufferPointer) throws(EventIOError) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let chunk = min(bytes.count - done, 1 << 30)
            let written = systemWrite(descriptor, base + done, chunk)
            if written > 0 {
                done += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                throw .io(path: destinationPath, operation: "write", code: written < 0 ? errno : EIO)
            }
        }
    }

    /// Writes `bytes`.
    func write(_ bytes: [UInt8]) throws(EventIOError) {
        let result: Result<Void, EventIOError> = bytes.withUnsafeBytes { raw in
            do throws(EventIOError) { try write(raw); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
    }

    /// Flushes, closes and renames the file over the destination, then flushes the directory
    /// (best effort: some file systems refuse fsync on directories).
    func commit() throws(EventIOError) {
        guard fsync(descriptor) == 0 else { throw .io(path: destinationPath, operation: "fsync", code: errno) }
        isOpen = false
        guard closeDescriptor(descriptor) == 0 else { throw .io(path: destinationPath, operation: "close", code: errno) }
        guard rename(temporaryPath, destinationPath) == 0 else {
            throw .io(path: destinationPath, operation: "rename", code: errno)
        }
        exists = false
        let directory = URL(fileURLWithPath: destinationPath).deletingLastPathComponent().path(percentEncoded: false)
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            _ = closeDescriptor(fd)
        }
    }

    /// Closes the file if still open and removes it if not yet renamed.
    func discard() {
        if isOpen {
            _ = closeDescriptor(descriptor)
            isOpen = false
        }
        if exists {
            _ = unlink(temporaryPath)
            exists = false
        }
    }
}
