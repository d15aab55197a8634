import Foundation
import Synchronization
import Testing
import KGTestSupport
import KGEngine
import KGFormats
import KGLanguage
import KGStore
import KnowledgeGraph

// A seeded mutational fuzzer, in-process: whatever a file holds, loading, analysing,
// evaluating and printing it gives diagnostics or answers, never a crash, a hang or an
// unexpected error. docs/RELIABILITY.md says how to run it longer and what to do with a find.
//
//   KG_FUZZ_ITERATIONS=N   inputs to run (default 2000)
//   KG_FUZZ_SEED=S         the seed (default: a fixed one, so CI runs are reproducible;
//                          KG_FUZZ_SEED=random picks one and prints it)
//   KG_FUZZ_START=I        the first iteration (KG_FUZZ_START=I KG_FUZZ_ITERATIONS=1 replays
//                          iteration I of a seed: each input depends only on the seed and I)
//   KG_FUZZ_HANG_SECONDS=T an input still running after T seconds is a hang (default 60)
//
// The corpus: every .dl of the golden fixtures (but those of known bugs), seeds/*.dl,
// queries/*.dl, and the RDF and escaping samples of scripts/fuzz-corpus/. Each input is loaded from text (`load(text:)`)
// and from a file (`load(paths:)`), under three sets of options (the one-shot fast path, the
// REPL's parser path with evaluation on load, and `kg check`'s fact locations and class
// checks), and every query is answered with small limits and printed in every format. The
// fast path and the REPL path must agree on the errors and on the answers.

@Suite(.serialized) struct FuzzTests {
    @Test func mutatedInputsGiveDiagnosticsOrAnswers() throws {
        let settings = FuzzSettings.current
        let corpus = FuzzCorpus.inputs
        try #require(corpus.count >= 50, "the fuzz corpus is too small: \(corpus.count) files under \(FuzzCorpus.root.path)")
        print("fuzz: seed \(settings.seed), iterations \(settings.start)..<\(settings.start + settings.iterations), corpus \(corpus.count) files")
        let mutator = FuzzMutator(corpus: corpus)
        var failures = 0
        for i in settings.start..<(settings.start + settings.iterations) {
            var rng = SplitMix64(seed: settings.seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
            let base = corpus[Int.random(in: 0..<corpus.count, using: &rng)]
            var bytes = base.bytes
            // Large files (the seed graph's) mostly contribute a window of whole lines, so that
            // the bounded run spends its time on many inputs rather than on a few long ones.
            if bytes.count > 12_000, Int.random(in: 0..<5, using: &rng) != 0 {
                bytes = FuzzMutator.window(bytes, size: 6_000, using: &rng)
            }
            var input = FuzzInput(name: base.name, bytes: mutator.mutate(bytes, using: &rng), fileExtension: base.fileExtension)
            if Int.random(in: 0..<20, using: &rng) == 0 {
                input.fileExtension = ["dl", "nt", "nq", "ttl"].randomElement(using: &rng)!
            }
            let problems = FuzzHarness.run(input, label: "seed \(settings.seed), iteration \(i)",
                                           hangSeconds: settings.hangSeconds, thorough: i % 4 == 0)
            if !problems.isEmpty {
                failures += 1
                Issue.record(Comment(rawValue: FuzzHarness.report(problems, input: input, seed: settings.seed, iteration: i)))
                if failures >= 5 { break }
            }
        }
    }

    /// The corpus itself, unmutated, goes through the same checks.
    @Test func corpusInputsGiveDiagnosticsOrAnswers() {
        for input in FuzzCorpus.inputs {
            let problems = FuzzHarness.run(input, label: input.name, hangSeconds: FuzzSettings.current.hangSeconds)
            if !problems.isEmpty {
                Issue.record(Comment(rawValue: FuzzHarness.report(problems, input: input, seed: nil, iteration: nil)))
            }
        }
    }

    /// Hand-made hostile inputs, the kinds the mutator would take long to reach.
    @Test(arguments: FuzzCorpus.hostile)
    func hostileInput(_ input: FuzzInput) {
        let started = Date()
        let problems = FuzzHarness.run(input, label: input.name, hangSeconds: FuzzSettings.current.hangSeconds)
        let seconds = Date().timeIntervalSince(started)
        if seconds > 2 { print("fuzz: the hostile input '\(input.name)' took \(String(format: "%.1f", seconds)) s") }
        if !problems.isEmpty {
            Issue.record(Comment(rawValue: FuzzHarness.report(problems, input: input, seed: nil, iteration: nil)))
        }
    }

    /// The mutator is deterministic: a seed and an iteration give the same input every time
    /// (so a failure printed by CI can be replayed).
    @Test func mutationsAreReproducible() {
        let mutator = FuzzMutator(corpus: FuzzCorpus.inputs)
        for i in 0..<50 {
            var a = SplitMix64(seed: 42 &+ UInt64(i)), b = SplitMix64(seed: 42 &+ UInt64(i))
            #expect(mutator.mutate(Array("p(a, \"b\").\n?- p(X, Y).".utf8), using: &a)
                    == mutator.mutate(Array("p(a, \"b\").\n?- p(X, Y).".utf8), using: &b))
        }
    }
}

