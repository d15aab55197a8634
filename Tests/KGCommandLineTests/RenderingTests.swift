import Testing
@testable import KGCommandLine

@Suite struct RenderingTests {
    @Test func displayWidths() {
        #expect(DisplayWidth.of(Character("a")) == 1)
        #expect(DisplayWidth.of(Character("ñ")) == 1)
        #expect(DisplayWidth.of(Character("e\u{301}")) == 1)
        #expect(DisplayWidth.of(Character("日")) == 2)
        #expect(DisplayWidth.of(Character("🙂")) == 2)
        #expect(DisplayWidth.of(Character("\n")) == 2)
        #expect(DisplayWidth.of("Perú 日本") == 9)
        #expect(DisplayWidth.of("\u{1B}[1;32mkg>\u{1B}[0m ") == 4)
        #expect(DisplayWidth.visible("\n") == "^J")
    }

    @Test func shortLineDrawsWholeAndPlacesCursor() {
        var renderer = LineRenderer()
        let output = renderer.render(prompt: "kg> ", characters: Array("año"), cursor: 1, columns: 80)
        #expect(output == "\rkg> año\u{1B}[0K\r\u{1B}[5C")
        let atStart = renderer.render(prompt: "", characters: [], cursor: 0, columns: 80)
        #expect(atStart == "\r\u{1B}[0K\r")
    }

    @Test func longLineScrollsHorizontally() {
        var renderer = LineRenderer()
        let text = Array("0123456789abcdefghij")  // 20 characters
        // 12 columns, prompt "> " (2): 9 text cells, the last column stays free.
        let end = renderer.render(prompt: "> ", characters: text, cursor: 20, columns: 12)
        #expect(end == "\r> bcdefghij\u{1B}[0K\r\u{1B}[11C")
        #expect(renderer.offset == 11)
        // Moving left inside the window does not scroll.
        _ = renderer.render(prompt: "> ", characters: text, cursor: 15, columns: 12)
        #expect(renderer.offset == 11)
        // Past its left edge it does.
        let home = renderer.render(prompt: "> ", characters: text, cursor: 0, columns: 12)
        #expect(home == "\r> 012345678\u{1B}[0K\r\u{1B}[2C")
        #expect(renderer.offset == 0)
    }

    @Test func wideCharactersNeverSplitAtTheEdge() {
        var renderer = LineRenderer()
        let text = Array("日本語のテキスト")  // 8 wide characters, 16 cells
        let output = renderer.render(prompt: "", characters: text, cursor: 8, columns: 8)
        // 7 cells for text: 3 wide characters fit, the cursor sits after them.
        #expect(output == "\rキスト\u{1B}[0K\r\u{1B}[6C")
    }

    @Test func longestCommonPrefixByCharacter() {
        #expect(Completion.longestCommonPrefix(["migración", "migrante"]) == "migra")
        #expect(Completion.longestCommonPrefix(["país", "paíz"]) == "paí")
        #expect(Completion.longestCommonPrefix(["a", "b"]) == "")
        #expect(Completion.longestCommonPrefix(["solo"]) == "solo")
        #expect(Completion.longestCommonPrefix([]) == "")
    }

    @Test func candidateColumnsFitTheWidth() {
        let candidates = ["uno", "dos", "tres", "cuatro", "cinco"]
        // Cells of 8 ("cuatro" + 2): 3 columns fit in 24 columns, filled top to bottom.
        #expect(Completion.layout(candidates, columns: 24) == [
            "uno     tres    cinco",
            "dos     cuatro",
        ])
        #expect(Completion.layout(candidates, columns: 5) == candidates)
        #expect(Completion.layout([], columns: 80) == [])
    }
}
