import Foundation
import KGTestSupport
import Testing

/// `kg serve` as a user runs it: the built binary prints its URL, answers over loopback,
/// warns when it listens elsewhere, refuses a port in use, and stops on SIGTERM or Ctrl-C
/// after finishing the request in flight, with exit status 0.
@Suite struct ServeCommandTests {
    /// A running `kg serve`, its URL read from its first line of output.
    final class Server {
        let process = Process()
        let stderrURL: URL
        let port: Int
        let firstLine: String

        init(_ arguments: [String]) throws {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kg-serve-\(getpid())-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            stderrURL = scratch.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
            process.executableURL = try KGProcess.binary()
            process.arguments = ["serve", "--port", "0"] + arguments
            process.currentDirectoryURL = scratch
            let out = Pipe()
            process.standardOutput = out
            process.standardError = try FileHandle(forWritingTo: stderrURL)
            process.standardInput = FileHandle.nullDevice
            try process.run()
            // The first line: "kg serve: http://127.0.0.1:PORT/ ...".
            var line: [UInt8] = []
            let reader = out.fileHandleForReading
            let deadline = Date().addingTimeInterval(60)
            while !line.contains(10) && Date() < deadline {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                line += chunk
            }
            firstLine = String(decoding: line, as: UTF8.self)
            guard let range = firstLine.range(of: "http://127.0.0.1:"),
                  let port = Int(firstLine[range.upperBound...].prefix { $0.isNumber }) else {
                process.terminate()
                let errors = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
                throw RawClient.Failure(description: "kg serve printed no URL: \(firstLine) \(errors)")
            }
            self.port = port
        }

        var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Waits for the process to end; its exit status, or nil on a timeout.
        func wait(timeout: Double = 30) -> Int32? {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return nil
            }
            return process.terminationStatus
        }

        deinit {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
    }

    static let session4 = "member_of(S,%20csm),%20presented(S,%20v_plenary_session_4)"

    @Test func printsItsURLAndAnswers() throws {
        let server = try Server([])
        #expect(server.firstLine.hasPrefix("kg serve: http://127.0.0.1:\(server.port)/"))
        let r = try RawClient.get(server.port, "/api/query?q=" + Self.session4)
        #expect(r.status == 200)
        #expect(r.text.contains("[[\"argentina\"], [\"chile\"], [\"ecuador\"], [\"uruguay\"]]"))
        server.signal(SIGTERM)
        #expect(server.wait() == 0)
        #expect(!server.stderr.contains("warning"))
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func stopsAfterTheRequestInFlight(_ signal: Int32) throws {
        let server = try Server(["--timeout", "1.5", "--workers", "2"])
        let slow = "triple(A,B,C),%20triple(D,E,F),%20triple(G,H,I),%20str(I,%20S),%20S%20=%20%22zz%22"
        let busy = try RawClient(port: server.port)
        try busy.send("GET /api/query?q=\(slow) HTTP/1.1\r\nHost: x\r\n\r\n")
        let idle = try RawClient(port: server.port)
        Thread.sleep(forTimeInterval: 0.4)
        server.signal(signal)
        let r = try busy.finalResponse(timeout: 30)
        #expect(r.status == 400)
        #expect(r.text.contains("time limit"))
        #expect(r.header("Connection") == "close")
        #expect(idle.closes(within: 10))
        #expect(server.wait() == 0)
        #expect(server.stderr.contains("kg serve: stopped"))
    }

    @Test func aPortInUseIsAnError() throws {
        let first = try Server([])
        let second = try KGProcess.run(["serve", "--port", String(first.port)], timeout: 60)
        #expect(second.status == 1)
        #expect(second.stderr.contains("kg: error: cannot listen on 127.0.0.1:\(first.port): the port is already in use"))
        first.signal(SIGTERM)
        #expect(first.wait() == 0)
    }

    @Test func listeningBeyondLoopbackWarns() throws {
        let server = try ServeCommandTests.Server(["--host", "0.0.0.0"])
        #expect(server.stderr.contains("kg: warning: listening on 0.0.0.0"))
        #expect(server.stderr.contains("anyone who can reach this machine"))
        server.signal(SIGTERM)
        #expect(server.wait() == 0)
    }

    @Test func dataErrorsAreReportedBeforeListening() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kg-serve-data-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "member_of(peru csm).\n".write(to: folder.appendingPathComponent("bad.dl"), atomically: true, encoding: .utf8)
        let o = try KGProcess.run(["serve", "--port", "0", "--data", "bad.dl"], in: folder, timeout: 60)
        #expect(o.status == 1)
        #expect(o.stderr.contains("bad.dl:1:16: error:"))
        #expect(o.stdout.isEmpty)
    }

    @Test func aMissingDocsFolderIsReportedBeforeListening() throws {
        let o = try KGProcess.run(["serve", "--port", "0", "--docs", "/nonexistent/kg-docs"], timeout: 60)
        #expect(o.status == 1)
        #expect(o.stderr.contains("/nonexistent/kg-docs"), "\(o.stderr)")
        #expect(o.stdout.isEmpty)
    }

    @Test func usageErrors() throws {
        #expect(try KGProcess.run(["serve", "extra"]).status == 2)
        #expect(try KGProcess.run(["serve", "--port", "70000"]).stderr.contains("--port needs a port number"))
        let other = try KGProcess.run(["query", "--port", "9", "p(X)"])
        #expect(other.status == 2)
        #expect(other.stderr.contains("--port is an option of kg serve only"))
    }

    @Test func help() throws {
        let o = try KGProcess.run(["serve", "--help"])
        #expect(o.status == 0)
        for word in ["--port", "--host", "--docs", "--timeout", "--max-facts", "--workers", "--max-connections", "/api/query"] {
            #expect(o.stdout.contains(word), "kg serve --help mentions \(word)")
        }
        #expect(try KGProcess.run(["--help"]).stdout.contains("kg serve"))
    }
}