// MARK: - Settings and corpus

struct FuzzSettings: Sendable {
    var iterations = 2000
    var seed: UInt64 = 0x6B67_F022
    var start = 0
    var hangSeconds = 60.0

    static let current: FuzzSettings = {
        var s = FuzzSettings()
        let environment = ProcessInfo.processInfo.environment
        if let n = environment["KG_FUZZ_ITERATIONS"].flatMap(Int.init), n >= 0 { s.iterations = n }
        if let text = environment["KG_FUZZ_SEED"] {
            if text == "random" { s.seed = UInt64.random(in: 0...UInt64(UInt32.max)) } else if let v = UInt64(text) { s.seed = v }
        }
        if let n = environment["KG_FUZZ_START"].flatMap(Int.init), n >= 0 { s.start = n }
        if let t = environment["KG_FUZZ_HANG_SECONDS"].flatMap(Double.init), t > 0 { s.hangSeconds = t }
        return s
    }()
}

/// One fuzz input: bytes, and the extension that says how to read them as a file.
struct FuzzInput: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var fileExtension: String

    var testDescription: String { name }
    var isDatalog: Bool { fileExtension == "dl" }
}

enum FuzzCorpus {
    /// The package folder (this file is Tests/KGEngineTests/FuzzTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let inputs: [FuzzInput] = {
        var out: [FuzzInput] = []
        let manager = FileManager.default
        func add(_ url: URL) {
            let ext = url.pathExtension.lowercased()
            guard ["dl", "nt", "nq", "ttl"].contains(ext), let data = manager.contents(atPath: url.path) else { return }
            let name = url.path.hasPrefix(root.path) ? String(url.path.dropFirst(root.path.count + 1)) : url.path
            out.append(FuzzInput(name: name, bytes: Array(data), fileExtension: ext))
        }
        let fixtures = root.appendingPathComponent("Tests/KGCommandLineTests/Fixtures")
        if let walker = manager.enumerator(at: fixtures, includingPropertiesForKeys: nil) {
            var found: [URL] = []
            for case let url as URL in walker where !url.path.contains("/fuzz-crashes/") {
                // Cases of known bugs (a known_bug file beside them) would crash or stall the
                // run on a bug already reported; they join the corpus once fixed.
                let folder = url.deletingLastPathComponent()
                if manager.fileExists(atPath: folder.appendingPathComponent("known_bug").path) { continue }
                found.append(url)
            }
            found.sorted { $0.path < $1.path }.forEach(add)
        }
        for folder in ["seeds", "queries", "scripts/fuzz-corpus"] {
            let directory = root.appendingPathComponent(folder)
            let names = ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
            for name in names { add(directory.appendingPathComponent(name)) }
        }
        return out
    }()

    static let hostile: [FuzzInput] = {
        func dl(_ name: String, _ text: String) -> FuzzInput { FuzzInput(name: name, bytes: Array(text.utf8), fileExtension: "dl") }
        func raw(_ name: String, _ bytes: [UInt8], _ ext: String = "dl") -> FuzzInput { FuzzInput(name: name, bytes: bytes, fileExtension: ext) }
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        return [
            dl("10000 parentheses in a query", "?- X = \(deep)."),
            dl("10000 parentheses in a head", "p(\(deep)).\n?- p(X)."),
            dl("10000 unclosed parentheses", "?- X = " + String(repeating: "(", count: 10_000) + "."),
            dl("10000 minus signs", "?- X = " + String(repeating: "-", count: 10_000) + "1."),
            dl("10000 nested atoms", "?- " + String(repeating: "p(", count: 10_000) + "a" + String(repeating: ")", count: 10_000) + "."),
            dl("10000 negations", "p(a).\n?- " + String(repeating: "not ", count: 10_000) + "p(a)."),
            dl("a long sum", "?- X = " + Array(repeating: "1", count: 5000).joined(separator: " + ") + "."),
            dl("a long body", "p(a).\n?- " + Array(repeating: "p(X)", count: 500).joined(separator: ", ") + "."),
            dl("a wide fact", "p(" + (0..<1000).map { "a\($0)" }.joined(separator: ", ") + ").\n?- p(" + (0..<1000).map { "X\($0)" }.joined(separator: ", ") + ")."),
            dl("a 100 KB string", "s(\"" + String(repeating: "x", count: 100_000) + "\").\n?- s(X), length(X, N)."),
            dl("a 100 KB identifier", "p(" + String(repeating: "a", count: 100_000) + ").\n?- p(X)."),
            dl("a 100 KB variable", "p(a).\n?- p(" + String(repeating: "X", count: 100_000) + ")."),
            dl("huge integers", "p(9223372036854775807). p(-9223372036854775808).\nq(X) :- p(X), Y = X + 1, Y > 0.\nr(Z) :- p(X), Z = X * X.\n?- q(X).\n?- r(X).\n?- p(X), Y = -X.\n?- p(X), Y = X / -1.\n?- p(X), Y = X % -1."),
            dl("integer literal overflow", "p(99999999999999999999999999999).\np(-9223372036854775809).\n?- p(X)."),
            // Decimals whose product leaves Decimal's exponent range crash Foundation (the
            // fixture decimal_underflow); these stay inside it.
            dl("decimals", "p(0.001). p(99999999999999999999999999999999999999.5).\n?- p(X), Y = X * X * X.\n?- p(X), Y = X / 0.0.\n?- p(X), Y = X % 0.7."),
            dl("dates", "p(2024-02-30). p(0000-00). p(9999-12-31). p(2024-13).\n?- p(X), year_of(X, Y)."),
            dl("division by zero", "p(1). p(0).\n?- p(X), Y = 1 / X.\n?- p(X), Y = 1 % X."),
            // A longer string makes "(a+)+$" run for seconds past --timeout (fixture regex_backtracking).
            dl("regular expressions", "s(\"aaaaaaaaaaaaab\").\n?- s(X), matches(X, \"(a+)+$\").\n?- s(X), matches(X, \"[\").\n?- s(X), matches(X, \"(\").\n?- s(X), matches(X, \"\")."),
            dl("runaway recursion", "n(0).\nn(X + 1) :- n(X).\n?- n(X)."),
            dl("runaway strings", "s(\"a\").\ns(Y) :- s(X), concat(X, X, Y).\n?- s(X), length(X, N), N > 1000000."),
            dl("quadratic closure", "e(X, Y) :- n(X), n(Y).\nn(X) :- n(Y), X = Y + 1, X < 400.\nn(0).\n?- e(X, Y)."),
            raw("NUL bytes", Array("p(a).\0\n?- p(\"\0\").\n?- p(X).".utf8)),
            raw("invalid UTF-8", [0x70, 0x28, 0xFF, 0x29, 0x2E, 0x0A, 0x70, 0x28, 0x22, 0xC3, 0x28, 0x22, 0x29, 0x2E, 0x0A] + Array("?- p(X).".utf8)),
            raw("overlong and surrogate UTF-8", Array("s(\"".utf8) + [0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80] + Array("\").\n?- s(X).".utf8)),
            raw("lone continuation bytes", Array(repeating: 0x80, count: 300) + Array("\n?- 1 = 1.".utf8)),
            dl("BOM and CRLF", "\u{FEFF}p(a).\r\np(b).\r\n?- p(X).\r\n"),
            dl("BOMs inside", "p(a).\n\u{FEFF}p(b).\n?- p(\u{FEFF}X).\n"),
            dl("CR only", "p(a).\rp(b).\r?- p(X).\r"),
            dl("control characters in data", "s(\"\\u001b[2J\\u0007\\u0000\\u007f\\u0085\\u2028\").\n?- s(X).\n?- s(X), str(X, Y), length(Y, N)."),
            dl("escapes", "s(\"\\uD800\").\ns(\"\\U00110000\").\ns(\"\\u12\").\ns(\"\\q\").\ns(\"\\\").\n?- s(X)."),
            dl("unterminated comment", "p(a).\n/* never closed\n?- p(X)."),
            dl("unterminated string", "p(\"never closed).\n?- p(X)."),
            dl("includes", "@include \"\".\n@include \"/\".\n@include \"/nonexistent/x.dl\".\n@include \"\0\".\n?- 1 = 1."),
            dl("prefixes", "@prefix ex: <http://example.org/>.\n@prefix ex: <>.\nex:p(ex:a).\n<http://example.org/p>(<http://example.org/b>).\n?- ex:p(X)."),
            dl("aggregates", "p(a, 1). p(b, 2). p(b, 9223372036854775807).\ns(sum<N>) :- p(_, N).\nc(count<X, N>) :- p(X, N).\nm(min<X>, max<N>) :- p(X, N).\n?- s(X).\n?- c(X).\n?- m(X, Y)."),
            dl("arity zero", "done.\ndone().\n?- done.\n?- done()."),
            dl("10000 nested groups", "p(a).\n?- " + String(repeating: "(", count: 10_000) + "p(X)" + String(repeating: ")", count: 10_000) + "."),
            dl("10000 alternatives", "p(a).\n?- " + Array(repeating: "p(X)", count: 10_000).joined(separator: " ; ") + "."),
            dl("100 disjunctions multiplied", "p(a). q(a).\n?- " + Array(repeating: "(p(X) ; q(X))", count: 100).joined(separator: ", ") + "."),
            dl("disjunctions around and in an aggregate", "p(a). q(a).\n?- " + Array(repeating: "(p(X) ; q(X))", count: 8).joined(separator: ", ")
                + ", N = count : { " + Array(repeating: "(p(Y) ; q(Y))", count: 8).joined(separator: ", ") + " }."),
            dl("3000 nested aggregates", "p(a).\n?- N = " + String(repeating: "count : { p(X), M = ", count: 3000) + "count : { p(X) }" + String(repeating: " }", count: 3000) + "."),
            dl("a chain of 5000 powers", "?- X = " + Array(repeating: "2", count: 5000).joined(separator: " ^ ") + "."),
            dl("a range without end", "?- range(1, 9223372036854775807, X), X < 0.\nn(X) :- range(-9223372036854775808, 9223372036854775807, X).\n?- n(0)."),
            dl("1000 atoms nested in cited", "?- cited(" + String(repeating: "p(", count: 1000) + "a" + String(repeating: ")", count: 1000) + ", G)."),
            dl("body aggregates misused", "p(a, 1). p(b, x).\n?- N = count : { p(X, _) }, X = a.\n?- S = sum V : { p(_, V) }.\n?- M = mean V : { p(_, V) }.\nq(N) :- N = count : { q(M) }, M = N.\n?- count : { p(X, Y) } = count : { p(Y, X) }."),
            dl("powers", "?- X = 2 ^ 63.\n?- X = (-2) ^ 63.\n?- X = 2 ^ -1.\n?- X = 0.5 ^ 1000.\n?- X = 10.0 ^ 200.\n?- X = 2 ^ 0.5.\n?- X = 1 ^ 9223372036854775807."),
            dl("string built-ins at their edges", "?- substr(\"\", 0, 0, S).\n?- substr(\"é\", 1, 9223372036854775807, S).\n?- to_number(\"-9223372036854775808\", N).\n?- to_number(\"" + String(repeating: "9", count: 200) + ".5\", N).\n?- lang(\"x\"@" + String(repeating: "a", count: 1000) + ", T)."),
            dl("only comments", "% a comment\n// another\n/* and a block */\n"),
            dl("empty", ""),
            dl("just a dot", "."),
            dl("stray closers", ") ) ] } > . ?- ."),
            raw("all bytes", Array(0...255)),
            raw("turtle with deep lists", Array(("@prefix ex: <http://example.org/> .\nex:a ex:b " + String(repeating: "( ", count: 10_000) + String(repeating: ") ", count: 10_000) + ".\n").utf8), "ttl"),
            raw("turtle with deep blank nodes", Array(("@prefix ex: <http://example.org/> .\nex:a ex:b " + String(repeating: "[ ex:c ", count: 10_000) + String(repeating: "] ", count: 10_000) + ".\n").utf8), "ttl"),
            raw("turtle with a 1 MB literal", Array(("<http://x/a> <http://x/b> \"" + String(repeating: "y", count: 1_000_000) + "\" .\n").utf8), "ttl"),
            raw("N-Triples with NUL and bad UTF-8", Array("<http://x/a> <http://x/b> \"".utf8) + [0, 0xFF, 0xC3] + Array("\" .\n<http://x/\0> <http://x/b> <http://x/c> .\n".utf8), "nt"),
            raw("N-Quads with odd graph names", Array("<http://x/a> <http://x/b> <http://x/c> \"g\" .\n<http://x/a> <http://x/b> <http://x/c> _:g .\n<http://x/a> <http://x/b> <http://x/c> <http://x/g> <http://x/h> .\n".utf8), "nq"),
        ]
    }()
}

