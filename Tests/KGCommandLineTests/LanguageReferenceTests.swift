import Foundation
import Testing

/// Runs every example of docs/LANGUAGE.md and checks that it prints what the page says.
///
/// An example is a fenced ```` ```dl ```` block followed (after blank lines at most) by a fenced
/// ```` ```output ```` block. The program is written to `example.dl` in a fresh folder, which is
/// the working directory, and run as `kg run --no-seeds --format tsv example.dl`; the output
/// block must equal what the command prints, standard output and standard error together, in
/// the order a terminal shows them. The output fence may name another command line instead,
/// as in ```` ```output kg check --no-seeds example.dl ````; single quotes group words, and
/// `< FILE` feeds FILE to standard input. A block whose info string names a file, as in
/// ```` ```nt file=data.nt ```` or ```` ```dl file=rules.dl ````, is written to that file in the
/// folder of the next example (for `--data` and `@include`). Any other ```` ```dl ```` block that no
/// output block follows is an illustration and is not run.
@Suite struct LanguageReferenceTests {
    /// One example of the page.
    struct Example: CustomTestStringConvertible, Sendable {
        /// The line of the ```` ```dl ```` fence in docs/LANGUAGE.md.
        let line: Int
        let program: String
        /// Other files of the example (name, text), from `file=` blocks before it.
        let files: [File]
        let commandLine: [String]
        let expected: String

        var testDescription: String { "LANGUAGE.md line \(line)" }
    }

    struct File: Sendable {
        let name: String
        let text: String
    }

    static let documentURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/LANGUAGE.md")

    static let defaultCommand = ["kg", "run", "--no-seeds", "--format", "tsv", "example.dl"]

    /// A fenced block: its info string (language and the rest) and its text.
    struct Block {
        let language: String
        let rest: String
        let text: String
        let openLine: Int
        let closeLine: Int
    }

    static func blocks(of markdown: String) -> [Block] {
        let lines = markdown.components(separatedBy: "\n")
        var out: [Block] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            guard line.hasPrefix("```") else { i += 1; continue }
            let info = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
            let language = String(info.prefix { !$0.isWhitespace })
            let rest = info.dropFirst(language.count).trimmingCharacters(in: .whitespaces)
            var j = i + 1
            while j < lines.count, !lines[j].hasPrefix("```") { j += 1 }
            let body = lines[(i + 1)..<min(j, lines.count)]
            out.append(Block(language: language, rest: rest, text: body.map { $0 + "\n" }.joined(),
                             openLine: i + 1, closeLine: j + 1))
            i = j + 1
        }
        return out
    }

    /// Splits a command line on spaces, keeping 'single-quoted' words whole.
    static func words(_ text: String) -> [String] {
        var words: [String] = [], current = "", quoted = false, inWord = false
        for c in text {
            if c == "'" { quoted.toggle(); inWord = true; continue }
            if c.isWhitespace && !quoted {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(c)
            inWord = true
        }
        if inWord { words.append(current) }
        return words
    }

    /// The NAME of a block whose info string holds `file=NAME`.
    static func fileName(_ block: Block) -> String? {
        words(block.rest).first { $0.hasPrefix("file=") }.map { String($0.dropFirst(5)) }
    }

    static let markdown: String = (try? String(contentsOf: documentURL, encoding: .utf8)) ?? ""

    static let examples: [Example] = {
        let all = blocks(of: markdown)
        var out: [Example] = []
        var files: [File] = []
        let lines = markdown.components(separatedBy: "\n")
        for (k, block) in all.enumerated() {
            if let name = fileName(block) {
                files.append(File(name: name, text: block.text))
                continue
            }
            guard block.language == "dl", k + 1 < all.count, all[k + 1].language == "output" else { continue }
            let next = all[k + 1]
            // Only blank lines may separate the two blocks.
            let between = lines[block.closeLine..<(next.openLine - 1)]
            guard between.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else { continue }
            let command = next.rest.isEmpty ? defaultCommand : words(next.rest)
            out.append(Example(line: block.openLine, program: block.text, files: files, commandLine: command, expected: next.text))
            files = []
        }
        return out
    }()

    @Test func theReferenceHasExamples() {
        #expect(!Self.markdown.isEmpty, "cannot read \(Self.documentURL.path)")
        #expect(Self.examples.count >= 25, "found only \(Self.examples.count) dl/output examples in docs/LANGUAGE.md")
        // Every output block belongs to an example, and every command starts with kg.
        let all = Self.blocks(of: Self.markdown)
        for (k, block) in all.enumerated() where block.language == "output" {
            let paired = k > 0 && Self.examples.contains { $0.line == all[k - 1].openLine }
            #expect(paired, "the output block at LANGUAGE.md line \(block.openLine) does not follow a dl block")
        }
        for example in Self.examples {
            #expect(example.commandLine.first == "kg", "the command of the example at line \(example.line) must start with kg")
        }
    }

    @Test(arguments: examples)
    func exampleOutput(_ example: Example) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kg-doc-\(ProcessInfo.processInfo.processIdentifier)-\(example.line)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in example.files {
            let url = folder.appendingPathComponent(file.name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: url)
        }
        try Data(example.program.utf8).write(to: folder.appendingPathComponent("example.dl"))

        var arguments = Array(example.commandLine.dropFirst())
        var stdin: URL?
        if let redirect = arguments.firstIndex(of: "<"), redirect + 1 < arguments.count {
            stdin = folder.appendingPathComponent(arguments[redirect + 1])
            arguments.removeSubrange(redirect...(redirect + 1))
        }
        let outcome = try KGProcess.run(arguments, in: folder, stdinFile: stdin, mergeOutput: true)
        #expect(outcome.stdout == example.expected, """
            the example at docs/LANGUAGE.md line \(example.line) (\(example.commandLine.joined(separator: " "))) \
            printed something else
            \(GoldenFixtureTests.diff(example.expected, outcome.stdout))
            --- printed ---
            \(outcome.stdout)
            """)
    }
}
