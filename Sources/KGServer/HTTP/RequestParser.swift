/// Limits on what one request may hold; past them the parser answers with an error status
/// instead of buffering more.
public struct HTTPLimits: Sendable {
    /// The request line and the headers together, terminating blank line included
    /// (414 when the request line alone is longer, else 431).
    public var maxHeadBytes = 8 * 1024
    /// The body, after de-chunking (413).
    public var maxBodyBytes = 64 * 1024
    /// Header lines (431).
    public var maxHeaderCount = 100
    public init() {}
}

/// A request the server refuses before any handler sees it, with the status to answer. After
/// one of these the connection is closed: the stream can no longer be trusted to be in step.
public struct HTTPError: Error, Sendable, Equatable {
    public let status: Int
    public let message: String
    public init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// An incremental HTTP/1.x request parser (RFC 9112) for one connection: fed the bytes
/// received so far (from the start of the current request), it says whether a request is
/// complete, how many bytes it took, or what is wrong with it.
///
/// Strict where leniency invites request smuggling or unbounded buffering: no obsolete line
/// folding, no whitespace before a header's colon, no control characters in values, one
/// consistent Content-Length, never both Content-Length and Transfer-Encoding, only the
/// `chunked` transfer coding, Host required in HTTP/1.1. Lenient where clients differ
/// harmlessly: bare LF line ends are accepted, and empty lines before the request line are
/// skipped.
struct RequestParser {
    enum Event: Equatable {
        /// Not enough bytes yet.
        case needMore
        /// The head is complete, asks `Expect: 100-continue`, and its body is still to come:
        /// send `100 Continue` (reported once per request).
        case expectsContinue
        case request(HTTPRequest, consumed: Int)
        case failure(HTTPError)

        static func == (a: Event, b: Event) -> Bool {
            switch (a, b) {
            case (.needMore, .needMore), (.expectsContinue, .expectsContinue): return true
            case (.request(_, let x), .request(_, let y)): return x == y
            case (.failure(let x), .failure(let y)): return x == y
            default: return false
            }
        }
    }

    let limits: HTTPLimits

    init(limits: HTTPLimits) { self.limits = limits }

    /// The head once parsed, waiting for its body.
    private var head: Head?
    /// Offset just past the head's blank line.
    private var bodyStart = 0
    /// How far the search for the end of the head has got.
    private var scanned = 0
    private var continueReported = false
    private var chunks = ChunkState()

    private struct Head {
        var request: HTTPRequest
        var framing: Framing
        var expectsContinue: Bool
    }

    private enum Framing { case none, length(Int), chunked }

    private struct ChunkState {
        enum Phase { case size, data(Int), trailers }
        var phase = Phase.size
        var position = 0
        var body: [UInt8] = []
        var trailerBytes = 0
    }

    /// True when some bytes of a request have been seen (used to tell a slow client from an
    /// idle keep-alive connection).
    var inRequest: Bool { head != nil || scanned > 0 }

    /// Forgets the current request (after it completed).
    mutating func reset() { self = RequestParser(limits: limits) }

    /// Parses `bytes`, the unconsumed input of the connection.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Event {
        if head == nil {
            switch parseHead(bytes) {
            case .needMore: return .needMore
            case .failure(let e): return .failure(e)
            case .head(let h, let end):
                head = h
                bodyStart = end
                chunks.position = end
            }
        }
        guard let current = head else { return .needMore }
        switch current.framing {
        case .none:
            return .request(current.request, consumed: bodyStart)
        case .length(let n):
            if bytes.count - bodyStart >= n {
                var request = current.request
                request.body = Array(bytes[bodyStart..<(bodyStart + n)])
                return .request(request, consumed: bodyStart + n)
            }
        case .chunked:
            switch parseChunks(bytes) {
            case .needMore: break
            case .failure(let e): return .failure(e)
            case .done(let end):
                var request = current.request
                request.body = chunks.body
                return .request(request, consumed: end)
            }
        }
        if current.expectsContinue && !continueReported {
            continueReported = true
            return .expectsContinue
        }
        return .needMore
    }

    // MARK: - The head