// MARK: - The harness

enum FuzzHarness {
    /// A scratch folder for this process's input files.
    static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kg-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Runs one input on a thread of its own with a main-thread-sized stack (kg's own
    /// parser runs on the main thread), watched for hangs. Returns the problems found.
    static func run(_ input: FuzzInput, label: String, hangSeconds: Double, thorough: Bool = true) -> [String] {
        let outcome = Mutex<[String]?>(nil)
        let done = DispatchSemaphore(value: 0)
        FuzzCrashReporter.arm(input: input, label: label)
        let thread = Thread {
            let uninstall = FuzzCrashReporter.installOnThisThread()
            let problems = check(input, thorough: thorough)
            uninstall()
            outcome.withLock { $0 = problems }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        if done.wait(timeout: .now() + hangSeconds) == .timedOut {
            // The thread cannot be stopped: say what hung, then end the test process, since a
            // hang would otherwise hold CI until its own time limit.
            let message = "\nfuzz: HANG: \(label) ran for more than \(Int(hangSeconds)) s\n" + describe(input) + "\n"
            FileHandle.standardError.write(Data(message.utf8))
            exit(70)
        }
        return outcome.withLock { $0 } ?? ["the harness returned nothing"]
    }

    /// The three ways kg loads a program: `kg run` (fast fact path, evaluated in place), the
    /// REPL (every statement parsed, evaluated on load) and `kg check` (fact locations kept).
    enum Mode: CaseIterable { case run, repl, check }

    static func options(_ mode: Mode) -> Session.Options {
        var o = Session.Options()
        o.limits.maxFacts = 10_000
        o.limits.timeout = 0.5
        switch mode {
        case .run: o.evaluateInPlace = true
        case .repl: o.recordClauses = true; o.evaluateOnLoad = true
        case .check: o.recordFactLocations = true; o.evaluateInPlace = true
        }
        return o
    }

    /// What one load and its answers came to, for comparing modes.
    struct Outcome: Equatable {
        var errors: [String]
        var answers: [String]?
    }

    /// Loads `input` as `kg run` and as the REPL would (and compares them); `thorough` adds
    /// `kg check`'s way and, for a program, loading it from text.
    static func check(_ input: FuzzInput, thorough: Bool) -> [String] {
        var problems: [String] = []
        let file = scratch.appendingPathComponent("input.\(input.fileExtension)")
        do {
            try Data(input.bytes).write(to: file)
        } catch {
            return ["cannot write the input file: \(error)"]
        }
        var outcomes: [Mode: Outcome] = [:]
        for mode in Mode.allCases where thorough || mode != .check {
            let session = Session(options: options(mode))
            let result = session.load(paths: [file.path])
            outcomes[mode] = examine(result, session: session, mode: mode, how: "load(paths:) \(mode)", into: &problems)
            if thorough && mode == .repl && !result.hasErrors { checkExplain(result, session: session, into: &problems) }
        }
        if thorough, input.isDatalog {
            let text = String(decoding: input.bytes, as: UTF8.self)
            let session = Session(options: options(.run))
            let result = session.load(text: text, name: "input.dl")
            _ = examine(result, session: session, mode: .run, how: "load(text:)", into: &problems)
        }
        // The fast fact path changes speed, never meaning: the parser path must agree on the
        // errors of the load and on the answers (when both evaluate within the limits).
        if let fast = outcomes[.run], let parsed = outcomes[.repl] {
            if fast.errors != parsed.errors.filter({ !$0.hasSuffix("; the input was not kept") }) {
                problems.append("kg run and the REPL disagree on the errors:\n  run:  \(fast.errors)\n  repl: \(parsed.errors)")
            } else if let a = fast.answers, let b = parsed.answers, a != b {
                problems.append("kg run and the REPL disagree on the answers:\n  run:  \(a)\n  repl: \(b)")
            }
        }
        return problems
    }

    /// Checks one load: diagnostics render and carry a position; queries answer or stop with
    /// an EvaluationError; answers print safely in every format.
    static func examine(_ result: LoadResult, session: Session, mode: Mode, how: String, into problems: inout [String]) -> Outcome {
        var outcome = Outcome(errors: [], answers: nil)
        for (i, d) in result.diagnostics.enumerated() {
            if d.isError {
                outcome.errors.append(d.range.map { "\($0.start): \(d.message)" } ?? d.message)
                if d.range == nil { problems.append("\(how): an error without a position: \(d.message)") }
            }
            // Rendering echoes the line: the first diagnostics suffice to check it is safe
            // (all of them would take time quadratic in a long line full of errors).
            guard i < 100 else { continue }
            let text = d.description
            if text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F }) {
                problems.append("\(how): a diagnostic prints a raw control character: \(String(reflecting: text))")
            }
        }
        guard !result.hasErrors else { return outcome }
        if mode == .check {
            do {
                _ = try ClassChecker.check(session)
            } catch is EvaluationError {
            } catch {
                problems.append("\(how): ClassChecker threw \(type(of: error)): \(error)")
            }
            return outcome
        }
        var answers: [String] = []
        for query in result.queries {
            do {
                let answer = try session.answer(query)
                if answer.rows.contains(where: { $0.contains { if case .decimal(let d) = $0 { return d.isNaN } else { return false } } }) {
                    problems.append("\(how): '\(query.text)' answers NaN (a decimal out of range taken for a number)")
                }
                answers.append(answer.columns.joined(separator: ",") + ":" + answer.rows.map { $0.map { TermText().text($0) }.joined(separator: "|") }.joined(separator: ";"))
                checkFormats(answer, how: how, into: &problems)
            } catch let error as EvaluationError {
                if case .cancelled = error.kind { problems.append("\(how): cancelled though nothing cancelled it") }
                _ = error.description
                return outcome
            } catch {
                problems.append("\(how): answering '\(query.text)' threw \(type(of: error)), not an EvaluationError: \(error)")
                return outcome
            }
        }
        outcome.answers = answers
        return outcome
    }

