import Foundation
import KGTestSupport
import Testing
@testable import KGServer

/// The transport over loopback with a test responder: keep-alive, pipelining, HEAD,
/// 100-continue, the limits, slow and idle clients, the connection cap, many clients at
/// once, and a graceful stop with a request in flight.
@Suite struct HTTPServerTests {
    /// `/echo` describes the request; `/sleep?ms=N` waits N ms first; `/big?n=N` is N bytes.
    final class TestResponder: HTTPResponder {
        let worker: Int
        init(worker: Int) { self.worker = worker }
        func respond(to request: HTTPRequest) -> HTTPResponse {
            switch request.path {
            case "/sleep":
                let ms = Int(request.parameter("ms") ?? "0") ?? 0
                Thread.sleep(forTimeInterval: Double(ms) / 1000)
                return .text("slept \(ms)\n", type: "text/plain; charset=utf-8")
            case "/big":
                let n = Int(request.parameter("n") ?? "0") ?? 0
                return HTTPResponse(status: 200, headers: [("Content-Type", "application/octet-stream")], body: [UInt8](repeating: 120, count: n))
            default:
                let q = request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
                return .text("\(request.method) \(request.path) \(q) \(request.body.count) \(String(decoding: request.body, as: UTF8.self))",
                             type: "text/plain; charset=utf-8")
            }
        }
    }

