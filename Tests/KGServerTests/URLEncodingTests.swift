import Testing
@testable import KGServer

@Suite struct URLEncodingTests {
    @Test func decodesPercentEscapesAndUTF8() throws {
        #expect(try URLEncoding.decode(Array("Per%C3%BA%20%2B".utf8), plusIsSpace: false) == "Perú +")
        #expect(try URLEncoding.decode(Array("a+b".utf8), plusIsSpace: true) == "a b")
        #expect(try URLEncoding.decode(Array("a+b".utf8), plusIsSpace: false) == "a+b")
    }

    @Test func refusesBadEscapesAndBadUTF8() {
        for bad in ["%", "%4", "%g0", "%C3", "%FF", "%C0%80", "%00"] {
            #expect(throws: URLEncoding.DecodingError.self, "\(bad)") { try URLEncoding.decode(Array(bad.utf8), plusIsSpace: false) }
        }
    }

    @Test func splitsQueries() throws {
        let pairs = try URLEncoding.decodeQuery(ArraySlice("q=a%3Db&&flag&x=".utf8))
        #expect(pairs.map(\.name) == ["q", "flag", "x"])
        #expect(pairs.map(\.value) == ["a=b", "", ""])
    }

    @Test func encodesComponentsThatDecodeBack() throws {
        let text = "member_of(S, csm), label(S, \"Perú\")&q=1 +%"
        let encoded = URLEncoding.encodeComponent(text)
        #expect(encoded.allSatisfy { $0.isASCII && !" &+\"".contains($0) })
        #expect(try URLEncoding.decode(Array(encoded.utf8), plusIsSpace: true) == text)
    }
}
