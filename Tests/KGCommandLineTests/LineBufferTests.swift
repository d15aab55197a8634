import Testing
@testable import KGCommandLine

@Suite struct LineBufferTests {
    @Test func insertsAtCursorAndMoves() {
        var buffer = LineBuffer("abc")
        #expect(buffer.cursor == 3)
        buffer.moveLeft()
        buffer.moveLeft()
        buffer.insert("X")
        #expect(buffer.text == "aXbc")
        #expect(buffer.cursor == 2)
        #expect(buffer.moveRight() == true)
        #expect(buffer.moveRight() == true)
        #expect(buffer.moveRight() == false)
        buffer.moveHome()
        #expect(buffer.moveLeft() == false)
        #expect(buffer.cursor == 0)
    }

    @Test func cursorMovesByCharacterOverAccentsAndCombiningMarks() {
        // "é" precomposed and "e" + U+0301 are each one Character.
        var buffer = LineBuffer("Me\u{301}xico y Perú")
        #expect(buffer.count == 13)
        buffer.moveHome()
        buffer.moveRight()
        buffer.moveRight()
        #expect(buffer.cursor == 2)
        buffer.deleteBackward()
        #expect(buffer.text == "Mxico y Perú")
        buffer.moveEnd()
        buffer.deleteBackward()
        #expect(buffer.text == "Mxico y Per")
    }

    @Test func combiningMarkTypedSeparatelyMergesWithPreviousCharacter() {
        var buffer = LineBuffer()
        buffer.insert("n")
        buffer.insert("\u{303}")
        #expect(buffer.count == 1)
        #expect(buffer.text == "n\u{303}")
        #expect(buffer.cursor == 1)
        buffer.insert(contentsOf: "a")
        #expect(buffer.count == 2)
    }

    @Test func deleteForwardAndBackwardAtEdges() {
        var buffer = LineBuffer("ab", cursor: 0)
        #expect(buffer.deleteBackward() == false)
        #expect(buffer.deleteForward() == true)
        #expect(buffer.text == "b")
        buffer.moveEnd()
        #expect(buffer.deleteForward() == false)
        #expect(buffer.deleteBackward() == true)
        #expect(buffer.isEmpty)
    }

    @Test func killToEndAndToStart() {
        var buffer = LineBuffer("hola mundo", cursor: 4)
        #expect(buffer.killToEnd() == " mundo")
        #expect(buffer.text == "hola")
        #expect(buffer.cursor == 4)
        buffer = LineBuffer("hola mundo", cursor: 5)
        #expect(buffer.killToStart() == "hola ")
        #expect(buffer.text == "mundo")
        #expect(buffer.cursor == 0)
    }

    @Test func deletePreviousWordStopsAtWhitespace() {
        var buffer = LineBuffer("edge(X, Y)  ")
        #expect(buffer.deletePreviousWord() == "Y)  ")
        #expect(buffer.text == "edge(X, ")
        #expect(buffer.deletePreviousWord() == "edge(X, ")
        #expect(buffer.text == "")
        #expect(buffer.deletePreviousWord() == "")
    }

    @Test func wordMovesUseAlphanumericWordsIncludingAccents() {
        var buffer = LineBuffer("país_origen(\"Perú\", año)")
        buffer.moveWordLeft()
        #expect(buffer.cursor == 20)  // before "año"
        buffer.moveWordLeft()
        #expect(buffer.cursor == 13)  // before "Perú"
        buffer.moveWordLeft()
        #expect(buffer.cursor == 0)
        buffer.moveWordRight()
        #expect(buffer.cursor == 11)  // after "país_origen"
        buffer.moveWordRight()
        #expect(buffer.cursor == 17)  // after "Perú"
        buffer.moveEnd()
        buffer.moveWordRight()
        #expect(buffer.cursor == buffer.count)
    }

    @Test func deleteWordsAroundCursor() {
        var buffer = LineBuffer("uno dos tres", cursor: 4)
        #expect(buffer.deleteNextWord() == "dos")
        #expect(buffer.text == "uno  tres")
        #expect(buffer.deleteWordBackward() == "uno ")
        #expect(buffer.text == " tres")
        #expect(buffer.cursor == 0)
    }

    @Test func transposeSwapsAndAdvances() {
        var buffer = LineBuffer("abc", cursor: 1)
        #expect(buffer.transpose() == true)
        #expect(buffer.text == "bac")
        #expect(buffer.cursor == 2)
        buffer.moveEnd()
        #expect(buffer.transpose() == true)
        #expect(buffer.text == "bca")
        #expect(buffer.cursor == 3)
        var short = LineBuffer("a")
        #expect(short.transpose() == false)
        var atStart = LineBuffer("ab", cursor: 0)
        #expect(atStart.transpose() == false)
    }

    @Test func replaceClampsAndPlacesCursorAfterReplacement() {
        var buffer = LineBuffer("?- migr", cursor: 7)
        buffer.replace(3..<7, with: "migración")
        #expect(buffer.text == "?- migración")
        #expect(buffer.cursor == 12)
        buffer.replace(-5..<100, with: "x")
        #expect(buffer.text == "x")
        #expect(buffer.cursor == 1)
    }

    @Test func initClampsCursor() {
        #expect(LineBuffer("ab", cursor: 9).cursor == 2)
        #expect(LineBuffer("ab", cursor: -1).cursor == 0)
    }
}
