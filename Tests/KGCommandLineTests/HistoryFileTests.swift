import Glibc
import Testing
@testable import KGCommandLine

/// A fresh directory under /tmp, removed when the test ends.
private final class TemporaryDirectory {
    let path: String

    init() {
        var template = Array("/tmp/kg-history-test-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }
        }
        path = created.map { String(cString: $0) } ?? "/tmp/kg-history-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        if created == nil { mkdir(path, 0o700) }
    }

    deinit {
        if let directory = opendir(path) {
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
                if name != "." && name != ".." { unlink(path + "/" + name) }
            }
            closedir(directory)
        }
        rmdir(path)
    }

    func file(_ name: String) -> String { path + "/" + name }
}

private func contents(_ path: String) -> String {
    (try? HistoryFile.readAll(path)).map { String(decoding: $0, as: UTF8.self) } ?? "<missing>"
}

private func writeFile(_ path: String, _ text: String) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    _ = Array(text.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
}

@Suite struct HistoryFileTests {
    @Test func escapeRoundTrips() {
        let samples = ["plain", "a\nb", "back\\slash", "\\n literal", "crlf\r\nend", "trailing\\", "ñandú\n"]
        for sample in samples {
            let escaped = HistoryFile.escape(sample)
            #expect(!escaped.unicodeScalars.contains("\n"))
            #expect(!escaped.unicodeScalars.contains("\r"))
            #expect(HistoryFile.unescape(escaped) == sample)
        }
        #expect(HistoryFile.escape("a\nb\\c") == "a\\nb\\\\c")
        #expect(HistoryFile.unescape("C:\\temp\\x") == "C:\\temp\\x")  // unknown escapes kept
    }

    @Test func missingFileLoadsEmpty() {
        let directory = TemporaryDirectory()
        var file = HistoryFile(path: directory.file("absent"))
        #expect(file.load() == [])
        #expect(file.linesOnDisk == 0)
    }

    @Test func appendThenLoadRoundTripsMultiLineAndUnicode() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("history")
        var file = HistoryFile(path: path)
        try file.append("?- país(X).")
        try file.append("regla(X) :-\n    hecho(X).")
        #expect(contents(path) == "?- país(X).\nregla(X) :-\\n    hecho(X).\n")
        var reloaded = HistoryFile(path: path)
        #expect(reloaded.load() == ["?- país(X).", "regla(X) :-\n    hecho(X)."])
        #expect(reloaded.linesOnDisk == 2)
    }

    @Test func loadKeepsNewestAndToleratesBadBytesAndCRLF() {
        let directory = TemporaryDirectory()
        let path = directory.file("history")
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let bytes: [UInt8] = Array("one\r\ntwo\n\n".utf8) + [0x62, 0xFF, 0x0A] + Array("four\n".utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        var all = HistoryFile(path: path, maximumCount: 10)
        #expect(all.load() == ["one", "two", "b\u{FFFD}", "four"])
        var newest = HistoryFile(path: path, maximumCount: 2)
        #expect(newest.load() == ["b\u{FFFD}", "four"])
    }

    @Test func compactsToNewestWhenPastTwiceTheMaximum() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("history")
        var file = HistoryFile(path: path, maximumCount: 3)
        for index in 1...6 { try file.append("q\(index)") }
        #expect(contents(path) == "q1\nq2\nq3\nq4\nq5\nq6\n")  // 6 = 2 × 3: not yet
        try file.append("q7")
        #expect(contents(path) == "q5\nq6\nq7\n")
        #expect(file.linesOnDisk == 3)
        try file.append("q8")
        #expect(contents(path) == "q5\nq6\nq7\nq8\n")
        // No temporary file is left behind.
        #expect(access(path + ".tmp-\(getpid())", F_OK) != 0)
    }

    @Test func compactionCountsLinesWrittenByOtherSessions() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("history")
        writeFile(path, "a\nb\nc\nd\n")
        var file = HistoryFile(path: path, maximumCount: 2)
        #expect(file.load() == ["c", "d"])
        #expect(file.linesOnDisk == 4)
        try file.append("e")
        #expect(contents(path) == "d\ne\n")
    }

    @Test func appendToUnwritableLocationThrows() {
        var file = HistoryFile(path: "/nonexistent-directory-kg/history")
        #expect(throws: FileSystemError.self) { try file.append("x") }
    }

    @Test func lineEditorLoadsAndPersistsHistory() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("history")
        writeFile(path, "old\\none\nolder two\n")
        let editor = LineEditor(historyPath: path, maxHistory: 5, input: -1, output: -1)
        #expect(editor.historyEntries == ["old\none", "older two"])
        editor.addHistory("new")
        editor.addHistory("new")
        editor.addHistory("")
        #expect(editor.historyEntries == ["old\none", "older two", "new"])
        #expect(contents(path) == "old\\none\nolder two\nnew\n")
    }
}