    /// `kg explain`'s way (every step counted, body aggregates' inner steps too) renders, and
    /// its answers are those of a plain run, when both evaluate within the limits.
    static func checkExplain(_ result: LoadResult, session: Session, into problems: inout [String]) {
        let explanation: Explanation
        do {
            explanation = try session.explain(result.queries, onlyWhatTheyNeed: false, timed: false)
        } catch is EvaluationError {
            return
        } catch {
            problems.append("explain threw \(type(of: error)), not an EvaluationError: \(error)")
            return
        }
        _ = ExplainRenderer.render(strata: explanation.strata, queries: explanation.queries, timed: false)
        for (query, counted) in zip(result.queries, explanation.answers) {
            guard let plain = try? session.answer(query) else { return }
            if plain.columns != counted.columns || plain.rows != counted.rows {
                problems.append("explain answers '\(query.text)' differently: \(counted.rows.count) rows, not \(plain.rows.count)")
            }
        }
    }

    /// Every format prints text that reads back: a table with no raw control characters, CSV
    /// and TSV with one record per row and the cells as printed, JSON that parses.
    static func checkFormats(_ answer: QueryAnswer, how: String, into problems: inout [String]) {
        let terms = TermText()
        let table = AnswerFormatter(format: .table).render(answer)
        if let bad = table.unicodeScalars.first(where: { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) {
            problems.append("\(how): a table prints raw U+\(String(bad.value, radix: 16)): \(String(reflecting: table))")
        }
        guard !answer.isBoolean else { return }
        let expected = [answer.columns] + answer.rows.map { $0.map { terms.text($0) } }
        let csv = AnswerFormatter(format: .csv).render(answer)
        if let records = CSV.parse(csv) {
            if records != expected { problems.append("\(how): CSV does not read back as the answer: \(String(reflecting: csv))") }
        } else {
            problems.append("\(how): CSV is malformed: \(String(reflecting: csv))")
        }
        let tsv = AnswerFormatter(format: .tsv).render(answer)
        let lines = tsv.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        if lines.count != expected.count || lines.contains(where: { $0.split(separator: "\t", omittingEmptySubsequences: false).count != answer.columns.count }) {
            problems.append("\(how): TSV does not have one line per row and one field per column: \(String(reflecting: tsv))")
        }
        let json = AnswerFormatter(format: .json).render(answer)
        do {
            let value = try JSONSerialization.jsonObject(with: Data(json.utf8))
            guard let array = value as? [[String: Any]], let rows = array.first?["rows"] as? [[Any]], rows.count == answer.rows.count else {
                problems.append("\(how): JSON has not the answer's shape: \(json)")
                return
            }
        } catch {
            problems.append("\(how): JSON does not parse (\(error)): \(String(reflecting: json))")
        }
    }

    // MARK: Reporting

    static func report(_ problems: [String], input: FuzzInput, seed: UInt64?, iteration: Int?) -> String {
        var out = "fuzz: \(problems.count) problem\(problems.count == 1 ? "" : "s") with an input derived from \(input.name) (.\(input.fileExtension))"
        if let seed, let iteration {
            out += "\n  replay: KG_FUZZ_SEED=\(seed) KG_FUZZ_START=\(iteration) KG_FUZZ_ITERATIONS=1 swift test --filter FuzzTests"
        }
        for p in problems.prefix(10) { out += "\n- " + String(p.prefix(2000)) }
        let saved = scratch.deletingLastPathComponent().appendingPathComponent("kg-fuzz-failure-\(seed.map(String.init) ?? "corpus")-\(iteration.map(String.init) ?? input.name.replacingOccurrences(of: "/", with: "_")).\(input.fileExtension)")
        if (try? Data(input.bytes).write(to: saved)) != nil { out += "\n  input saved as \(saved.path)" }
        return out + "\n" + describe(input)
    }

    /// The input as an escaped literal, cut at 4000 bytes.
    static func describe(_ input: FuzzInput) -> String {
        "  input (\(input.bytes.count) bytes, .\(input.fileExtension)): \"" + escape(input.bytes.prefix(4000)) + (input.bytes.count > 4000 ? "\"…" : "\"")
    }

    static func escape<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out = ""
        for b in bytes {
            switch b {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(b))
            default: out += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
            }
        }
        return out
    }
}

