import Foundation
import KGFormats

/// A response to send: status, headers and the whole body (kg's answers are built in
/// memory, so there is no streaming). The transport adds `Content-Length`, `Date`,
/// `Connection` and the security headers every response carries.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func text(_ text: String, status: Int = 200, type: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", type)], body: Array(text.utf8))
    }

    public static func json(_ text: String, status: Int = 200) -> HTTPResponse {
        .text(text, status: status, type: "application/json; charset=utf-8")
    }

    public static func html(_ text: String, status: Int = 200) -> HTTPResponse {
        .text(text, status: status, type: "text/html; charset=utf-8")
    }

    /// A protocol-level error as JSON: `{"status": 431, "message": "..."}`.
    public static func error(_ error: HTTPError) -> HTTPResponse {
        .json("{\"status\": \(error.status), \"message\": \(JSONText.string(error.message))}\n", status: error.status)
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Adds a header unless one of that name is already set.
    public mutating func setDefault(_ name: String, _ value: String) {
        if header(name) == nil { headers.append((name, value)) }
    }

    /// The bytes on the wire. `headOnly` (a HEAD request) keeps the headers, Content-Length
    /// included, and leaves out the body. Header values are stripped of line breaks, so no
    /// value can start another header.
    func serialized(headOnly: Bool, close: Bool, date: String) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(HTTPStatus.reason(status))\r\n"
        for (name, value) in headers where !["content-length", "connection", "date"].contains(name.lowercased()) {
            head += "\(name): \(Self.clean(value))\r\n"
        }
        if status != 204 && status != 304 && status >= 200 { head += "Content-Length: \(body.count)\r\n" }
        head += "Date: \(date)\r\n"
        if close { head += "Connection: close\r\n" }
        head += "\r\n"
        var out = Array(head.utf8)
        if !headOnly { out += body }
        return out
    }

    private static func clean(_ value: String) -> String {
        String(value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" }.map(Character.init))
    }
}

/// The `Date` header's format (RFC 9110 IMF-fixdate): `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
    static func now() -> String {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        var buffer = [Int8](repeating: 0, count: 64)
        let n = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