    private enum HeadResult {
        case needMore
        case failure(HTTPError)
        case head(Head, end: Int)
    }

    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    private mutating func parseHead(_ bytes: UnsafeBufferPointer<UInt8>) -> HeadResult {
        // Empty lines before the request line are skipped (RFC 9112, 2.2).
        var start = 0
        while start < bytes.count, bytes[start] == Self.cr || bytes[start] == Self.lf { start += 1 }
        if start > limits.maxHeadBytes { return .failure(HTTPError(400, "too many empty lines before the request line")) }
        guard start < bytes.count else { return .needMore }
        scanned = max(scanned, start)
        var end: Int?
        var i = scanned
        while i < bytes.count {
            if bytes[i] == Self.lf {
                if i + 1 < bytes.count, bytes[i + 1] == Self.lf { end = i + 2; break }
                if i + 2 < bytes.count, bytes[i + 1] == Self.cr, bytes[i + 2] == Self.lf { end = i + 3; break }
                if i + 2 >= bytes.count { break }   // the terminator may still be arriving
            }
            i += 1
        }
        scanned = max(start + 1, min(i, bytes.count))
        let limit = start + limits.maxHeadBytes
        guard let end, end <= limit else {
            if bytes.count - start > limits.maxHeadBytes || (end ?? 0) > limit {
                let window = bytes[start..<min(bytes.count, limit)]
                if !window.contains(Self.lf) {
                    return .failure(HTTPError(414, "the request line is longer than \(limits.maxHeadBytes) bytes"))
                }
                return .failure(HTTPError(431, "the request line and headers are larger than \(limits.maxHeadBytes) bytes"))
            }
            return .needMore
        }
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = start
        for j in start..<end where bytes[j] == Self.lf {
            var line = bytes[lineStart..<j]
            if line.last == Self.cr { line = line.dropLast() }
            if line.contains(Self.cr) { return .failure(HTTPError(400, "a bare carriage return inside a header line")) }
            lines.append(ArraySlice(line))
            lineStart = j + 1
        }
        // The last line is the empty one that ends the head.
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let requestLine = lines.first else { return .failure(HTTPError(400, "no request line")) }
        switch Self.makeHead(requestLine: requestLine, headerLines: lines.dropFirst(), limits: limits) {
        case .success(let h): return .head(h, end: end)
        case .failure(let e): return .failure(e)
        }
    }

    private static func makeHead(requestLine: ArraySlice<UInt8>, headerLines: ArraySlice<ArraySlice<UInt8>>,
                                 limits: HTTPLimits) -> Result<Head, HTTPError> {
        let parts = requestLine.split(separator: space, maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            return .failure(HTTPError(400, "the request line must be METHOD TARGET HTTP/1.1"))
        }
        let (methodBytes, targetBytes, versionBytes) = (parts[0], parts[1], parts[2])
        guard methodBytes.allSatisfy(isTokenByte) else { return .failure(HTTPError(400, "the method is not a token")) }
        let method = String(decoding: methodBytes, as: UTF8.self)
        let version = String(decoding: versionBytes, as: UTF8.self)
        let minor: Int
        switch version {
        case "HTTP/1.1": minor = 1
        case "HTTP/1.0": minor = 0
        default:
            let v = Array(versionBytes)
            if v.count == 8, String(decoding: v[0..<5], as: UTF8.self) == "HTTP/", isDigit(v[5]), v[6] == UInt8(ascii: "."), isDigit(v[7]) {
                return .failure(HTTPError(505, "only HTTP/1.0 and HTTP/1.1 are served"))
            }
            return .failure(HTTPError(400, "the request line must end with HTTP/1.1 or HTTP/1.0"))
        }
        guard targetBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure(HTTPError(400, "the request target holds a byte that must be percent-encoded"))
        }