/// RFC 4180 reading, to check what the CSV writer prints.
enum CSV {
    static func parse(_ text: String) -> [[String]]? {
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var chars = Array(text.unicodeScalars)[...]
        var quoted = false
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { chars.removeFirst(); field.append("\"") } else { quoted = false }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty else { return nil }
                quoted = true
            case ",":
                record.append(String(field))
                field = String.UnicodeScalarView()
            case "\n":
                record.append(String(field))
                records.append(record)
                record = []
                field = String.UnicodeScalarView()
            default:
                field.append(c)
            }
        }
        if quoted || !field.isEmpty || !record.isEmpty { return nil }
        return records
    }
}

// MARK: - Crash reporting

/// A crash kills the test process before any test can report: so before each input, its
/// description is kept in a C buffer, and a signal handler (on an alternate stack, so that a
/// stack overflow can run it) writes it to standard error, then lets the crash go on as it
/// would have.
enum FuzzCrashReporter {
    nonisolated(unsafe) private static var current: UnsafeMutableBufferPointer<CChar>?
    nonisolated(unsafe) private static var previous: [Int32: sigaction] = [:]
    private static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]
    private static let installed = Mutex(false)

    static func arm(input: FuzzInput, label: String) {
        install()
        let text = "\nfuzz: CRASH while running \(label) (derived from \(input.name))\n" + FuzzHarness.describe(input) + "\n"
        let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: text.utf8.count)
        _ = buffer.initialize(from: text.utf8.map { CChar(bitPattern: $0) })
        // Runs on the test's thread, between inputs: no input thread reads the old buffer now.
        let old = current
        current = buffer
        old?.deallocate()
    }


    private static func install() {
        installed.withLock { done in
            guard !done else { return }
            done = true
            for s in signals {
                var action = sigaction()
                action.__sigaction_handler.sa_handler = { signal in
                    if let m = FuzzCrashReporter.current, let base = m.baseAddress {
                        _ = write(2, base, m.count)
                    }
                    // Put back what was there (the Swift runtime's backtracer, or the default)
                    // and return: the faulting instruction runs again and crashes as before.
                    if var old = FuzzCrashReporter.previous[signal] {
                        sigaction(signal, &old, nil)
                    } else {
                        Glibc.signal(signal, SIG_DFL)
                    }
                    if signal == SIGABRT { raise(signal) }
                }
                sigemptyset(&action.sa_mask)
                action.sa_flags = SA_ONSTACK | SA_NODEFER
                var old = sigaction()
                sigaction(s, &action, &old)
                previous[s] = old
            }
        }
    }

    /// An alternate signal stack for the calling thread, unless it has one (AddressSanitizer
    /// gives every thread its own, and unmaps it when the thread ends). Returns what undoes it,
    /// to call before the thread ends.
    static func installOnThisThread() -> () -> Void {
        var current = stack_t()
        sigaltstack(nil, &current)
        if current.ss_flags & Int32(SS_DISABLE) == 0 { return {} }
        let size = 256 << 10
        let memory = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        var stack = stack_t()
        stack.ss_sp = memory
        stack.ss_size = size
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
        return {
            var off = stack_t()
            off.ss_flags = Int32(SS_DISABLE)
            sigaltstack(&off, nil)
            memory.deallocate()
        }
    }
}

