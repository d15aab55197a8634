import Testing
@testable import KGLanguage

@Suite struct SourceFileTests {
    @Test func lineAndColumnCountCharacters() {
        let file = SourceFile(name: "f.dl", text: "a(1).\nñandú(2).\r\nb(3).")
        #expect(file.lineAndColumn(of: 0) == (1, 1))
        let offset = Array("a(1).\nñandú(".utf8).count
        #expect(file.lineAndColumn(of: offset) == (2, 7))
        #expect(file.lineText(2) == "ñandú(2).")
        #expect(file.offset(line: 2, column: 7) == offset)
    }

    /// An excerpt holds one line but reads as the whole file does at that line.
    @Test func anExcerptKeepsTheLineNumberAndColumns() {
        let text = "% data\n\nñandú(2).\r\nb(3)."
        let file = SourceFile(name: "f.dl", text: text)
        let lineStart = Array("% data\n\n".utf8).count
        let excerpt = file.excerpt(line: 3, at: lineStart)
        #expect(excerpt.bytes == Array("ñandú(2).\r".utf8))
        #expect(excerpt.name == "f.dl")
        let local = Array("ñandú(".utf8).count
        #expect(excerpt.lineAndColumn(of: local) == (3, 7))
        #expect(file.lineAndColumn(of: lineStart + local) == (3, 7))
        #expect(excerpt.lineText(3) == "ñandú(2).")
        #expect(excerpt.lineText(1) == "")
        #expect(excerpt.offset(line: 3, column: 7) == local)
        #expect(SourceRange(file: excerpt, start: local, end: local + 1).location == "f.dl:3:7")
        // The last line, with no line break after it.
        let last = file.excerpt(line: 4, at: text.utf8.count - 5)
        #expect(last.lineText(4) == "b(3).")
    }
}
