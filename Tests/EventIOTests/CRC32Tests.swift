import Testing
@testable import EventIO

@Suite struct CRC32Tests {
    /// Bit-at-a-time CRC-32 straight from the definition, as the reference.
    private func reference(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// Deterministic pseudo-random bytes (a linear congruential generator; not for physics).
    private func testBytes(_ count: Int) -> [UInt8] {
        var state: UInt32 = 12345
        return (0..<count).map { _ in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
    }

    @Test func knownValues() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.checksum(Array("a".utf8)) == 0xE8B7_BE43)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        #expect(CRC32.checksum([UInt8](repeating: 0, count: 32)) == 0x190A_55AD)
    }

    @Test func matchesBitwiseReferenceAtEveryLengthAndAlignment() {
        let data = testBytes(300)
        for start in 0..<9 {
            for length in stride(from: 0, through: 290, by: 7) where start + length <= data.count {
                let slice = Array(data[start..<(start + length)])
                #expect(CRC32.checksum(slice) == reference(slice), "start \(start), length \(length)")
            }
        }
    }

    @Test func incrementalUpdatesEqualOneShot() {
        let data = testBytes(100)
        let whole = CRC32.checksum(data)
        for split in [0, 1, 7, 8, 9, 50, 99, 100] {
            var crc = CRC32()
            crc.update(data[0..<split])
            crc.update(data[split...])
            #expect(crc.value == whole, "split at \(split)")
        }
    }
}
