import Foundation
import KGEngine
import KGFormats
import KGLanguage
import KGStore
import KnowledgeGraph

/// Runs a parsed command line and returns its exit status. The one place where errors
/// become text on standard error and exit codes.
public struct CommandRunner {
    public let options: CommandLineOptions
    public let console: Console

    public init(options: CommandLineOptions, console: Console) {
        self.options = options
        self.console = console
    }

    /// Parses and runs `arguments` (without the program name).
    public static func main(_ arguments: [String], console: Console = .standard()) -> ExitCode {
        do {
            let options = try CommandLineOptions.parse(arguments)
            return CommandRunner(options: options, console: console).run()
        } catch let error as UsageError {
            console.error("kg: error: \(error.message)\n")
            return .usage
        } catch {
            console.error("kg: error: \(error)\n")
            return .usage
        }
    }

    public func run() -> ExitCode {
        if options.showVersion {
            console.out("kg 0.1.0\n")
            return .success
        }
        // A --docs folder that is not there is an error for every command, before any work.
        if options.command != .help, case .failure = openDocuments() { return .failure }
        switch options.command {
        case .help:
            guard let text = HelpText.forCommand(options.helpTopic) else {
                console.error("kg: error: no help for '\(options.helpTopic ?? "")'; the commands are run, query, check, explain, export, site, source and coverage\n")
                return .usage
            }
            console.out(text.hasSuffix("\n") ? text : text + "\n")
            return .success
        case .run: return runFiles()
        case .query: return runQuery()
        case .check: return check()
        case .export: return export()
        case .site: return site()
        case .source: return source()
        case .coverage: return coverage()
        case .explain: return explain()
        case .repl: return REPL(options: options, console: console).run()
        }
    }

    // MARK: - Sessions

    /// A session with the seed graph (unless --no-seeds) loaded; nil after printing errors.
    func makeSession(inPlace: Bool, recordLocations: Bool = false) -> Session? {
        var sessionOptions = Session.Options()
        if let n = options.maxFacts { sessionOptions.limits.maxFacts = n }
        sessionOptions.limits.timeout = options.timeout
        sessionOptions.evaluateInPlace = inPlace
        sessionOptions.baseIRI = options.baseIRI
        let session = Session(options: sessionOptions)
        guard options.useSeeds else {
            session.options.recordFactLocations = recordLocations
            return session
        }
        let seeds: LoadResult
        if let directory = options.seedsDirectory {
            do {
                seeds = session.load(paths: try SeedGraph.files(inDirectory: directory))
            } catch {
                console.error("kg: error: cannot read the seeds folder '\(directory)': \(error.localizedDescription)\n")
                return nil
            }
        } else {
            seeds = session.loadEmbeddedSeeds()
        }
        // Seed warnings are the curators' business (kg check --no-seeds seeds/*.dl shows them).
        let errors = seeds.diagnostics.filter(\.isError)
        if !errors.isEmpty {
            report(errors)
            return nil
        }
        session.options.recordFactLocations = recordLocations
        return session
    }

    func report(_ diagnostics: [Diagnostic]) {
        for d in diagnostics { console.error(d.description + "\n") }
    }

    var answerFormat: AnswerFormat {
        options.format ?? (console.outputIsTerminal ? .table : .tsv)
    }

    func formatter(for session: Session) -> AnswerFormatter {
        AnswerFormatter(format: answerFormat, terms: TermText(prefixes: session.declaredPrefixes))
    }

    // MARK: - Commands

    private func runFiles() -> ExitCode {
        guard let session = makeSession(inPlace: true) else { return .failure }
        let result = session.load(paths: options.dataFiles + options.arguments)
        report(result.diagnostics)
        if result.hasErrors { return .failure }
        return answer(result.queries, in: session, titled: result.queries.count > 1)
    }

    private func runQuery() -> ExitCode {
        guard let session = makeSession(inPlace: true) else { return .failure }
        if !options.dataFiles.isEmpty {
            let data = session.load(paths: options.dataFiles)
            report(data.diagnostics)
            if data.hasErrors { return .failure }
        }
        let result = session.load(text: QueryArgument.program(options.arguments[0]), name: "<query>")
        report(result.diagnostics)
        if result.hasErrors { return .failure }
        if result.queries.isEmpty {
            console.error("kg: error: the text has facts or rules but no query to answer; write the query after them with '?-': kg query 'r(X) :- p(X). ?- r(X).'\n")
            return .usage
        }
        return answer(result.queries, in: session, titled: result.queries.count > 1)
    }

