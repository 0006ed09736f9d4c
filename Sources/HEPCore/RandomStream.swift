/// A seeded source of independent random streams. There is no global generator in DarkScan: every
/// consumer receives a ``RandomStream`` derived from a ``RandomStreams`` seed and a stream index.
///
/// Stream `i` of seed `s` is Philox4x32-10 keyed by `s` with the 128-bit counter
/// (block low, block high, i low, i high): streams never overlap (2^64 blocks of 4 words each), and
/// the numbers a stream yields depend only on (s, i), not on which thread or machine draws them.
/// ``child(_:)`` derives a new, statistically independent seed for a sub-task (a module, a process)
/// by encrypting (seed, label) with Philox itself under a fixed domain-separation key.
public struct RandomStreams: Hashable, Sendable, Codable {
    /// The 64-bit seed (the Philox key).
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// Stream number `index` of this seed, positioned at its start.
    public func stream(_ index: UInt64) -> RandomStream {
        RandomStream(seed: seed, stream: index)
    }

    /// An independent family of streams for a sub-task identified by `label`.
    public func child(_ label: UInt64) -> RandomStreams {
        let key = SIMD2<UInt32>(0x243F_6A88, 0x85A3_08D3) // domain separation: digits of pi
        let out = Philox4x32.block(
            counter: SIMD4(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32),
                           UInt32(truncatingIfNeeded: label), UInt32(truncatingIfNeeded: label >> 32)),
            key: key)
        return RandomStreams(seed: UInt64(out.x) | UInt64(out.y) << 32)
    }

    /// An independent family of streams for a sub-task identified by a name (e.g. "tracking"),
    /// hashed with 64-bit FNV-1a so the derivation is stable across runs and platforms.
    public func child(_ name: String) -> RandomStreams {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return child(h)
    }
}

/// One stream of Philox4x32-10 random numbers; a value type, so copying it copies its position.
/// Conforms to `RandomNumberGenerator`, so it can drive the standard library's `random(in:using:)`.
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline let key: SIMD2<UInt32>
    @usableFromInline let streamWords: SIMD2<UInt32>
    /// Index of the next block to compute.
    @usableFromInline var nextBlock: UInt64
    @usableFromInline var buffer: SIMD4<UInt32>
    /// Number of 32-bit words of `buffer` already used (4 = empty).
    @usableFromInline var used: Int

    public init(seed: UInt64, stream: UInt64) {
        key = SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        streamWords = SIMD2(UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32))
        nextBlock = 0
        buffer = .zero
        used = 4
    }

    /// Moves to the start of block `block` (each block holds four 32-bit words, i.e. two `next()`
    /// values) in O(1): the jump-ahead that lets a chunk of work start at a known place.
    public mutating func seek(toBlock block: UInt64) {
        nextBlock = block
        used = 4
    }

    @inlinable mutating func refill() {
        buffer = Philox4x32.block(
            counter: SIMD4(UInt32(truncatingIfNeeded: nextBlock), UInt32(truncatingIfNeeded: nextBlock >> 32),
                           streamWords.x, streamWords.y),
            key: key)
        nextBlock &+= 1
        used = 0
    }

    /// The next 32 random bits.
    @inlinable public mutating func next32() -> UInt32 {
        if used == 4 { refill() }
        let w: UInt32
        switch used {
        case 0: w = buffer.x
        case 1: w = buffer.y
        case 2: w = buffer.z
        default: w = buffer.w
        }
        used += 1
        return w
    }

    /// The next 64 random bits (two consecutive 32-bit words, the first in the low half). Reads
    /// the two words of a block half at once; the word order is the same as two ``next32()`` calls.
    @inlinable public mutating func next() -> UInt64 {
        if used == 4 { refill() }
        switch used {
        case 0:
            used = 2
            return UInt64(buffer.x) | UInt64(buffer.y) << 32
        case 2:
            used = 4
            return UInt64(buffer.z) | UInt64(buffer.w) << 32
        default:
            let lo = UInt64(next32())
            return lo | UInt64(next32()) << 32
        }
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1], never zero, for logarithms.
    @inlinable public mutating func uniformPositive() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// A uniform double in [a, b).
    @inlinable public mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * uniform()
    }
}
