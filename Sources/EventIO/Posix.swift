#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// System calls under names that methods called `close` or `write` do not shadow.

/// `close(2)`.
func closeDescriptor(_ fd: Int32) -> Int32 {
    close(fd)
}

/// `write(2)`.
func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
