import Testing
@testable import KGServer

/// The request parser on its own: framing, limits and every refusal, fed whole or byte by byte.
@Suite struct RequestParserTests {
    static func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> RequestParser.Event {
        parse(Array(text.utf8), limits: limits)
    }

    static func parse(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()) -> RequestParser.Event {
        var parser = RequestParser(limits: limits)
        return bytes.withUnsafeBufferPointer { parser.parse($0) }
    }

    /// Feeds one byte at a time: the result must be the same as feeding everything at once.
    static func parseByteByByte(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()) -> RequestParser.Event {
        var parser = RequestParser(limits: limits)
        var last = RequestParser.Event.needMore
        for n in 1...bytes.count {
            last = bytes[0..<n].withUnsafeBufferPointer { parser.parse($0) }
            switch last {
            case .needMore, .expectsContinue: continue
            default: return last
            }
        }
        return last
    }

    static func request(_ event: RequestParser.Event) -> (HTTPRequest, Int)? {
        if case .request(let r, let n) = event { return (r, n) }
        return nil
    }

    static func status(_ event: RequestParser.Event) -> Int? {
        if case .failure(let e) = event { return e.status }
        return nil
    }

    @Test func simpleGet() throws {
        let text = "GET /api/query?q=member_of(S%2C%20csm)&format=json HTTP/1.1\r\nHost: localhost\r\nUser-Agent: t\r\n\r\n"
        let (r, consumed) = try #require(Self.request(Self.parse(text)))
        #expect(consumed == text.utf8.count)
        #expect(r.method == "GET")
        #expect(r.path == "/api/query")
        #expect(r.parameter("q") == "member_of(S, csm)")
        #expect(r.parameter("format") == "json")
        #expect(r.header("user-agent") == "t")
        #expect(r.minorVersion == 1)
        #expect(r.keepAlive)
        #expect(r.body.isEmpty)
    }

    @Test func plusIsASpaceOnlyInTheQuery() throws {
        let (r, _) = try #require(Self.request(Self.parse("GET /a+b?q=a+b HTTP/1.1\r\nHost: x\r\n\r\n")))
        #expect(r.path == "/a+b")
        #expect(r.parameter("q") == "a b")
    }

    @Test func bareLineFeedsAndLeadingEmptyLines() throws {
        let (r, consumed) = try #require(Self.request(Self.parse("\r\n\nGET / HTTP/1.0\nConnection: keep-alive\n\n")))
        #expect(r.path == "/")
        #expect(r.minorVersion == 0)
        #expect(r.keepAlive)
        #expect(consumed == 42)
    }

    @Test func keepAliveRules() throws {
        #expect(try #require(Self.request(Self.parse("GET / HTTP/1.0\r\n\r\n"))).0.keepAlive == false)
        #expect(try #require(Self.request(Self.parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))).0.keepAlive == false)
        #expect(try #require(Self.request(Self.parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: Keep-Alive, Upgrade\r\n\r\n"))).0.keepAlive)
    }

    @Test func contentLengthBody() throws {
        let text = "POST /api/query HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /next"
        #expect(Self.parse(Array(text.utf8.prefix(text.utf8.count - 14))) == .needMore)
        let (r, consumed) = try #require(Self.request(Self.parse(text)))
        #expect(String(decoding: r.body, as: UTF8.self) == "hello")
        #expect(consumed == text.utf8.count - "GET /next".utf8.count)
    }

    @Test func chunkedBody() throws {
        let text = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: t\r\n\r\nNEXT"
        let (r, consumed) = try #require(Self.request(Self.parse(text)))
        #expect(String(decoding: r.body, as: UTF8.self) == "hello world")
        #expect(consumed == text.utf8.count - 4)
        let (r2, _) = try #require(Self.request(Self.parseByteByByte(Array(text.utf8))))
        #expect(r2.body == r.body)
    }

    @Test func byteByByteGivesTheSameRequest() throws {
        let text = "POST /x?a=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
        let (r, consumed) = try #require(Self.request(Self.parseByteByByte(Array(text.utf8))))
        #expect(consumed == text.utf8.count)
        #expect(r.body == Array("abc".utf8))
        #expect(r.parameter("a") == "1")
    }