    static func server(_ adjust: (inout ServerConfiguration) -> Void = { _ in }) throws -> HTTPServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.workers = 4
        configuration.defaultHeaders = [("X-Test", "yes")]
        adjust(&configuration)
        let server = try HTTPServer(configuration: configuration) { TestResponder(worker: $0) }
        try server.start()
        return server
    }

    static func stopped(_ server: HTTPServer) {
        server.stop()
        server.waitUntilStopped()
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() throws {
        let server = try Self.server()
        defer { Self.stopped(server) }
        let client = try RawClient(port: server.port)
        for i in 0..<20 {
            try client.send("GET /echo?i=\(i) HTTP/1.1\r\nHost: x\r\n\r\n")
            let r = try client.finalResponse()
            #expect(r.status == 200)
            #expect(r.text == "GET /echo i=\(i) 0 ")
            #expect(r.header("Connection") == nil)
            #expect(r.header("X-Test") == "yes")
            #expect(r.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(r.header("Date")?.hasSuffix(" GMT") == true)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try Self.server()
        defer { Self.stopped(server) }
        let client = try RawClient(port: server.port)
        // The first is the slowest: its answer must still come first.
        try client.send("GET /sleep?ms=200 HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /echo?last=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(try client.finalResponse().text == "slept 200\n")
        #expect(try client.finalResponse().text == "POST /echo  3 abc")
        let last = try client.finalResponse()
        #expect(last.text == "GET /echo last=1 0 ")
        #expect(last.header("Connection") == "close")
        #expect(client.closes(within: 5))
    }

    @Test func headHasTheHeadersAndNoBody() throws {
        let server = try Self.server()
        defer { Self.stopped(server) }
        let client = try RawClient(port: server.port)
        try client.send("HEAD /big?n=1000 HTTP/1.1\r\nHost: x\r\n\r\nGET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let raw = String(decoding: client.readToEnd(timeout: 10), as: UTF8.self)
        // The HEAD response's head (Content-Length of the body it leaves out), then directly the GET's response.
        let parts = raw.components(separatedBy: "\r\n\r\n")
        #expect(parts.count == 3)
        #expect(parts[0].hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(parts[0].contains("Content-Length: 1000"))
        #expect(parts[1].hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(parts[2] == "GET /echo  0 ")
    }

    @Test func largeResponsesArriveWhole() throws {
        let server = try Self.server()
        defer { Self.stopped(server) }
        let r = try RawClient.get(server.port, "/big?n=3000000")
        #expect(r.body.count == 3_000_000)
        #expect(r.body.allSatisfy { $0 == 120 })
    }

    @Test func expectContinue() throws {
        let server = try Self.server()
        defer { Self.stopped(server) }
        let client = try RawClient(port: server.port)
        try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        let interim = try #require(try client.response())
        #expect(interim.status == 100)
        try client.send("body")
        #expect(try client.finalResponse().text == "POST /echo  4 body")
    }

    @Test func aBadRequestIsAnsweredAndTheConnectionClosed() throws {
        let server = try Self.server()
        defer { Self.stopped(server) }
        let client = try RawClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\nGET /echo HTTP/1.1\r\nHost: x\r\n\r\n")
        let r = try client.finalResponse()
        #expect(r.status == 400)
        #expect(r.header("Connection") == "close")
        #expect(r.header("Content-Type") == "application/json; charset=utf-8")
        #expect(r.text.contains("\"status\": 400"))
        #expect(client.closes(within: 5))
    }

    @Test func anOversizedBodyGets413EvenWhileTheClientIsStillSending() throws {
        let server = try Self.server()
        defer { Self.stopped(server) }
        let client = try RawClient(port: server.port)
        try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n")
        try client.send([UInt8](repeating: 97, count: 100_000))
        let r = try client.finalResponse()
        #expect(r.status == 413)
        #expect(r.text.contains("65536"))
    }

    @Test func oversizedHeadsGet431And414() throws {
        let server = try Self.server()
        defer { Self.stopped(server) }
        let longTarget = try RawClient(port: server.port)
        try longTarget.send("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try longTarget.finalResponse().status == 414)
        let manyHeaders = try RawClient(port: server.port)
        try manyHeaders.send("GET / HTTP/1.1\r\nHost: x\r\n" + (0..<200).map { "X-\($0): \(String(repeating: "v", count: 40))\r\n" }.joined() + "\r\n")
        #expect(try manyHeaders.finalResponse().status == 431)
    }

    @Test func aSlowClientGets408() throws {
        let server = try Self.server { $0.requestTimeout = 0.5 }
        defer { Self.stopped(server) }
        let client = try RawClient(port: server.port)
        try client.send("GET /echo HTTP/1.1\r\nHost:")
        let r = try client.finalResponse(timeout: 5)
        #expect(r.status == 408)
        #expect(client.closes(within: 5))
    }

    @Test func aSteadyClientWithinTheRequestTimeoutIsServed() throws {
        let server = try Self.server { $0.requestTimeout = 5 }
        defer { Self.stopped(server) }
        let client = try RawClient(port: server.port)
        try client.trickle("GET /echo?slow=1 HTTP/1.1\r\nHost: x\r\n\r\n", every: 0.02, chunk: 3)
        #expect(try client.finalResponse().text == "GET /echo slow=1 0 ")
    }

    @Test func anIdleConnectionIsClosed() throws {
        let server = try Self.server { $0.idleTimeout = 0.3 }
        defer { Self.stopped(server) }
        let client = try RawClient(port: server.port)
        #expect(client.closes(within: 5))
        // And after a request, too.
        let other = try RawClient(port: server.port)
        try other.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try other.finalResponse().status == 200)
        #expect(other.closes(within: 5))
    }

    @Test func aTruncatedRequestGets400() throws {
        let server = try Self.server()
        defer { Self.stopped(server) }
        let client = try RawClient(port: server.port)
        try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        client.shutdownWrite()
        let r = try client.finalResponse()
        #expect(r.status == 400)
        #expect(r.text.contains("before the request was complete"))
    }

    @Test func aHalfClosedClientStillGetsItsAnswer() throws {
        let server = try Self.server()
        defer { Self.stopped(server) }
        let client = try RawClient(port: server.port)
        try client.send("GET /sleep?ms=100 HTTP/1.1\r\nHost: x\r\n\r\n")
        client.shutdownWrite()
        let r = try client.finalResponse()
        #expect(r.status == 200)
        #expect(r.header("Connection") == "close")
    }

    @Test func connectionsOverTheCapGet503() throws {
        let server = try Self.server { $0.maxConnections = 3 }
        defer { Self.stopped(server) }
        var held: [RawClient] = []
        for _ in 0..<3 {
            let c = try RawClient(port: server.port)
            try c.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try c.finalResponse().status == 200)
            held.append(c)
        }
        let extra = try RawClient(port: server.port)
        let r = try extra.finalResponse()
        #expect(r.status == 503)
        #expect(r.header("Retry-After") == "1")
        #expect(extra.closes(within: 5))
        // Once one closes, a new client is served again.
        held.removeFirst()
        Thread.sleep(forTimeInterval: 0.2)
        let again = try RawClient(port: server.port)
        try again.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try again.finalResponse().status == 200)
    }

    @Test func manyClientsAtOnce() throws {
        let server = try Self.server { $0.workers = 4 }
        defer { Self.stopped(server) }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 48) { client in
            do {
                let c = try RawClient(port: server.port)
                for i in 0..<15 {
                    try c.send("GET /echo?c=\(client)&i=\(i) HTTP/1.1\r\nHost: x\r\n\r\n")
                    let r = try c.finalResponse()
                    if r.status != 200 || r.text != "GET /echo c=\(client)&i=\(i) 0 " { failures.add("client \(client) request \(i): \(r.status) \(r.text)") }
                }
            } catch {
                failures.add("client \(client): \(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all.prefix(5))")
    }

    @Test func workersAnswerInParallel() throws {
        let server = try Self.server { $0.workers = 4 }
        defer { Self.stopped(server) }
        let started = Date()
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                if try RawClient.get(server.port, "/sleep?ms=600").status != 200 { failures.add("status") }
            } catch {
                failures.add("\(error)")
            }
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(failures.all.isEmpty)
        // One after another would take 2.4 s.
        #expect(elapsed < 1.9, "4 requests of 0.6 s took \(elapsed) s on 4 workers")
    }

    @Test func stopFinishesTheRequestInFlight() throws {
        let server = try Self.server()
        let busy = try RawClient(port: server.port)
        try busy.send("GET /sleep?ms=500 HTTP/1.1\r\nHost: x\r\n\r\n")
        let idle = try RawClient(port: server.port)
        Thread.sleep(forTimeInterval: 0.1)
        server.stop()
        let r = try busy.finalResponse()
        #expect(r.status == 200)
        #expect(r.text == "slept 500\n")
        #expect(r.header("Connection") == "close")
        #expect(idle.closes(within: 5))
        server.waitUntilStopped()
        #expect(throws: (any Error).self) { try RawClient(port: server.port) }
    }

    @Test func aPortInUseIsAClearError() throws {
        let server = try Self.server()
        defer { Self.stopped(server) }
        var configuration = ServerConfiguration()
        configuration.port = server.port
        do {
            _ = try HTTPServer(configuration: configuration) { TestResponder(worker: $0) }
            Issue.record("a second server bound the same port")
        } catch {
            #expect(error.addressInUse)
            #expect(error.description.contains("already in use"))
        }
    }

    @Test func listensOnLoopbackByDefault() throws {
        let server = try Self.server()
        defer { Self.stopped(server) }
        #expect(server.address == "127.0.0.1")
        #expect(server.isLoopback)
        #expect(server.url == "http://127.0.0.1:\(server.port)/")
    }
}

/// Failures collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.withLock { list.append(s) } }
    var all: [String] { lock.withLock { list } }
}
