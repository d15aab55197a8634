import Foundation
import Glibc
import Testing
@testable import KGCommandLine

/// Non-terminal input: what `kg < script.dl` and `echo ... | kg` go through.
@Suite struct PlainLineReaderTests {
    /// A pipe already holding `bytes`, write end closed.
    private func pipe(holding bytes: [UInt8]) -> Int32? {
        var ends: [Int32] = [-1, -1]
        guard Glibc.pipe(&ends) == 0 else { return nil }
        _ = bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
        close(ends[1])
        return ends[0]
    }

    @Test func linesFromAPipeIncludingCRLFAndUnterminatedLast() throws {
        let descriptor = try #require(pipe(holding: Array("uno\r\ndos\n\ntres".utf8)))
        defer { close(descriptor) }
        let editor = LineEditor(historyPath: nil, input: descriptor, output: -1)
        #expect(!editor.isInteractive)
        #expect(editor.readLine(prompt: "kg> ") == .line("uno"))
        #expect(editor.readLine(prompt: "kg> ") == .line("dos"))
        #expect(editor.readLine(prompt: "kg> ") == .line(""))
        #expect(editor.readLine(prompt: "kg> ") == .line("tres"))
        #expect(editor.readLine(prompt: "kg> ") == .endOfFile)
        #expect(editor.readLine(prompt: "kg> ") == .endOfFile)
    }

    @Test func nothingIsWrittenToTheOutput() throws {
        let input = try #require(pipe(holding: Array("hola\n".utf8)))
        defer { close(input) }
        var ends: [Int32] = [-1, -1]
        #expect(Glibc.pipe(&ends) == 0)
        defer { close(ends[0]) }
        let editor = LineEditor(historyPath: nil, input: input, output: ends[1])
        #expect(editor.readLine(prompt: "kg> ") == .line("hola"))
        close(ends[1])
        var byte: UInt8 = 0
        #expect(read(ends[0], &byte, 1) == 0)  // no prompt, no echo, no escape codes
    }

    @Test func invalidUTF8IsReplacedNotFatal() throws {
        let bytes: [UInt8] = [0x70, 0x61, 0xED, 0x73, 0x0A, 0xFF, 0xFE, 0x0A, 0xC3, 0xB1, 0x0A]
        let descriptor = try #require(pipe(holding: bytes))
        defer { close(descriptor) }
        let editor = LineEditor(historyPath: nil, input: descriptor, output: -1)
        #expect(editor.readLine(prompt: "") == .line("pa\u{FFFD}s"))
        #expect(editor.readLine(prompt: "") == .line("\u{FFFD}\u{FFFD}"))
        #expect(editor.readLine(prompt: "") == .line("ñ"))
        #expect(editor.readLine(prompt: "") == .endOfFile)
    }

    @Test func longInputSpanningManyReads() throws {
        let lines = (0..<2000).map { "línea \($0) " + String(repeating: "x", count: $0 % 50) }
        let text = lines.joined(separator: "\n") + "\n"
        let path = "/tmp/kg-plain-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        let editor = LineEditor(historyPath: nil, input: descriptor, output: -1)
        var read: [String] = []
        while case .line(let line) = editor.readLine(prompt: "") { read.append(line) }
        #expect(read == lines)
    }

    @Test func dumbTerminalIsNotInteractive() throws {
        let terminal = try #require(PseudoTerminal())
        let editor = LineEditor(historyPath: nil, maxHistory: 10, input: terminal.slave, output: terminal.slave, term: "dumb")
        #expect(!editor.isInteractive)
        #expect(Terminal.isSupported(term: nil))
        #expect(Terminal.isSupported(term: "xterm-256color"))
        #expect(!Terminal.isSupported(term: "dumb"))
    }
}