    @Test func expectContinueIsReportedOnce() {
        var parser = RequestParser(limits: HTTPLimits())
        let head = Array("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8)
        #expect(head.withUnsafeBufferPointer { parser.parse($0) } == .expectsContinue)
        #expect(head.withUnsafeBufferPointer { parser.parse($0) } == .needMore)
        let whole = head + Array("ok".utf8)
        #expect(Self.request(whole.withUnsafeBufferPointer { parser.parse($0) }) != nil)
        #expect(Self.status(Self.parse("POST / HTTP/1.1\r\nHost: x\r\nExpect: magic\r\nContent-Length: 2\r\n\r\nok")) == 417)
    }

    @Test func limits() {
        var limits = HTTPLimits()
        limits.maxHeadBytes = 100
        limits.maxBodyBytes = 10
        limits.maxHeaderCount = 3
        let longLine = "GET /" + String(repeating: "a", count: 200) + " HTTP/1.1\r\nHost: x\r\n\r\n"
        #expect(Self.status(Self.parse(longLine, limits: limits)) == 414)
        #expect(Self.status(Self.parse(String(longLine.prefix(150)), limits: limits)) == 414)
        let bigHeaders = "GET / HTTP/1.1\r\nHost: x\r\nX-A: " + String(repeating: "b", count: 200) + "\r\n\r\n"
        #expect(Self.status(Self.parse(bigHeaders, limits: limits)) == 431)
        #expect(Self.status(Self.parse(String(bigHeaders.prefix(120)), limits: limits)) == 431)
        #expect(Self.status(Self.parse("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits)) == 431)
        #expect(Self.status(Self.parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n", limits: limits)) == 413)
        #expect(Self.status(Self.parse("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n", limits: limits)) == 413)
        // Within the limits, exactly.
        #expect(Self.request(Self.parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789", limits: limits)) != nil)
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\n\r\n", 400),                                        // no Host
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),                 // two Hosts
        ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
        ("GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n", 400),
        ("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET / HTTPS/1.1\r\nHost: x\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET nope HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET * HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400),                          // bad percent-encoding
        ("GET /?q=%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n", 400),                   // not UTF-8
        ("GET /?q=%c0%af HTTP/1.1\r\nHost: x\r\n\r\n", 400),                   // overlong UTF-8
        ("GET /?q=%ed%a0%80 HTTP/1.1\r\nHost: x\r\n\r\n", 400),                // a surrogate
        ("GET /?q=%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400),                      // NUL
        ("GET /\u{e9} HTTP/1.1\r\nHost: x\r\n\r\n", 400),                      // raw non-ASCII in the target
        ("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nA: b\u{1}c\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\rY: z\r\n\r\n", 400),                      // bare CR
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1e3\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n", 400),
    ])
    func refusals(_ text: String, _ status: Int) {
        #expect(Self.status(Self.parse(text)) == status, "\(text.debugDescription)")
    }

    @Test func absoluteFormTargetsUseTheirPath() throws {
        let (r, _) = try #require(Self.request(Self.parse("GET http://localhost:8080/api/find?text=peru HTTP/1.1\r\nHost: localhost\r\n\r\n")))
        #expect(r.path == "/api/find")
        #expect(r.parameter("text") == "peru")
        let (bare, _) = try #require(Self.request(Self.parse("GET http://localhost HTTP/1.1\r\nHost: localhost\r\n\r\n")))
        #expect(bare.path == "/")
    }

    @Test func inRequestTellsAPartialRequestFromAnIdleConnection() {
        var parser = RequestParser(limits: HTTPLimits())
        #expect(!parser.inRequest)
        _ = Array("\r\n".utf8).withUnsafeBufferPointer { parser.parse($0) }
        #expect(!parser.inRequest)
        _ = Array("\r\nGE".utf8).withUnsafeBufferPointer { parser.parse($0) }
        #expect(parser.inRequest)
        parser.reset()
        #expect(!parser.inRequest)
    }
}
