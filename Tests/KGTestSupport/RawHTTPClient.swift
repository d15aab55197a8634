import Foundation
import Glibc

/// A deliberately simple HTTP client over a plain TCP socket, for tests that need to send
/// exactly the bytes they mean (malformed, pipelined, slow) and read exactly what comes back.
public final class RawClient {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// One response as received.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
        public func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    }

    public let fd: Int32
    private var buffer: [UInt8] = []

    public init(port: Int, host: String = "127.0.0.1") throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard ok else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw Failure(description: "connect to port \(port): \(message)")
        }
    }

    deinit { close(fd) }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "send: \(String(cString: strerror(errno)))")
            }
            sent += n
        }
    }

    /// Sends `text` a few bytes at a time with a pause between (a slow client).
    public func trickle(_ text: String, every seconds: Double, chunk: Int = 1) throws {
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            try send(Array(bytes[i..<min(bytes.count, i + chunk)]))
            i += chunk
            Thread.sleep(forTimeInterval: seconds)
        }
    }

    public func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads more bytes into the buffer; false on end of stream (or reset), throws on timeout.
    private func fill(deadline: Date) throws -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ms = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
        let ready = poll(&p, 1, ms)
        if ready == 0 { throw Failure(description: "timed out waiting for the server") }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { return false }
        buffer += chunk[0..<n]
        return true
    }

    /// The next response (interim 1xx ones included), or nil when the server closed the
    /// connection before sending one.
    public func response(timeout: Double = 30) throws -> Response? {
        let deadline = Date().addingTimeInterval(timeout)
        var headEnd: Int?
        while true {
            if let end = Self.find([13, 10, 13, 10], in: buffer) { headEnd = end; break }
            guard try fill(deadline: deadline) else {
                if buffer.isEmpty { return nil }
                throw Failure(description: "the connection closed inside a response head: \(String(decoding: buffer, as: UTF8.self))")
            }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line in \(head)")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let bodyStart = headEnd + 4
        let length = status < 200 ? 0 : Int(headers.first { $0.name.lowercased() == "content-length" }?.value ?? "0") ?? 0
        while buffer.count < bodyStart + length {
            guard try fill(deadline: deadline) else { throw Failure(description: "the connection closed inside a body") }
        }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        return Response(status: status, headers: headers, body: body)
    }

    /// The next final (non-1xx) response; fails when the connection closes first.
    public func finalResponse(timeout: Double = 30) throws -> Response {
        while true {
            guard let r = try response(timeout: timeout) else { throw Failure(description: "the connection closed without a response") }
            if r.status >= 200 { return r }
        }
    }

    /// True when the server closes the connection within `timeout` seconds (bytes that
    /// arrive first are kept for `response`).
    public func closes(within timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            do {
                if try !fill(deadline: deadline) { return true }
            } catch {
                return false
            }
        }
        return false
    }

    /// Whatever arrives until the server closes (or `timeout`).
    public func readToEnd(timeout: Double = 30) -> [UInt8] {
        let deadline = Date().addingTimeInterval(timeout)
        while (try? fill(deadline: deadline)) == true {}
        defer { buffer = [] }
        return buffer
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}

extension RawClient {
    /// `GET target` with a Host header, and its response.
    public static func get(_ port: Int, _ target: String, headers: String = "") throws -> Response {
        let client = try RawClient(port: port)
        try client.send("GET \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\(headers)\r\n")
        return try client.finalResponse()
    }

    public static func post(_ port: Int, _ target: String, body: String, type: String = "text/plain; charset=utf-8") throws -> Response {
        let client = try RawClient(port: port)
        try client.send("POST \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        return try client.finalResponse()
    }
}