// MARK: - The mutator

/// Byte- and token-level mutations of corpus inputs.
struct FuzzMutator: Sendable {
    let corpus: [FuzzInput]
    static let maxSize = 256 << 10

    static let specials: [[UInt8]] = {
        let texts = [
            "\"", "(", ")", "%", "\n", "\r\n", "\r", "\\", ".", ",", ":-", "?-", "@", "@include ", "@include \"",
            "@prefix ", "@source ", "@pred ", "not ", "!", "<", ">", "/*", "*/", "//", "\\u", "\\U0010FFFF", "\\uD800",
            "99999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "0.000000000000000000000000001", "2024-02-30", "2024-13", "0000-00", "9999-12-31", "_", "count<", "sum<",
            "min<", "max<", "\u{1B}[31m", "\u{1B}", "\u{07}", "\u{7F}", "\u{85}", "\u{2028}", "\u{FEFF}", "😀", "X", "_Y",
            "p(X)", "\t", "^^", "@en", " a ", ";", "[", "]", "_:b", "<http://x/>", "<>", "ex:", "xsd:", "'", "\"\"\"",
            "/", "*", "+", "-", "=", "!=", "<=", ">=", "% 2", "/ 0", "% 0", "triple(", "quad(", "matches(",
            "\"(a+)+$\"", "\"[\"", "like(", "concat(", "length(", "str(", "year_of(", "fold(", "lower(", "N + 1", "X * 2",
            // Disjunction, body aggregates, cited/2 and the Soufflé built-ins.
            " ; ", ";", "(", ") ; (", "not (", "!(", "{", "}", " : { ", "N = count : { ", "S = sum V : { ", "M = min V : { ",
            "M = max V : { ", "A = mean V : { ", "count : ", "} >= 2", "count:", "mean<", "cited(", "not cited(", "cited(p(X), G)",
            "substr(", "to_number(", "range(", "range(1, 9223372036854775807, X)", "lang(", "^", " ^ -1", " ^ 63", "max(", "min(",
            "\\u0020", "\\u003C", "\\U0000007C",
            // Answer options.
            " :order -", " :order ", " :limit ", " :offset ", " :select ", " :limit -1", " :limit 0", ":", " :sort ",
        ]
        return texts.map { Array($0.utf8) } + [[0], [0xFF], [0xFE], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x80]]
    }()

    func mutate(_ input: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var data = input
        let rounds = [1, 1, 1, 2, 2, 3, 4, 8].randomElement(using: &rng)!
        for _ in 0..<rounds {
            data = apply(Int.random(in: 0..<18, using: &rng), to: data, using: &rng)
            if data.count > Self.maxSize { data.removeLast(data.count - Self.maxSize) }
        }
        return data
    }

    private func other(_ rng: inout SplitMix64) -> [UInt8] { corpus.isEmpty ? [] : corpus.randomElement(using: &rng)!.bytes }

    private func apply(_ op: Int, to d: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var d = d
        func index(_ n: Int) -> Int { n <= 0 ? 0 : Int.random(in: 0..<n, using: &rng) }
        switch op {
        case 0:  // flip a bit
            guard !d.isEmpty else { return d }
            let i = index(d.count)
            d[i] ^= UInt8(1 << index(8))
        case 1:  // set a byte
            guard !d.isEmpty else { return [UInt8.random(in: 0...255, using: &rng)] }
            d[index(d.count)] = UInt8.random(in: 0...255, using: &rng)
        case 2, 3:  // insert a special
            var s = Self.specials.randomElement(using: &rng)!
            if index(10) == 0 { s = Array([[UInt8]](repeating: s, count: [2, 10, 100, 1000].randomElement(using: &rng)!).joined()) }
            d.insert(contentsOf: s, at: index(d.count + 1))
        case 4:  // replace a few bytes by a special
            guard !d.isEmpty else { return d }
            let i = index(d.count), j = min(d.count, i + 1 + index(7))
            d.replaceSubrange(i..<j, with: Self.specials.randomElement(using: &rng)!)
        case 5:  // delete a range
            guard !d.isEmpty else { return d }
            let i = index(d.count), j = min(d.count, i + [1, 1, 2, 4, 16, 256, 4096].randomElement(using: &rng)!)
            d.removeSubrange(i..<j)
        case 6:  // duplicate a range
            guard !d.isEmpty else { return d }
            let i = index(d.count), j = min(d.count, i + [1, 2, 8, 64, 512].randomElement(using: &rng)!)
            let copies = [1, 1, 2, 16].randomElement(using: &rng)!
            let chunk = Array([ArraySlice<UInt8>](repeating: d[i..<j], count: copies).joined())
            d.insert(contentsOf: chunk, at: index(d.count + 1))
        case 7:  // splice with another input
            let o = other(&rng)
            d = Array(d[..<index(d.count + 1)]) + Array(o[index(o.count + 1)...])
        case 8:  // insert a chunk of another input
            let o = other(&rng)
            guard !o.isEmpty else { return d }
            let a = index(o.count), b = min(o.count, a + 1 + index(200))
            d.insert(contentsOf: o[a..<b], at: index(d.count + 1))
        case 9:  // truncate
            d.removeSubrange(index(d.count + 1)...)
        case 10:  // swap two tokens
            var t = Self.tokens(d)
            guard t.count >= 2 else { return d }
            t.swapAt(index(t.count), index(t.count))
            d = Array(t.joined())
        case 11, 12:  // a token of another input in place of one of this
            var t = Self.tokens(d)
            let o = Self.tokens(other(&rng))
            guard !t.isEmpty, !o.isEmpty else { return d }
            t[index(t.count)] = o.randomElement(using: &rng)!
            d = Array(t.joined())
        case 13:  // delete a token
            var t = Self.tokens(d)
            guard !t.isEmpty else { return d }
            t.remove(at: index(t.count))
            d = Array(t.joined())
        case 14:  // repeat a token
            var t = Self.tokens(d)
            guard !t.isEmpty else { return d }
            let i = index(t.count)
            t[i] = Array([[UInt8]](repeating: t[i], count: [2, 3, 50, 500].randomElement(using: &rng)!).joined())
            d = Array(t.joined())
        case 15:  // wrap a token in deep brackets
            var t = Self.tokens(d)
            guard !t.isEmpty else { return d }
            let i = index(t.count)
            let n = [1, 2, 10, 300, 3000].randomElement(using: &rng)!
            let (open, close): (String, String) = [("(", ")"), ("-(", ")"), ("[", "]"), ("(", "")].randomElement(using: &rng)!
            t[i] = Array(String(repeating: open, count: n).utf8) + t[i] + Array(String(repeating: close, count: n).utf8)
            d = Array(t.joined())
        case 16:  // duplicate a statement
            var parts = Self.split(d, on: Array(".\n".utf8))
            guard parts.count >= 2 else { return d }
            parts.insert(parts[index(parts.count)], at: index(parts.count + 1))
            d = Array(parts.joined(separator: Array(".\n".utf8)))
        default:  // change the line endings
            let ending: [UInt8] = [[13, 10], [13], [10, 10], [0, 10]].randomElement(using: &rng)!
            d = Array(Self.split(d, on: [10]).joined(separator: ending))
        }
        return d
    }

    /// About `size` bytes of whole lines from a random place of `d`.
    static func window(_ d: [UInt8], size: Int, using rng: inout SplitMix64) -> [UInt8] {
        guard d.count > size else { return d }
        var start = Int.random(in: 0..<(d.count - size), using: &rng)
        while start > 0, d[start - 1] != 10 { start -= 1 }
        var end = min(d.count, start + size)
        while end < d.count, d[end - 1] != 10 { end += 1 }
        return Array(d[start..<end])
    }

    static func split(_ d: [UInt8], on separator: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var start = 0, i = 0
        while i + separator.count <= d.count {
            if d[i..<(i + separator.count)].elementsEqual(separator) {
                parts.append(Array(d[start..<i]))
                i += separator.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(Array(d[start...]))
        return parts
    }

    /// Rough tokens: strings, IRIs, names (with a prefix), numbers, two-character operators,
    /// runs of white space, and single bytes. Joined, they give back the input.
    static func tokens(_ d: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var i = 0
        func isName(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95 }
        func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
        while i < d.count {
            let start = i
            let c = d[i]
            if c == 34 {
                i += 1
                while i < d.count, d[i] != 34, d[i] != 10 { i += d[i] == 92 ? 2 : 1 }
                i = min(d.count, i + 1)
            } else if c == 60, let close = d[(i + 1)...].prefix(200).firstIndex(where: { $0 == 62 || isSpace($0) || $0 == 60 }), d[close] == 62 {
                i = close + 1
            } else if isName(c) {
                while i < d.count, isName(d[i]) { i += 1 }
                if i + 1 < d.count, d[i] == 58, isName(d[i + 1]) {
                    i += 1
                    while i < d.count, isName(d[i]) { i += 1 }
                }
            } else if isSpace(c) {
                while i < d.count, isSpace(d[i]) { i += 1 }
            } else if i + 1 < d.count, [[58, 45], [63, 45], [33, 61], [60, 61], [62, 61]].contains([c, d[i + 1]]) {
                i += 2
            } else {
                i += 1
            }
            out.append(Array(d[start..<i]))
        }
        return out
    }
}