    /// Evaluates and prints the answers of `queries` in order.
    func answer(_ queries: [Query], in session: Session, titled: Bool) -> ExitCode {
        let formatter = formatter(for: session)
        var answers: [QueryAnswer] = []
        for (i, query) in queries.enumerated() {
            do {
                let answer = try session.answer(query)
                if formatter.format == .json {
                    answers.append(answer)
                } else {
                    console.out((i > 0 ? "\n" : "") + formatter.render([answer], titled: titled))
                }
            } catch let error as EvaluationError {
                if formatter.format == .json && !answers.isEmpty { console.out(formatter.render(answers)) }
                console.error(error.description + "\n")
                return .failure
            } catch {
                console.error("kg: error: \(error)\n")
                return .failure
            }
        }
        if formatter.format == .json { console.out(formatter.render(answers)) }
        return .success
    }

    private func check() -> ExitCode {
        guard case .success(let documents) = openDocuments() else { return .failure }
        guard let session = makeSession(inPlace: true, recordLocations: true) else { return .failure }
        let result = session.load(paths: options.dataFiles + options.arguments)
        var diagnostics = result.diagnostics
        if !result.hasErrors {
            do {
                diagnostics += try ClassChecker.check(session)
            } catch let error as EvaluationError {
                diagnostics.append(error.diagnostic)
            } catch {
                diagnostics.append(.error("\(error)", at: nil))
            }
            diagnostics += SourceChecker.check(session, documents: documents)
        }
        report(diagnostics)
        if diagnostics.contains(where: \.isError) { return .failure }
        console.error(CheckSummary.line(result, warnings: diagnostics.filter { $0.severity == .warning }.count) + "\n")
        return .success
    }

    private func export() -> ExitCode {
        guard let session = makeSession(inPlace: false) else { return .failure }
        if !options.dataFiles.isEmpty {
            let data = session.load(paths: options.dataFiles)
            report(data.diagnostics)
            if data.hasErrors { return .failure }
        }
        let text: String
        do {
            switch options.exportFormat {
            case "dot":
                text = try GraphPicture.dot(session, around: options.around.map { .entity($0) }, depth: options.depth, derived: options.derived)
            default:
                let format: RDFFormat = options.exportFormat == "nq" ? .nQuads : (options.exportFormat == "ttl" ? .turtle : .nTriples)
                var (statements, skipped) = try GraphExport.statements(session, derived: options.derived)
                if format != .nQuads {
                    // Without graph names, a triple cited under several sources is one triple.
                    var seen = Set<RDFStatement>()
                    statements = statements.compactMap { s in
                        var t = s
                        t.graph = nil
                        return seen.insert(t).inserted ? t : nil
                    }
                }
                var out = ""
                RDFWriter(format: format, prefixes: session.declaredPrefixes).write(statements, to: &out)
                text = out
                if skipped.literalSubjects > 0 {
                    console.error("kg: note: \(skipped.literalSubjects) fact\(skipped.literalSubjects == 1 ? "" : "s") with a literal subject \(skipped.literalSubjects == 1 ? "has" : "have") no RDF form and \(skipped.literalSubjects == 1 ? "was" : "were") left out\n")
                }
                if skipped.otherArities > 0 {
                    console.error("kg: note: \(skipped.otherArities) fact\(skipped.otherArities == 1 ? "" : "s") of arity other than 2 \(skipped.otherArities == 1 ? "is" : "are") not \(skipped.otherArities == 1 ? "a triple" : "triples") and \(skipped.otherArities == 1 ? "was" : "were") left out\n")
                }
            }
        } catch let error as EvaluationError {
            console.error(error.description + "\n")
            return .failure
        } catch let error as UsageError {
            console.error("kg: error: \(error.message)\n")
            return .usage
        } catch {
            console.error("kg: error: \(error)\n")
            return .failure
        }
        guard let path = options.outputPath else {
            console.out(text)
            return .success
        }
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            console.error("kg: error: cannot write '\(path)': \(error.reason)\n")
            return .failure
        }
        return .success
    }

    /// `kg site DIR`: the graph (seeds and --data files, derived facts included) as a static
    /// HTML site.
    private func site() -> ExitCode {
        guard let session = makeSession(inPlace: false) else { return .failure }
        if !options.dataFiles.isEmpty {
            let data = session.load(paths: options.dataFiles)
            report(data.diagnostics)
            if data.hasErrors { return .failure }
        }
        let directory = options.arguments[0]
        guard case .success(let documents) = openDocuments() else { return .failure }
        do {
            let pages = try SiteGenerator.write(session, to: directory, documents: documents)
            console.out("wrote \(pages) pages to \(directory)\n")
            return .success
        } catch let error as EvaluationError {
            console.error(error.description + "\n")
            return .failure
        } catch let error as SourceLookupError {
            console.error("kg: error: \(TerminalSafe.text(error.description))\n")
            return .failure
        } catch {
            console.error("kg: error: cannot write the site to '\(directory)': \(error)\n")
            return .failure
        }
    }
}
