import Foundation
import Testing

/// The built `kg` on hostile files: deep nesting, huge literals and files, invalid UTF-8, NUL,
/// CRLF, BOM, files that are not files, runaway evaluations, and data that carries control
/// characters into each output format. Each case either works or is an error with its
/// position, and never a crash (killed by a signal) or a hang (KGProcess's time limit).
/// docs/RELIABILITY.md lists what is covered where.
@Suite struct LimitsTests {
    /// A fresh folder holding `files`; removed when the test ends.
    final class Folder {
        let url: URL
        init(_ files: [String: [UInt8]] = [:]) throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("kg-limits-\(getpid())-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for (name, bytes) in files { try write(name, bytes) }
        }
        func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: url.appendingPathComponent(name)) }
        func write(_ name: String, _ text: String) throws { try write(name, Array(text.utf8)) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// `kg run --no-seeds --format tsv FILE` on `bytes`, in a fresh folder.
    static func run(_ bytes: [UInt8], _ extra: [String] = [], timeout: Double = 120) throws -> KGProcess.Outcome {
        let folder = try Folder(["t.dl": bytes])
        return try KGProcess.run(["run", "--no-seeds", "--format", "tsv"] + extra + ["t.dl"], in: folder.url, timeout: timeout)
    }

    static func run(_ text: String, _ extra: [String] = [], timeout: Double = 120) throws -> KGProcess.Outcome {
        try run(Array(text.utf8), extra, timeout: timeout)
    }

    /// No crash: a process killed by a signal reports the signal's number as its status (a
    /// shell would show 128 + it), so anything but 0 or 1 is wrong here.
    static func expectNoCrash(_ o: KGProcess.Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(o.status == 0 || o.status == 1, "kg ended with status \(o.status)\n\(o.stderr.suffix(2000))", sourceLocation: sourceLocation)
    }

    /// Every error line has the `file:line:col: error:` form.
    static func expectPositionedErrors(_ o: KGProcess.Outcome, line: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(o.status == 1, "expected an error; status \(o.status)", sourceLocation: sourceLocation)
        #expect(o.stderr.hasPrefix("t.dl:\(line):"), "the first error should be on line \(line): \(o.stderr.prefix(300))", sourceLocation: sourceLocation)
        for l in o.stderr.split(separator: "\n") where l.contains("error:") {
            #expect(l.hasPrefix("t.dl:"), "an error without a position: \(l.prefix(200))", sourceLocation: sourceLocation)
        }
    }

    static func controls(in text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }
    }

    // MARK: - Nesting and size

    @Test func tenThousandNestedParenthesesAreAPositionedError() throws {
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        let o = try Self.run("p(a).\n?- X = \(deep).\n")
        Self.expectPositionedErrors(o, line: 2)
        #expect(o.stderr.contains("nested too deeply"))
        // The same depth around an atom, and unclosed.
        let atom = try Self.run("p(a).\n?- " + String(repeating: "(", count: 10_000) + "p(X)" + String(repeating: ")", count: 10_000) + ".\n")
        Self.expectPositionedErrors(atom, line: 2)
        let open = try Self.run("?- X = " + String(repeating: "(", count: 10_000) + "\n")
        Self.expectPositionedErrors(open, line: 1)
    }

    @Test func tenThousandSignsAndNestedAtomsAreErrors() throws {
        let signs = try Self.run("?- X = " + String(repeating: "-", count: 10_000) + "1.\n")
        Self.expectPositionedErrors(signs, line: 1)
        let atoms = try Self.run("?- " + String(repeating: "p(", count: 10_000) + "a" + String(repeating: ")", count: 10_000) + ".\n")
        Self.expectPositionedErrors(atoms, line: 1)
    }

    @Test func aOneMegabyteStringLiteralWorks() throws {
        let o = try Self.run("s(\"" + String(repeating: "x", count: 1_000_000) + "\").\n?- s(_S), length(_S, N).\n")
        #expect(o.status == 0, "\(o.stderr.prefix(500))")
        #expect(o.stdout == "N\n1000000\n")
    }

    @Test func aOneMegabyteIdentifierWorks() throws {
        let name = "a" + String(repeating: "b", count: 1_000_000)
        let o = try Self.run("p(\(name)).\n?- p(_X), str(_X, _S), length(_S, N).\n")
        #expect(o.status == 0, "\(o.stderr.prefix(500))")
        #expect(o.stdout == "N\n1000001\n")
    }

    @Test func aTenMegabyteLineOfFactsWorks() throws {
        var line = ""
        line.reserveCapacity(11_000_000)
        var n = 0
        while line.utf8.count < 10_000_000 {
            line += "edge(node_number_\(n), node_number_\(n + 1)). "
            n += 1
        }
        let o = try Self.run(line + "\nc(count<X>) :- edge(X, _).\n?- c(N).\n")
        #expect(o.status == 0, "\(o.stderr.prefix(500))")
        #expect(o.stdout == "N\n\(n)\n")
    }

    @Test func aMillionLineFactFileLoadsInReasonableTime() throws {
        var text = ""
        text.reserveCapacity(22_000_000)
        for i in 0..<1_000_000 { text += "e(n\(i), n\(i + 1)).\n" }
        let folder = try Folder()
        try folder.write("facts.dl", text)
        try folder.write("q.dl", "c(count<X>) :- e(X, _).\n?- c(N).\n?- e(n999999, Y).\n")
        let started = Date()
        let o = try KGProcess.run(["run", "--no-seeds", "--format", "tsv", "facts.dl", "q.dl"], in: folder.url, timeout: 300)
        let seconds = Date().timeIntervalSince(started)
        #expect(o.status == 0, "\(o.stderr.prefix(500))")
        #expect(o.stdout == "N\n1000000\n\nY\nn1000000\n")
        // A debug build on a busy machine takes ~10 s; a release build ~1 s.
        #expect(seconds < 120, "a million facts took \(Int(seconds)) s")
        // An error at the end of the file is reported with its line.
        try folder.write("facts.dl", text + "e(n1, .\n")
        let bad = try KGProcess.run(["run", "--no-seeds", "facts.dl"], in: folder.url, timeout: 300)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("facts.dl:1000001:7: error:"), "\(bad.stderr.prefix(300))")
    }

    /// N-Triples are read a few MiB at a time: 200,000 lines (10 MB) span several pieces, and an
    /// error in a later piece names its line in the whole file and shows that line.
    @Test func aLargeNTriplesFileIsReadInPiecesWithFileLineNumbers() throws {
        var text = ""
        text.reserveCapacity(11_000_000)
        for i in 0..<200_000 { text += "<http://x.org/n\(i)> <http://x.org/edge> <http://x.org/n\(i + 1)> .\r\n" }
        let folder = try Folder()
        try folder.write("d.nt", text)
        try folder.write("q.dl", "c(count<X>) :- <http://x.org/edge>(X, _).\n?- c(N).\n")
        let o = try KGProcess.run(["run", "--no-seeds", "--format", "tsv", "--data", "d.nt", "q.dl"], in: folder.url, timeout: 300)
        #expect(o.status == 0, "\(o.stderr.prefix(500))")
        #expect(o.stdout == "N\n200000\n")
        try folder.write("d.nt", text + "<http://x.org/a> <http://x.org/edge> \"open .\n")
        let bad = try KGProcess.run(["run", "--no-seeds", "--data", "d.nt", "q.dl"], in: folder.url, timeout: 300)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("d.nt:200001:"), "\(bad.stderr.prefix(300))")
        #expect(bad.stderr.contains("<http://x.org/a> <http://x.org/edge> \"open ."), "\(bad.stderr.prefix(300))")
    }

    // MARK: - Encoding

    @Test func invalidUTF8OutsideStringsIsAPositionedError() throws {
        let o = try Self.run(Array("p(a).\n".utf8) + [0xFF] + Array(" p(b).\n?- p(X).\n".utf8))
        Self.expectPositionedErrors(o, line: 2)
        #expect(o.stderr.hasPrefix("t.dl:2:1: error: unexpected character (invalid UTF-8 byte 0xFF)"))
        let lone = try Self.run(Array("p(a).\np(".utf8) + [0x80, 0x80] + Array(").\n".utf8))
        Self.expectPositionedErrors(lone, line: 2)
    }

    @Test func invalidUTF8InsideStringsIsAPositionedError() throws {
        for bad: [UInt8] in [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            let o = try Self.run(Array("p(a).\np(\"x".utf8) + bad + Array("y\").\n?- p(X).\n".utf8))
            Self.expectPositionedErrors(o, line: 2)
            #expect(o.stderr.contains("invalid UTF-8 inside a string"), "\(bad): \(o.stderr.prefix(300))")
        }
    }

    @Test func nulBytesArePositionedErrors() throws {
        let outside = try Self.run(Array("p(a).\np(".utf8) + [0] + Array("b).\n".utf8))
        Self.expectPositionedErrors(outside, line: 2)
        #expect(outside.stderr.hasPrefix("t.dl:2:3: error: unexpected character (control byte 0x0)"))
        let inside = try Self.run(Array("p(a).\np(\"x".utf8) + [0] + Array("y\").\n".utf8))
        Self.expectPositionedErrors(inside, line: 2)
        #expect(inside.stderr.hasPrefix("t.dl:2:5: error: NUL byte inside a string"))
        // The echoed line shows the NUL; it does not print it.
        #expect(!inside.stderr.contains("\0"))
        let comment = try Self.run(Array("p(a). % a comment with a NUL ".utf8) + [0] + Array("\n?- p(X).\n".utf8))
        #expect(comment.status == 0 && comment.stdout == "X\na\n", "a NUL in a comment is harmless: \(comment.stderr)")
    }

    @Test func crlfLineEndingsWork() throws {
        let o = try Self.run("p(a).\r\np(\"b\r\").\r\n?- p(X).\r\n")
        // A CR before the closing quote is part of the string; elsewhere CRLF is a line end.
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout == "X\nb\\r\na\n")
        let bad = try Self.run("p(a).\r\nq(X) :- .\r\n")
        Self.expectPositionedErrors(bad, line: 2)
        #expect(bad.stderr.hasPrefix("t.dl:2:9: error:"))
        #expect(!bad.stderr.contains("\r"), "the echoed line keeps no CR")
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let o = try Self.run("\u{FEFF}p(a).\n?- p(X).\n")
        #expect(o.status == 0 && o.stdout == "X\na\n", "\(o.stderr)")
        let bad = try Self.run("\u{FEFF}?- p(X.\n")
        // Columns count from after the mark.
        #expect(bad.stderr.hasPrefix("t.dl:1:7: error:"), "\(bad.stderr)")
        // A mark anywhere else is an unexpected character, with its position.
        let inside = try Self.run("p(a).\n\u{FEFF}p(b).\n")
        Self.expectPositionedErrors(inside, line: 2)
    }

    // MARK: - Files that are not programs

    @Test func aFolderGivenAsAFileIsAnError() throws {
        let folder = try Folder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("sub.dl"), withIntermediateDirectories: true)
        let o = try KGProcess.run(["run", "--no-seeds", "sub.dl"], in: folder.url)
        #expect(o.status == 1)
        #expect(o.stderr.contains("cannot read 'sub.dl': it is a directory"), "\(o.stderr)")
        let data = try KGProcess.run(["query", "--no-seeds", "--data", "sub.dl", "1 = 1"], in: folder.url)
        #expect(data.status == 1)
        #expect(data.stderr.contains("it is a directory"), "\(data.stderr)")
        try folder.write("inc.dl", "@include \"sub.dl\".\n")
        let include = try KGProcess.run(["run", "--no-seeds", "inc.dl"], in: folder.url)
        #expect(include.status == 1)
        #expect(include.stderr.hasPrefix("inc.dl:1:1: error: cannot read"), "\(include.stderr)")
    }

    @Test func anUnreadableFileIsAnError() throws {
        let folder = try Folder(["secret.dl": Array("p(a).\n".utf8)])
        var path = folder.path("secret.dl")
        chmod(path, 0)
        if FileManager.default.isReadableFile(atPath: path) {
            // Running as root: permissions do not stop reading. A write-only /proc file does.
            path = "/proc/sys/vm/compact_memory"
            guard FileManager.default.fileExists(atPath: path), !FileManager.default.isReadableFile(atPath: path) else { return }
        }
        let o = try KGProcess.run(["run", "--no-seeds", path], in: folder.url)
        #expect(o.status == 1)
        #expect(o.stderr.contains("cannot read '\(path)': permission denied"), "\(o.stderr)")
    }

    @Test func aMissingFileIsAnError() throws {
        let folder = try Folder()
        let o = try KGProcess.run(["run", "--no-seeds", "nothing.dl"], in: folder.url)
        #expect(o.status == 1)
        #expect(o.stderr.contains("cannot read 'nothing.dl': no such file"), "\(o.stderr)")
    }

    @Test func anEmptyFileAndAFileOfCommentsRunQuietly() throws {
        for text in ["", "% only a comment", "% one\n// two\n/* three\n */\n", "\n\n\r\n\t  \n"] {
            let o = try Self.run(text)
            #expect(o.status == 0 && o.stdout.isEmpty && o.stderr.isEmpty, "\(String(reflecting: text)): \(o.stderr)")
            let folder = try Folder(["t.dl": Array(text.utf8)])
            let check = try KGProcess.run(["check", "--no-seeds", "t.dl"], in: folder.url)
            // Nothing but kg check's summary line.
            #expect(check.status == 0 && check.stderr == "kg check: checked 1 file (0 facts, 0 rules, 0 queries): no warnings\n",
                    "\(String(reflecting: text)): \(check.stderr)")
        }
    }

    @Test func binaryDataIsAnErrorNotACrash() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let o = try Self.run(bytes)
        Self.expectNoCrash(o)
        #expect(o.status == 1)
        #expect(Self.controls(in: o.stderr).isEmpty, "errors echo the binary lines with their control bytes shown")
    }

    /// A line full of bad characters once got one error per character, each echoing the whole
    /// line: output quadratic in the line (13 KB of brackets printed 233 MB in 17 s). Found by
    /// scripts/fuzz.sh; a run of the same bad character is now one error.
    @Test func aLineOfBadCharactersGivesBoundedOutput() throws {
        let o = try Self.run("p(" + String(repeating: "[", count: 4000) + "a).\n", timeout: 300)
        Self.expectNoCrash(o)
        #expect(o.status == 1)
        #expect(o.stderr.utf8.count < 20_000, "\(o.stderr.utf8.count) bytes of errors for a 4 KB line")
    }

    // MARK: - Runaway evaluation

    static let runaway = "% grows without bound\ncount_up(0).\ncount_up(N + 1) :- count_up(N).\n?- count_up(5).\n"

    @Test func maxFactsStopsARunawayNamingThePredicate() throws {
        let o = try Self.run(Self.runaway, ["--max-facts", "1000"])
        #expect(o.status == 1)
        #expect(o.stderr.hasPrefix("t.dl:3:1: error: evaluation stopped: more than 1000 derived facts; count_up/1 is still growing"), "\(o.stderr)")
    }

    @Test func timeoutStopsARunawayNamingThePredicate() throws {
        let started = Date()
        let o = try Self.run(Self.runaway, ["--timeout", "0.5"])
        #expect(o.status == 1)
        #expect(o.stderr.contains("0.5-second time limit while deriving count_up/1"), "\(o.stderr)")
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test func checkAndExportTakeTheLimitsToo() throws {
        let folder = try Folder(["t.dl": Array(Self.runaway.utf8)])
        // kg check evaluates only what class checks need (type/2, subclass_of/2): a runaway
        // rule elsewhere does not run at all (fixture check_runaway).
        let check = try KGProcess.run(["check", "--no-seeds", "--max-facts", "1000", "t.dl"], in: folder.url, timeout: 60)
        #expect(check.status == 0)
        #expect(check.stderr == "kg check: checked 1 file (1 fact, 1 rule, 1 query): no warnings\n", "\(check.stderr)")
        let typed = try Folder(["t.dl": Array(("type(X, thing) :- count_up(X).\n" + Self.runaway).utf8)])
        let checkTyped = try KGProcess.run(["check", "--no-seeds", "--max-facts", "1000", "t.dl"], in: typed.url, timeout: 60)
        #expect(checkTyped.status == 1)
        #expect(checkTyped.stderr.contains("count_up/1 is still growing"), "\(checkTyped.stderr)")
        let export = try KGProcess.run(["export", "--no-seeds", "--timeout", "0.5", "--format", "nt", "--derived", "--data", "t.dl"], in: folder.url, timeout: 60)
        Self.expectNoCrash(export)
        #expect(export.status == 1)
        #expect(export.stderr.contains("count_up/1"), "\(export.stderr)")
    }

    @Test func replStaysUsableAfterARunaway() throws {
        let o = try REPLPipe.run(["--no-seeds", "--format", "tsv", "--timeout", "0.5"],
                                 script: "n(0).\nn(X + 1) :- n(X).\n?- n(3).\nm(1).\n?- m(X).\n")
        #expect(o.status == 0)
        #expect(o.stderr.contains("while deriving n/1"), "\(o.stderr)")
        #expect(o.stdout.hasSuffix("X\n1\n"), "\(o.stdout)")
    }

    /// A product of decimals past Decimal's exponent range trapped inside Foundation (status
    /// 132, found by FuzzTests), or printed NaN.0; the fixtures decimal_underflow and
    /// decimal_overflow hold the inputs.
    @Test func decimalsOutOfRangeAreErrorsNotCrashes() throws {
        let tiny = "0." + String(repeating: "0", count: 64) + "1"
        let huge = "1" + String(repeating: "0", count: 100) + ".0"
        let product = try Self.run("?- X = \(tiny) * \(tiny).\n", timeout: 60)
        let overflow = try Self.run("?- X = \(huge) * \(huge).\n", timeout: 60)
        Self.expectNoCrash(product)
        #expect(product.status == 1 && product.stderr.hasPrefix("t.dl:1:8: error: decimal underflow"), "\(product.stderr.prefix(300))")
        #expect(overflow.status == 1 && overflow.stderr.hasPrefix("t.dl:1:8: error: decimal overflow"), "\(overflow.stderr.prefix(300))")
        #expect(!overflow.stdout.contains("NaN"), "an out-of-range decimal prints as \(overflow.stdout)")
    }

    // MARK: - Safe output

    static let controlData = """
        name(a, "esc \\u001b[31mred\\u001b[0m").
        name(b, "bell \\u0007, nul \\u0000, del \\u007f, csi \\u009b").
        name(c, "title \\u001b]0;pwned\\u0007 set").
        name(d, "quote \\" comma , newline \\n cr \\r tab \\t end").
        name(e, "plain").
        """

    @Test func tablesShowControlCharactersInsteadOfSendingThem() throws {
        let o = try Self.run(Self.controlData + "\n?- name(X, N).\n", ["--format", "table"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(Self.controls(in: o.stdout).isEmpty, "raw control characters in \(String(reflecting: o.stdout))")
        #expect(o.stdout.contains("esc \\u{1b}[31mred\\u{1b}[0m"), "\(o.stdout)")
        #expect(o.stdout.contains("bell \\u{7}, nul \\u{0}, del \\u{7f}, csi \\u{9b}"), "\(o.stdout)")
    }

    @Test func entitiesFromRDFShowControlCharactersEscapedToo() throws {
        let folder = try Folder(["d.nt": Array("<http://x/a> <http://x/p> \"esc \\u001B[2J \\u0007\" .\n".utf8),
                                 "q.dl": Array("?- <http://x/p>(S, O).\n".utf8)])
        let o = try KGProcess.run(["run", "--no-seeds", "--format", "table", "--data", "d.nt", "q.dl"], in: folder.url)
        #expect(o.status == 0, "\(o.stderr)")
        #expect(Self.controls(in: o.stdout).isEmpty, "\(String(reflecting: o.stdout))")
    }

    @Test func csvQuotesQuotesCommasAndLineBreaks() throws {
        let o = try Self.run(Self.controlData + "\n?- name(X, N), X = d.\n", ["--format", "csv"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout == "X,N\nd,\"quote \"\" comma , newline \n cr \r tab \t end\"\n", "\(String(reflecting: o.stdout))")
    }

    @Test func jsonEscapesControlCharactersAndParses() throws {
        let o = try Self.run(Self.controlData + "\n?- name(X, N).\n", ["--format", "json"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(Self.controls(in: o.stdout).isEmpty, "raw control characters in JSON: \(String(reflecting: o.stdout))")
        let value = try JSONSerialization.jsonObject(with: Data(o.stdout.utf8))
        let answers = try #require(value as? [[String: Any]])
        let rows = try #require(answers.first?["rows"] as? [[String]])
        #expect(rows.map { $0[1] } == [
            "esc \u{1B}[31mred\u{1B}[0m",
            "bell \u{7}, nul \u{0}, del \u{7F}, csi \u{9B}",
            "title \u{1B}]0;pwned\u{7} set",
            "quote \" comma , newline \n cr \r tab \t end",
            "plain",
        ])
    }

    @Test func tsvEscapesTabsAndLineBreaks() throws {
        let o = try Self.run(Self.controlData + "\n?- name(d, N).\n", ["--format", "tsv"])
        #expect(o.stdout == "N\nquote \" comma , newline \\n cr \\r tab \\t end\n", "\(String(reflecting: o.stdout))")
    }

    @Test func errorsShowControlCharactersOfTheSourceLine() throws {
        let o = try Self.run(Array("p(a).\n".utf8) + [0x1B] + Array("[2J p(b).\n".utf8))
        Self.expectPositionedErrors(o, line: 2)
        #expect(Self.controls(in: o.stderr).isEmpty, "\(String(reflecting: o.stderr))")
    }

    /// Text from data inside error messages, query titles and REPL listings: found while
    /// writing these tests, reported to the lead.
    @Test func messagesAndListingsShowControlCharactersOfTheData() throws {
        let message = try Self.run("p(\"\\u001b[2J\").\n?- p(X), Y = X + 1.\n")
        #expect(message.status == 1)
        let titled = try Self.run("p(a).\n?- p(\"\u{1B}[31m\").\n?- p(X).\n", ["--format", "table"])
        let repl = try REPLPipe.run(["--no-seeds", "--format", "table"], script: """
            @pred q(any) "a description \\u001b[2J".
            label(a, "x\\u001b]0;title\\u0007y").
            r(X) :- label(X, L), L != "\u{1B}[2J".
            :find x
            :rules
            :schema q
            :describe a
            ?- label(X, L).

            """)
        #expect(Self.controls(in: message.stderr).isEmpty, "error message: \(String(reflecting: message.stderr))")
        #expect(Self.controls(in: titled.stdout).isEmpty, "query title: \(String(reflecting: titled.stdout))")
        let blocks = repl.stdout.components(separatedBy: "\n")
        #expect(Self.controls(in: blocks.filter { $0.hasPrefix("a  — ") }.joined()).isEmpty, "\(String(reflecting: repl.stdout))")
        #expect(Self.controls(in: blocks.filter { $0.hasPrefix("r(X) :- ") }.joined()).isEmpty, "\(String(reflecting: repl.stdout))")
        #expect(Self.controls(in: blocks.filter { $0.contains("a description") }.joined()).isEmpty, "\(String(reflecting: repl.stdout))")
        let others = blocks.filter { !$0.hasPrefix("a  — ") && !$0.hasPrefix("r(X) :- ") && !$0.contains("a description") }
        #expect(Self.controls(in: others.joined(separator: "\n")).isEmpty, ":describe and answers: \(String(reflecting: repl.stdout))")
    }

    @Test func siteEscapesTextForHTML() throws {
        let folder = try Folder(["d.dl": Array("""
            label(a, "<script>alert(1)</script> & \\"q\\" 's' \\u001b[2J").
            label(b, "</a><img src=x onerror=alert(2)>").
            knows(a, b).
            type(a, "<b>class</b>").

            """.utf8)])
        let o = try KGProcess.run(["site", "--no-seeds", "--data", "d.dl", "out"], in: folder.url)
        #expect(o.status == 0, "\(o.stderr)")
        let files = (FileManager.default.enumerator(atPath: folder.path("out"))?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".html") }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOfFile: folder.path("out/" + file), encoding: .utf8)
            #expect(!text.contains("<script>alert"), "\(file) carries the data's script tag")
            #expect(!text.contains("<img src=x"), "\(file) carries the data's img tag")
            #expect(!text.contains("<b>class"), "\(file) carries the data's markup")
            #expect(!text.contains("\u{1B}"), "\(file) carries a raw ESC")
        }
    }
}
