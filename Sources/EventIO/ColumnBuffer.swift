/// The values of one column of a ``MappedStore``, read in place from the mapped file: a
/// random-access collection of `Element` that keeps the mapping alive while it exists.
///
/// Reading through it costs no copy; ``withUnsafeBufferPointer(_:)`` gives the raw buffer for
/// hot loops, ``copyToArray()`` an independent array (one memcpy).
public struct ColumnBuffer<Element: ColumnElement>: RandomAccessCollection, @unchecked Sendable {
    // Sendable: the memory is a read-only mapping owned by `owner`, which this value retains.
    let owner: FileMapping
    @usableFromInline let elements: UnsafeBufferPointer<Element>

    init(owner: FileMapping, elements: UnsafeBufferPointer<Element>) {
        self.owner = owner
        self.elements = elements
    }

    public typealias Index = Int
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { elements.count }
    @inlinable public subscript(position: Int) -> Element { elements[position] }

    /// Calls `body` with the values in place. The pointer must not escape `body`.
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Element>) throws(E) -> R) throws(E) -> R {
        try withExtendedLifetime(owner) { () throws(E) -> R in try body(elements) }
    }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R? {
        try withExtendedLifetime(owner) { try body(elements) }
    }

    /// The values copied into a new array.
    public func copyToArray() -> [Element] {
        withExtendedLifetime(owner) { Array(elements) }
    }
}
