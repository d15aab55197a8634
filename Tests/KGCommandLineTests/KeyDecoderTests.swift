import Testing
@testable import KGCommandLine

@Suite struct KeyDecoderTests {
    private func decode(_ bytes: [UInt8]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.feed(bytes) + decoder.flush()
    }

    private func decode(_ text: String) -> [Key] { decode(Array(text.utf8)) }

    @Test func printableAndControlBytes() {
        #expect(decode("a Z~") == [.character("a"), .character(" "), .character("Z"), .character("~")])
        #expect(decode([1, 5, 11, 21, 23, 18, 7, 12, 20, 4, 3]) == [
            .control("a"), .control("e"), .control("k"), .control("u"), .control("w"),
            .control("r"), .control("g"), .control("l"), .control("t"), .control("d"), .control("c"),
        ])
        #expect(decode([13, 10, 9, 127, 8]) == [.enter, .enter, .tab, .backspace, .backspace])
    }

    @Test func arrowsHomeEndAndDelete() {
        #expect(decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.up, .down, .right, .left])
        #expect(decode("\u{1B}OA\u{1B}OD") == [.up, .left])
        #expect(decode("\u{1B}[H\u{1B}[F\u{1B}OH\u{1B}OF") == [.home, .end, .home, .end])
        #expect(decode("\u{1B}[1~\u{1B}[4~\u{1B}[7~\u{1B}[8~") == [.home, .end, .home, .end])
        #expect(decode("\u{1B}[3~") == [.delete])
    }

    @Test func wordMovesAndMetaKeys() {
        #expect(decode("\u{1B}b\u{1B}f\u{1B}d") == [.meta("b"), .meta("f"), .meta("d")])
        #expect(decode("\u{1B}[1;3D\u{1B}[1;3C") == [.wordLeft, .wordRight])
        #expect(decode("\u{1B}[1;5D\u{1B}[1;5C") == [.wordLeft, .wordRight])
        #expect(decode("\u{1B}[1;2D") == [.left])  // Shift-Left: plain move
        #expect(decode([0x1B, 0x7F]) == [.metaBackspace])
    }

    @Test func unknownSequencesAreSwallowedWhole() {
        #expect(decode("\u{1B}[5~x") == [.unknown, .character("x")])
        #expect(decode("\u{1B}[15;2~") == [.unknown])
        #expect(decode("\u{1B}OPx") == [.unknown, .character("x")])
    }

    @Test func sequencesSplitAcrossReadsWaitForTheRest() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.hasPending)
        #expect(decoder.feed(Array("[".utf8)) == [])
        #expect(decoder.feed(Array("1;3".utf8)) == [])
        #expect(decoder.feed(Array("Dz".utf8)) == [.wordLeft, .character("z")])
        #expect(!decoder.hasPending)
    }

    @Test func loneEscapeIsReportedOnFlush() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.hasPending)
        // ESC ESC: the first one stands alone.
        #expect(decode([0x1B, 0x1B, UInt8(ascii: "["), UInt8(ascii: "C")]) == [.escape, .right])
        // ESC before a control byte.
        #expect(decode([0x1B, 0x12]) == [.escape, .control("r")])
    }

    @Test func utf8CharactersIncludingSplitOnes() {
        #expect(decode("año ñ €") == [
            .character("a"), .character("ñ"), .character("o"), .character(" "),
            .character("ñ"), .character(" "), .character("€"),
        ])
        var decoder = KeyDecoder()
        let bytes = Array("é日🙂".utf8)
        var keys: [Key] = []
        for byte in bytes { keys += decoder.feed([byte]) }
        #expect(keys == [.character("é"), .character("日"), .character("🙂")])
    }

    @Test func invalidUTF8BecomesReplacementCharacter() {
        #expect(decode([0xFF, 0x61]) == [.character("\u{FFFD}"), .character("a")])
        #expect(decode([0x80]) == [.character("\u{FFFD}")])
        #expect(decode([0xC3, 0x28]) == [.character("\u{FFFD}"), .character("(")])
        #expect(decode([0xE0, 0x80, 0x80]) == [.character("\u{FFFD}")])  // overlong
        var decoder = KeyDecoder()
        #expect(decoder.feed([0xE6, 0x97]) == [])
        #expect(decoder.flush() == [.character("\u{FFFD}")])
    }

    @Test func overlongEscapeSequenceIsBounded() {
        let bytes: [UInt8] = [0x1B, UInt8(ascii: "[")] + Array(repeating: UInt8(ascii: "1"), count: 100)
        var decoder = KeyDecoder()
        let keys = decoder.feed(bytes)
        #expect(keys.first == .unknown)
        #expect(!keys.isEmpty)
    }
}
