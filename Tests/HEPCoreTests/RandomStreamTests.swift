import HEPCore
import Testing

@Suite("Random streams")
struct RandomStreamTests {
    /// Random123 known-answer vectors for Philox4x32-10 (tests/kat_vectors of the reference
    /// distribution, D. E. Shaw Research): counter, key -> output.
    @Test("Philox4x32-10 reproduces the Random123 known-answer vectors")
    func knownAnswers() {
        let cases: [(SIMD4<UInt32>, SIMD2<UInt32>, SIMD4<UInt32>)] = [
            (.zero, .zero, SIMD4(0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8)),
            (SIMD4(repeating: 0xFFFF_FFFF), SIMD2(repeating: 0xFFFF_FFFF), SIMD4(0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD)),
            (SIMD4(0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344), SIMD2(0xA409_3822, 0x299F_31D0),
             SIMD4(0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1)),
        ]
        for (counter, key, expected) in cases {
            #expect(Philox4x32.block(counter: counter, key: key) == expected)
        }
    }

    @Test("The same seed and stream give the same numbers; copies keep their position")
    func reproducible() {
        var a = RandomStreams(seed: 42).stream(3)
        var b = RandomStreams(seed: 42).stream(3)
        let xs = (0..<1000).map { _ in a.next() }
        let ys = (0..<1000).map { _ in b.next() }
        #expect(xs == ys)
        var c = a
        #expect(a.next() == c.next())
    }

    @Test("Seeking to a block equals drawing up to it")
    func jumpAhead() {
        var sequential = RandomStreams(seed: 9).stream(0)
        for _ in 0..<(2 * 12_345) { _ = sequential.next() } // two next() per 4-word block
        var jumped = RandomStreams(seed: 9).stream(0)
        jumped.seek(toBlock: 12_345)
        #expect((0..<100).map { _ in sequential.next() } == (0..<100).map { _ in jumped.next() })
    }

    @Test("Different streams, seeds and children differ and are uncorrelated")
    func independent() {
        let streams = RandomStreams(seed: 1)
        var s0 = streams.stream(0), s1 = streams.stream(1)
        var other = RandomStreams(seed: 2).stream(0)
        var child = streams.child("tracking").stream(0)
        let n = 100_000
        var a = [Double](), b = [Double](), c = [Double](), d = [Double]()
        for _ in 0..<n { a.append(s0.uniform()); b.append(s1.uniform()); c.append(other.uniform()); d.append(child.uniform()) }
        #expect(a != b && a != c && a != d)
        // Sample correlation of independent uniforms has standard deviation 1/sqrt(n) = 0.0032;
        // 5 sigma bounds.
        for (x, y) in [(a, b), (a, c), (a, d), (b, d)] {
            #expect(abs(correlation(x, y)) < 5 / Double(n).squareRoot())
        }
        // Lagged correlation within one stream.
        #expect(abs(correlation(Array(a.dropFirst()), Array(a.dropLast()))) < 5 / Double(n).squareRoot())
        #expect(streams.child(1) != streams.child(2))
        #expect(streams.child("a") != streams.child("b"))
    }

    @Test("Uniform deviates pass a chi-square test; Gaussian moments are right")
    func distributions() {
        var rng = RandomStreams(seed: 11).stream(0)
        let bins = 100, n = 200_000
        var counts = [Int](repeating: 0, count: bins)
        for _ in 0..<n {
            let u = rng.uniform()
            #expect(u >= 0 && u < 1)
            counts[Int(u * Double(bins))] += 1
        }
        let expected = Double(n) / Double(bins)
        let chi2 = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // 99 degrees of freedom: the 99.9% quantile is 148.2.
        #expect(chi2 < 148.2)

        var sum = 0.0, sum2 = 0.0, sum4 = 0.0
        for _ in 0..<n {
            let g = rng.gaussian()
            sum += g; sum2 += g * g; sum4 += g * g * g * g
        }
        let mean = sum / Double(n), variance = sum2 / Double(n) - mean * mean
        #expect(abs(mean) < 5 / Double(n).squareRoot())
        // Var of the sample variance ~ 2/n; of the 4th moment ~ 96/n.
        #expect(abs(variance - 1) < 5 * (2 / Double(n)).squareRoot())
        #expect(abs(sum4 / Double(n) - 3) < 5 * (96 / Double(n)).squareRoot())
        var positive = rng
        for _ in 0..<10_000 { #expect(positive.uniformPositive() > 0) }
    }

    private func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
