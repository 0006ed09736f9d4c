import Testing
@testable import EventIO

@Suite struct JSONTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    @Test func numbersKeepIntegerAndDoubleApart() throws {
        #expect(try parse("1") == .int(1))
        #expect(try parse("1.0") == .double(1.0))
        #expect(try parse("1e2") == .double(100))
        #expect(try parse("-0") == .int(0))
        #expect(try parse("-0.0") == .double(-0.0))
        #expect(try parse("18446744073709551615") == .uint(UInt64.max))
        #expect(try parse("-9223372036854775808") == .int(Int64.min))
        #expect(try parse("18446744073709551616") == .double(18446744073709551616.0))
        #expect(try parse("0.1") == .double(0.1))
    }

    @Test func roundTripIsExactAndSorted() throws {
        let value = JSONValue.object([
            "b": .array([.int(-1), .uint(UInt64.max), .double(1.0), .double(.leastNonzeroMagnitude), .double(-1.7976931348623157e308)]),
            "a": .string("tab\t quote\" backslash\\ slash/ nul\u{0} µ 😀"),
            "c": .object(["z": .null, "y": .bool(false)]),
        ])
        let bytes = try JSONSerializer.serialize(value)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("{\"a\":"))
        #expect(try JSONParser.parse(bytes) == value)
        #expect(try JSONSerializer.serialize(JSONParser.parse(bytes)) == bytes)
    }

    @Test func escapes() throws {
        #expect(try parse(#""\ud83d\ude00 \u00b5 \/ \b\f\n\r\t""#) == .string("😀 µ / \u{8}\u{c}\n\r\t"))
    }

    @Test(arguments: [
        "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "NaN", "Infinity", "1e999", "[1] x", "",
        "{\"a\":1,\"a\":2}", "\"\u{1}\"", #""\ud800""#, #""\udc00""#, #""\x""#, "{a:1}", "[1 2]",
        "tru", "[[[[", "\"abc",
    ])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func rejectsDeepNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Array(deep.utf8)) }
    }

    @Test func serializerRefusesNonFiniteNumbers() {
        let error = #expect(throws: JSONSerializer.Unrepresentable.self) {
            try JSONSerializer.serialize(.object(["x": .array([.double(0), .double(.nan)])]))
        }
        #expect(error?.path == "$.x[1]")
    }

    @Test func serializerRefusesWhatTheParserWouldRefuse() {
        var deep = JSONValue.null
        for _ in 0..<JSONParser.maximumDepth { deep = .array([deep]) }
        #expect(throws: JSONSerializer.Unrepresentable.self) { try JSONSerializer.serialize(deep) }
        guard case .array(let elements) = deep, let shallower = elements.first else { return }
        #expect(throws: Never.self) { try JSONParser.parse(JSONSerializer.serialize(shallower)) }
    }
}