        var headers: [(name: String, value: String)] = []
        for line in headerLines {
            if line.first == space || line.first == tab {
                return .failure(HTTPError(400, "folded header lines (a line starting with a blank) are not accepted"))
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                return .failure(HTTPError(400, "a header line without a colon"))
            }
            let nameBytes = line[line.startIndex..<colon]
            guard !nameBytes.isEmpty, nameBytes.allSatisfy(isTokenByte) else {
                return .failure(HTTPError(400, "a header name that is not a token (no blanks before the colon)"))
            }
            var value = line[(colon + 1)...]
            while let f = value.first, f == space || f == tab { value = value.dropFirst() }
            while let l = value.last, l == space || l == tab { value = value.dropLast() }
            guard value.allSatisfy({ $0 == tab || ($0 >= 0x20 && $0 != 0x7F) }) else {
                return .failure(HTTPError(400, "a header value holds a control character"))
            }
            headers.append((String(decoding: nameBytes, as: UTF8.self).lowercased(), String(decoding: value, as: UTF8.self)))
            if headers.count > limits.maxHeaderCount {
                return .failure(HTTPError(431, "more than \(limits.maxHeaderCount) header lines"))
            }
        }
        let hosts = headers.filter { $0.name == "host" }
        if hosts.count > 1 { return .failure(HTTPError(400, "more than one Host header")) }
        if minor == 1 && hosts.isEmpty { return .failure(HTTPError(400, "an HTTP/1.1 request needs a Host header")) }

        // The target: origin form, absolute form (its path is used), or * for OPTIONS.
        var target = Array(targetBytes)
        if let hash = target.firstIndex(of: UInt8(ascii: "#")) { target = Array(target[..<hash]) }
        var pathAndQuery: [UInt8]
        if target.first == UInt8(ascii: "/") {
            pathAndQuery = target
        } else if target == [UInt8(ascii: "*")] {
            guard method == "OPTIONS" else { return .failure(HTTPError(400, "the target * is only for OPTIONS")) }
            pathAndQuery = target
        } else if let schemeEnd = absoluteFormPathStart(target) {
            pathAndQuery = schemeEnd < target.count ? Array(target[schemeEnd...]) : [UInt8(ascii: "/")]
            if pathAndQuery.first != UInt8(ascii: "/") { pathAndQuery.insert(UInt8(ascii: "/"), at: 0) }
        } else {
            return .failure(HTTPError(400, "the request target must start with /"))
        }
        let question = pathAndQuery.firstIndex(of: UInt8(ascii: "?"))
        let path: String
        let query: [(name: String, value: String)]
        do throws(URLEncoding.DecodingError) {
            path = try URLEncoding.decode(pathAndQuery[..<(question ?? pathAndQuery.count)], plusIsSpace: false)
            if let question {
                query = try URLEncoding.decodeQuery(pathAndQuery[(question + 1)...])
            } else {
                query = []
            }
        } catch {
            return .failure(HTTPError(400, error.message))
        }

