import Foundation
import KGEngine
import KGLanguage
import KGServer
import KnowledgeGraph

/// `kg serve`: the graph, its query language and its pages over HTTP.
extension CommandRunner {
    func serve() -> ExitCode {
        let options = self.options
        var graph = GraphServerOptions()
        graph.timeout = options.timeout ?? 10
        graph.maxFacts = options.maxFacts ?? 1_000_000
        graph.docsDirectory = options.docsDirectory
        // A missing --docs folder is the same error as for the other commands.
        guard case .success = openDocuments() else { return .failure }

        // Load and evaluate once here, to report any error the way the other commands do;
        // each worker then loads its own replica the same way.
        let probeLimits = EvaluationLimits(maxFacts: graph.maxFacts)
        var warnings: [Diagnostic] = []
        let probe = Self.loadGraph(options, limits: probeLimits, warnings: &warnings)
        report(warnings)
        switch probe {
        case .failure(let problem):
            report(problem.diagnostics)
            if let message = problem.message { console.error("kg: error: \(message)\n") }
            return .failure
        case .success(let probe):
            do {
                _ = try probe.evaluate()
            } catch {
                return startFailed(error)
            }
        }

        var configuration = ServerConfiguration()
        configuration.host = options.serve.host
        configuration.port = options.serve.port
        configuration.maxConnections = options.serve.maxConnections
        configuration.workers = options.serve.workers ?? max(2, min(8, ProcessInfo.processInfo.activeProcessorCount))
        let server: HTTPServer
        do {
            server = try GraphServer.make(configuration: configuration, options: graph) { limits in
                switch CommandRunner.loadGraph(options, limits: limits) {
                case .success(let session): return session
                case .failure(let problem): throw problem
                }
            }
        } catch {
            return startFailed(error)
        }
        if !server.isLoopback {
            console.error("kg: warning: listening on \(server.address), not on this machine's loopback address: anyone who can reach this machine on port \(server.port) can query the graph\n")
        }
        ShutdownSignals.install(for: server)
        let console = self.console
        do {
            try server.run(onReady: {
                console.out("kg serve: \(server.url)  (\(configuration.workers) workers; Ctrl-C stops)\n")
            })
        } catch {
            console.error("kg: error: \(error)\n")
            return .failure
        }
        console.error("kg serve: stopped\n")
        return .success
    }

    /// Reports why the server could not start (an evaluation error as the other commands
    /// print it, else `kg: error: …`) and fails.
    private func startFailed(_ error: Error) -> ExitCode {
        if let error = error as? EvaluationError {
            console.error(error.description + "\n")
        } else {
            console.error("kg: error: \(error)\n")
        }
        return .failure
    }

    /// Why the graph could not be loaded: diagnostics, or a message.
    struct GraphLoadProblem: Error {
        var diagnostics: [Diagnostic] = []
        var message: String?
    }

    /// A session with the seed graph (unless --no-seeds) and the --data files, as
    /// `makeSession` builds it for the other commands, with `limits`, evaluating into a copy.
    static func loadGraph(_ options: CommandLineOptions, limits: EvaluationLimits) -> Result<Session, GraphLoadProblem> {
        var ignored: [Diagnostic] = []
        return loadGraph(options, limits: limits, warnings: &ignored)
    }

    /// The same, with the warnings of the --data files.
    static func loadGraph(_ options: CommandLineOptions, limits: EvaluationLimits, warnings: inout [Diagnostic]) -> Result<Session, GraphLoadProblem> {
        var sessionOptions = Session.Options()
        sessionOptions.limits = limits
        sessionOptions.baseIRI = options.baseIRI
        let session = Session(options: sessionOptions)
        if options.useSeeds {
            let seeds: LoadResult
            if let directory = options.seedsDirectory {
                do {
                    seeds = session.load(paths: try SeedGraph.files(inDirectory: directory))
                } catch {
                    return .failure(GraphLoadProblem(message: "cannot read the seeds folder '\(directory)': \(error.localizedDescription)"))
                }
            } else {
                seeds = session.loadEmbeddedSeeds()
            }
            let errors = seeds.diagnostics.filter(\.isError)
            if !errors.isEmpty { return .failure(GraphLoadProblem(diagnostics: errors)) }
        }
        if !options.dataFiles.isEmpty {
            let data = session.load(paths: options.dataFiles)
            if data.hasErrors { return .failure(GraphLoadProblem(diagnostics: data.diagnostics)) }
            warnings = data.diagnostics
            if !data.queries.isEmpty {
                warnings.append(.warning("the --data files hold \(data.queries.count) quer\(data.queries.count == 1 ? "y" : "ies"); kg serve does not answer them (ask them on the query page)", at: data.queries[0].range))
            }
        }
        return .success(session)
    }
}
