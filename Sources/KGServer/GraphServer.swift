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

    /// Binds the server (a port in use throws here); each of its workers loads its own
    /// replica with `makeSession` and evaluates it when `run()` starts them.
    public static func make(configuration: ServerConfiguration, options: GraphServerOptions,
                            makeSession: @escaping SessionFactory) throws(ServerError) -> HTTPServer {
        var configuration = configuration
        configuration.defaultHeaders = securityHeaders + configuration.defaultHeaders
        let pages: (any PageSource)? = HomePage()
        return try HTTPServer(configuration: configuration) { _ in
            let deadline = QueryDeadline()
            let session = try makeSession(deadline.limits(maxFacts: options.maxFacts))
            // The evaluation at start is bounded by maxFacts only; --timeout is per request.
            _ = try session.evaluate()
            return GraphResponder(session: session, deadline: deadline, options: options, pages: pages)
        }
    }
}

/// A plain page at `/` naming the API (until the query page replaces it).
struct HomePage: PageSource {
    func respond(to request: HTTPRequest, graph: GraphResponder) -> HTTPResponse? {
        guard request.path == "/" else { return nil }
        guard request.method == "GET" || request.method == "HEAD" else {
            var r = ErrorBody.message(405, "\(request.method) is not allowed on /; use GET, HEAD")
            r.headers.append(("Allow", "GET, HEAD"))
            return r
        }
        return .html("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>kg</title></head><body><h1>kg</h1><p>The API: /api/query?q=…, /api/why?fact=…, /api/describe?id=…, /api/find?text=…, /api/complete?word=…</p></body></html>\n")
    }

    func notFound(_ request: HTTPRequest) -> HTTPResponse {
        .html("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found · kg</title></head><body><h1>Not found</h1></body></html>\n", status: 404)
    }
}
