import Foundation
import KGEngine
import KnowledgeGraph
@testable import KGServer

/// A `kg serve` of the seed graph, in process, on a free loopback port.
enum GraphFixture {
    struct LoadFailure: Error {}

    /// One shared server for the API tests (stopped when the test process ends).
    static let shared: Result<HTTPServer, Error> = Result { try start() }

    static func port() throws -> Int { try shared.get().port }

    static func start(workers: Int = 3, adjust: (inout GraphServerOptions) -> Void = { _ in },
                      configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> HTTPServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.workers = workers
        configure(&configuration)
        var options = GraphServerOptions()
        adjust(&options)
        let server = try GraphServer.make(configuration: configuration, options: options) { limits in
            try seedSession(limits: limits)
        }
        try server.start()
        return server
    }

    static func seedSession(limits: EvaluationLimits = EvaluationLimits()) throws -> Session {
        var sessionOptions = Session.Options()
        sessionOptions.limits = limits
        let session = Session(options: sessionOptions)
        guard !session.loadEmbeddedSeeds().hasErrors else { throw LoadFailure() }
        return session
    }

    /// The folder of the package (for queries/*.dl).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static func encode(_ s: String) -> String { URLEncoding.encodeComponent(s) }
}
