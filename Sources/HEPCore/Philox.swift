/// The Philox4x32-10 counter-based random bijection (J. K. Salmon, M. A. Moraes, R. O. Dror,
/// D. E. Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC11 (2011), doi:10.1145/2063384.2063405).
///
/// A keyed bijection of 128-bit counters: block(counter, key) gives four 32-bit words that pass
/// BigCrush for any sequence of distinct counters. Because any block can be computed directly, a
/// stream can jump anywhere in O(1) and many independent streams need no shared state, which is what
/// makes DarkScan's results identical whatever the thread count. Checked against the Random123
/// known-answer vectors (tests/kat_vectors of the reference distribution).
public enum Philox4x32 {
    @usableFromInline static let m0: UInt32 = 0xD251_1F53
    @usableFromInline static let m1: UInt32 = 0xCD9E_8D57
    @usableFromInline static let w0: UInt32 = 0x9E37_79B9
    @usableFromInline static let w1: UInt32 = 0xBB67_AE85

    /// Ten rounds of Philox4x32 on `counter` with `key` (SC11 paper, Sec. 3.3; round function
    /// out = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0), key bumped by the Weyl constants between rounds).
    @inlinable
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var c = counter
        var k = key
        @inline(__always) func round(_ c: inout SIMD4<UInt32>, _ k: SIMD2<UInt32>) {
            let p0 = UInt64(m0) &* UInt64(c.x)
            let p1 = UInt64(m1) &* UInt64(c.z)
            c = SIMD4(UInt32(truncatingIfNeeded: p1 >> 32) ^ c.y ^ k.x, UInt32(truncatingIfNeeded: p1),
                      UInt32(truncatingIfNeeded: p0 >> 32) ^ c.w ^ k.y, UInt32(truncatingIfNeeded: p0))
        }
        round(&c, k)
        for _ in 1..<10 {
            k &+= SIMD2(w0, w1)
            round(&c, k)
        }
        return c
    }
}
