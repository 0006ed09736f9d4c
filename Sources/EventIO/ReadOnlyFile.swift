import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An open regular file for reading (POSIX), with its size. The caller closes it.
struct ReadOnlyFile {
    let path: String
    let descriptor: Int32
    let size: UInt64

    /// Opens `url`: `.notAFileURL`, `.fileNotFound`, `.notARegularFile` (a directory, a FIFO,
    /// ...) or `.io` when that is not possible.
    init(url: URL) throws(EventIOError) {
        guard url.isFileURL else { throw .notAFileURL(url: url.absoluteString) }
        let path = url.path(percentEncoded: false)
        let fd = url.withUnsafeFileSystemRepresentation { name -> Int32 in
            guard let name else { return -1 }
            return open(name, O_RDONLY | O_CLOEXEC)
        }
        guard fd >= 0 else {
            let code = errno
            throw code == ENOENT ? .fileNotFound(path: path) : .io(path: path, operation: "open", code: code)
        }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let code = errno
            _ = closeDescriptor(fd)
            throw .io(path: path, operation: "stat", code: code)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            _ = closeDescriptor(fd)
            throw .notARegularFile(path: path)
        }
        self.path = path
        self.descriptor = fd
        self.size = UInt64(status.st_size)
    }

    func close() {
        _ = closeDescriptor(descriptor)
    }

    /// Reads exactly `count` bytes at `offset` (the caller has checked they lie in the file; a
    /// short read means the file shrank meanwhile and is reported as truncation of the header).
    func read(count: UInt64, at offset: UInt64) throws(EventIOError) -> [UInt8] {
        guard let n = Int(exactly: count), let start = off_t(exactly: offset) else {
            throw .truncated(path: path, section: .header, expectedSize: offset &+ count, actualSize: size)
        }
        var bytes = [UInt8](repeating: 0, count: n)
        var done = 0
        var failure: Int32 = 0
        bytes.withUnsafeMutableBytes { buffer in
            while done < n, let base = buffer.baseAddress {
                let got = pread(descriptor, base + done, n - done, start + off_t(done))
                if got > 0 {
                    done += got
                } else if got == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
        }
        if failure != 0 { throw .io(path: path, operation: "read", code: failure) }
        guard done == n else {
            throw .truncated(path: path, section: .header, expectedSize: offset + count,
                             actualSize: offset + UInt64(done))
        }
        return bytes
    }
}

/// A read-only, private memory mapping of a whole file; unmapped when released.
///
/// Sendable because the mapped bytes are never written through it (PROT_READ). Stores are
/// replaced by rename, never rewritten in place, so a mapped file's bytes do not change under a
/// reader; truncating a mapped file by other means would make access fault (SIGBUS), as with
/// any mapping.
final class FileMapping: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    /// Maps `size` (> 0) bytes of the open file `fd`.
    init(descriptor fd: Int32, size: UInt64, path: String) throws(EventIOError) {
        guard let length = Int(exactly: size), length > 0 else {
            throw .truncated(path: path, section: .prelude, expectedSize: UInt64(StoreFormat.preludeSize), actualSize: size)
        }
        guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0),
              base != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw .io(path: path, operation: "mmap", code: errno)
        }
        bytes = UnsafeRawBufferPointer(start: base, count: length)
    }

    deinit {
        if let base = bytes.baseAddress {
            _ = munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }
}