        // How the body is framed.
        let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
        let codings = headers.filter { $0.name == "transfer-encoding" }.map(\.value)
        var framing = Framing.none
        if !codings.isEmpty {
            if !lengths.isEmpty { return .failure(HTTPError(400, "both Content-Length and Transfer-Encoding")) }
            if minor == 0 { return .failure(HTTPError(400, "Transfer-Encoding in an HTTP/1.0 request")) }
            let coding = codings.joined(separator: ",").lowercased().split(separator: ",").map { $0.trimmingBlanks }
            guard coding == ["chunked"] else {
                return .failure(HTTPError(501, "only the chunked transfer coding is supported"))
            }
            framing = .chunked
        } else if let first = lengths.first {
            guard lengths.allSatisfy({ $0 == first }) else { return .failure(HTTPError(400, "Content-Length headers disagree")) }
            guard !first.isEmpty, first.utf8.count <= 15, first.utf8.allSatisfy(isDigit), let n = Int(first) else {
                return .failure(HTTPError(400, "Content-Length must be a whole number of bytes"))
            }
            if n > limits.maxBodyBytes {
                return .failure(HTTPError(413, "the body is larger than \(limits.maxBodyBytes) bytes"))
            }
            if n > 0 { framing = .length(n) }
        }
        var expectsContinue = false
        if let expect = headers.first(where: { $0.name == "expect" })?.value {
            guard expect.lowercased() == "100-continue" else {
                return .failure(HTTPError(417, "the only expectation understood is 100-continue"))
            }
            if case .none = framing {} else { expectsContinue = minor == 1 }
        }
        let request = HTTPRequest(method: method, target: String(decoding: targetBytes, as: UTF8.self), path: path,
                                  query: query, minorVersion: minor, headers: headers)
        return .success(Head(request: request, framing: framing, expectsContinue: expectsContinue))
    }

    /// For `http://host:port/path`, the index where the path starts (or the end); nil when the
    /// target is not in absolute form.
    private static func absoluteFormPathStart(_ target: [UInt8]) -> Int? {
        let lower = String(decoding: target.prefix(8), as: UTF8.self).lowercased()
        let schemeLength: Int
        if lower.hasPrefix("http://") { schemeLength = 7 } else if lower.hasPrefix("https://") { schemeLength = 8 } else { return nil }
        guard schemeLength < target.count else { return nil }
        return target[schemeLength...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? target.count
    }

    // MARK: - Chunked bodies

    private enum ChunkResult {
        case needMore
        case failure(HTTPError)
        case done(end: Int)
    }

    /// Finds the end of the line starting at `from`: (index of LF, line without CR/LF).
    private static func line(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, limit: Int) -> (end: Int, text: ArraySlice<UInt8>)?? {
        var i = from
        while i < bytes.count && i - from <= limit {
            if bytes[i] == lf {
                var text = ArraySlice(bytes[from..<i])
                if text.last == cr { text = text.dropLast() }
                return .some((i + 1, text))
            }
            i += 1
        }
        // Longer than the limit with no line end: not a line we accept.
        return i - from > limit ? .some(nil) : nil
    }

    private mutating func parseChunks(_ bytes: UnsafeBufferPointer<UInt8>) -> ChunkResult {
        while true {
            switch chunks.phase {
            case .size:
                guard let found = Self.line(bytes, from: chunks.position, limit: 1024) else { return .needMore }
                guard let sizeLine = found else { return .failure(HTTPError(400, "a chunk size line longer than 1024 bytes")) }
                let (end, text) = sizeLine
                let digits = text.prefix { $0 != UInt8(ascii: ";") }
                guard !digits.isEmpty, digits.count <= 8, digits.allSatisfy({ URLEncoding.hexValue($0) != nil }) else {
                    return .failure(HTTPError(400, "a chunk size that is not a hex number"))
                }
                let size = digits.reduce(0) { $0 * 16 + Int(URLEncoding.hexValue($1) ?? 0) }
                if chunks.body.count + size > limits.maxBodyBytes {
                    return .failure(HTTPError(413, "the body is larger than \(limits.maxBodyBytes) bytes"))
                }
                chunks.position = end
                chunks.phase = size == 0 ? .trailers : .data(size)
            case .data(let size):
                let available = bytes.count - chunks.position
                guard available >= size + 1 else { return .needMore }
                let after = chunks.position + size
                let lineEnd: Int
                if bytes[after] == Self.lf {
                    lineEnd = after + 1
                } else if bytes[after] == Self.cr {
                    guard after + 1 < bytes.count else { return .needMore }
                    guard bytes[after + 1] == Self.lf else { return .failure(HTTPError(400, "a chunk not followed by a line end")) }
                    lineEnd = after + 2
                } else {
                    return .failure(HTTPError(400, "a chunk longer than its size"))
                }
                chunks.body += bytes[chunks.position..<after]
                chunks.position = lineEnd
                chunks.phase = .size
            case .trailers:
                guard let found = Self.line(bytes, from: chunks.position, limit: limits.maxHeadBytes) else { return .needMore }
                guard let trailer = found else { return .failure(HTTPError(431, "trailer fields larger than \(limits.maxHeadBytes) bytes")) }
                let (end, text) = trailer
                chunks.trailerBytes += end - chunks.position
                if chunks.trailerBytes > limits.maxHeadBytes {
                    return .failure(HTTPError(431, "trailer fields larger than \(limits.maxHeadBytes) bytes"))
                }
                chunks.position = end
                if text.isEmpty { return .done(end: end) }
                if text.contains(Self.cr) { return .failure(HTTPError(400, "a bare carriage return inside a trailer line")) }
            }
        }
    }

    // MARK: - Characters

    /// `tchar` of RFC 9110: the characters of methods and header names.
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return "!#$%&'*+-.^_`|~".utf8.contains(b)
        }
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}

extension Substring {
    /// Without the spaces and tabs around it.
    var trimmingBlanks: String {
        var s = self[...]
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
