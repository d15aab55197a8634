import KGEngine
import KnowledgeGraph

/// `kg serve`: the HTTP server with the graph's API and pages.
public enum GraphServer {
    /// Loads a fresh session (seed graph and data files) with the given limits; throws when
    /// it cannot (the command line has already checked the same load succeeds).
    public typealias SessionFactory = @Sendable (EvaluationLimits) throws -> Session

    /// The security headers of every response: the Content-Security-Policy allows only the
    /// server's own scripts, styles, images and fetches (no inline script, nothing from
    /// elsewhere), no framing; no MIME sniffing; no referrer leaves the page.
    public static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy",
         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cache-Control", "no-cache"),
    ]

    /// Builds the pages from one session made here (with `--docs`, reading every cited
    /// passage once: a missing document throws `SourceLookupError` here), then binds the
    /// server (a port in use throws `ServerError` here); each of its workers loads its own
    /// replica with `makeSession` and evaluates it when `run()` starts them, and opens the
    /// documents folder for itself (`/api/why` reads the lines it cites).
    public static func make(configuration: ServerConfiguration, options: GraphServerOptions,
                            makeSession: @escaping SessionFactory) throws -> HTTPServer {
        var configuration = configuration
        configuration.defaultHeaders = securityHeaders + configuration.defaultHeaders
        let documents = try openDocuments(options)
        let renderer = try SiteRenderer(session: try makeSession(EvaluationLimits(maxFacts: options.maxFacts)), documents: documents, served: true)
        let pages: (any PageSource)? = SitePages(renderer: renderer)
        return try HTTPServer(configuration: configuration) { _ in
            let deadline = QueryDeadline()
            let session = try makeSession(deadline.limits(maxFacts: options.maxFacts))
            // The evaluation at start is bounded by maxFacts only; --timeout is per request.
            _ = try session.evaluate()
            return GraphResponder(session: session, deadline: deadline, options: options, pages: pages,
                                  documents: try openDocuments(options))
        }
    }

    /// The `--docs` folder, or nil without the option.
    static func openDocuments(_ options: GraphServerOptions) throws -> DocumentFolder? {
        guard let path = options.docsDirectory else { return nil }
        return try DocumentFolder(path: path)
    }
}
