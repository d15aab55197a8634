import Foundation

/// One parsed HTTP/1.x request. The target is already split and percent-decoded (a target
/// that does not decode to UTF-8 never gets this far: the parser answers 400), header names
/// are lowercase, and the body is complete (a chunked body is de-chunked).
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target as sent: `/api/query?q=member_of(S%2C%20csm)`.
    public var target: String
    /// The decoded path: `/api/query`.
    public var path: String
    /// The decoded query parameters, in order (`+` is a space, as forms send it).
    public var query: [(name: String, value: String)]
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    /// Headers in order, names lowercase, values with surrounding blanks removed.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, target: String, path: String, query: [(name: String, value: String)] = [],
                minorVersion: Int = 1, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
    }

    /// The first header called `name` (lowercase).
    public func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

    /// The first query parameter called `name`.
    public func parameter(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// Every query parameter called `name`, in order.
    public func parameters(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }

    /// Whether the client wants the connection kept open after the response: HTTP/1.1 unless
    /// it says `Connection: close`, HTTP/1.0 only when it says `Connection: keep-alive`.
    public var keepAlive: Bool {
        let tokens = (header("connection") ?? "").lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if tokens.contains("close") { return false }
        return minorVersion >= 1 || tokens.contains("keep-alive")
    }
}
