import Foundation
import KGTestSupport
import KGFormats
import KnowledgeGraph
import Testing
@testable import KGServer

/// The API of `kg serve` over loopback on the seed graph: every endpoint, every error
/// status, the read-only guarantee, the per-request limits, and many clients at once
/// getting the same answers as the command line.
@Suite struct GraphAPITests {
    static let session4 = "member_of(S, csm), presented(S, v_plenary_session_4)"

    static func get(_ target: String) throws -> RawClient.Response { try RawClient.get(try GraphFixture.port(), target) }

    static func json(_ r: RawClient.Response) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])
    }

    @Test func theSession4Question() throws {
        let r = try Self.get("/api/query?q=" + GraphFixture.encode(Self.session4))
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == "application/json; charset=utf-8")
        #expect(r.text == "[{\"query\": \"member_of(S, csm), presented(S, v_plenary_session_4)\", \"columns\": [\"S\"], \"rows\": [[\"argentina\"], [\"chile\"], [\"ecuador\"], [\"uruguay\"]]}]\n")
        #expect(r.header("X-KG-Rows") == "4")
        #expect(r.header("Server-Timing")?.hasPrefix("query;dur=") == true)
        #expect(r.header("Content-Security-Policy")?.contains("script-src 'self'") == true)
        #expect(r.header("X-Content-Type-Options") == "nosniff")
    }

    @Test func postTheQueryAsTheBodyOrAsAForm() throws {
        let port = try GraphFixture.port()
        let expected = try Self.get("/api/query?q=" + GraphFixture.encode(Self.session4)).text
        #expect(try RawClient.post(port, "/api/query", body: "?- \(Self.session4).").text == expected)
        #expect(try RawClient.post(port, "/api/query", body: "q=" + GraphFixture.encode(Self.session4),
                                   type: "application/x-www-form-urlencoded").text == expected)
        let chunked = try RawClient(port: port)
        let body = Array(Self.session4.utf8)
        try chunked.send("POST /api/query HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(String(10, radix: 16))\r\n")
        try chunked.send(Array(body[0..<10]) + Array("\r\n\(String(body.count - 10, radix: 16))\r\n".utf8) + Array(body[10...]) + Array("\r\n0\r\n\r\n".utf8))
        #expect(try chunked.finalResponse().text == expected)
    }

    /// Every saved query without rules of its own, posted whole, gives the bytes the command
    /// line's JSON formatter gives for the same queries.
    @Test func savedQueriesAnswerAsTheCommandLineDoes() throws {
        let port = try GraphFixture.port()
        let folder = GraphFixture.packageRoot.appendingPathComponent("queries")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".dl") }.sorted()
        let local = try GraphFixture.seedSession()
        var compared = 0
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            if text.contains(":-") { continue }
            let expected = local.answerReadOnly(text)
            #expect(!expected.hasErrors, "\(file)")
            let r = try RawClient.post(port, "/api/query", body: text)
            #expect(r.status == 200, "\(file): \(r.text)")
            #expect(r.text == AnswerFormatter(format: .json).render(expected.answers), "\(file)")
            compared += 1
        }
        #expect(compared >= 20)
    }

    @Test func csvAndTsvDownloads() throws {
        let q = GraphFixture.encode(Self.session4)
        let csv = try Self.get("/api/query?format=csv&download=1&q=" + q)
        #expect(csv.status == 200)
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8; header=present")
        #expect(csv.header("Content-Disposition") == "attachment; filename=\"answer.csv\"")
        #expect(csv.text == "S\nargentina\nchile\necuador\nuruguay\n")
        let tsv = try Self.get("/api/query?format=tsv&q=" + q)
        #expect(tsv.header("Content-Type") == "text/tab-separated-values; charset=utf-8")
        #expect(tsv.text == "S\nargentina\nchile\necuador\nuruguay\n")
        #expect(try Self.get("/api/query?format=xml&q=" + q).status == 400)
    }

    @Test func warningsComeInAHeader() throws {
        let r = try Self.get("/api/query?q=" + GraphFixture.encode("membr_of(S, csm)"))
        #expect(r.status == 200)
        let warnings = try #require(r.header("X-KG-Warnings"))
        #expect(warnings.utf8.allSatisfy { $0 < 0x80 })
        #expect(warnings.contains("did you mean member_of/2"))
    }

    @Test func aSyntaxErrorIs400WithItsPlace() throws {
        let r = try Self.get("/api/query?q=" + GraphFixture.encode("member_of(S csm)"))
        #expect(r.status == 400)
        let body = try Self.json(r)
        #expect(body["message"] as? String == "expected ',' or ')' in the arguments of 'member_of', found 'csm'")
        #expect(body["line"] as? Int == 1)
        #expect(body["column"] as? Int == 16)
        #expect(body["caret"] as? String == "  ?- member_of(S csm).\n                 ^")
        #expect((body["text"] as? String)?.hasPrefix("<query>:1:16: error: ") == true)
    }

    @Test func anAnalysisErrorIs400WithItsPlace() throws {
        let r = try Self.get("/api/query?q=" + GraphFixture.encode("member_of(S, csm), not member_of(S, B)"))
        #expect(r.status == 400)
        let body = try Self.json(r)
        #expect((body["message"] as? String)?.contains("unsafe variable 'B'") == true)
        #expect(body["line"] as? Int == 1)
    }

    @Test func anEvaluationErrorIs400() throws {
        let r = try Self.get("/api/query?q=" + GraphFixture.encode("X = 1 / 0"))
        #expect(r.status == 400)
        let body = try Self.json(r)
        #expect(body["kind"] as? String == "evaluation")
        #expect((body["message"] as? String)?.contains("division by zero") == true)
    }

    /// Nothing a request sends is kept: facts, rules and directives are refused at their place
    /// (a text that does not start with `?-` is a query, as for `kg query`, so a lone fact is
    /// asked, not stated; one whose first statement has `:-` is a rule).
    @Test(arguments: [
        ("?- member_of(S, csm). member_of(atlantis, csm).", "facts and rules are not accepted"),
        ("?- member_of(S, csm). p(X) :- member_of(X, csm).", "facts and rules are not accepted"),
        ("p(X) :- member_of(X, csm).", "facts and rules are not accepted"),
        ("p(X) :- member_of(X, csm). ?- p(X).", "facts and rules are not accepted"),
        ("@include \"/etc/passwd\". ?- member_of(S, csm).", "the directive @include"),
        ("?- member_of(S, csm). @include \"/etc/passwd\".", "the directive @include"),
        ("@prefix ex: <http://example.org/>. ?- member_of(S, csm).", "the directive @prefix"),
        ("@source src_x. ?- member_of(S, csm).", "the directive @source"),
        ("@pred foo(any). ?- member_of(S, csm).", "the directive @pred"),
    ])
    func theGraphIsReadOnly(_ text: String, _ message: String) throws {
        let port = try GraphFixture.port()
        let r = try RawClient.post(port, "/api/query", body: text)
        #expect(r.status == 400)
        let body = try Self.json(r)
        #expect((body["message"] as? String)?.contains(message) == true, "\(body)")
        #expect(body["line"] as? Int == 1)
        // Nothing changed, on any worker.
        for _ in 0..<6 {
            let after = try Self.get("/api/query?q=" + GraphFixture.encode("member_of(atlantis, B)"))
            #expect(after.text.contains("\"rows\": []"))
            #expect(try Self.get("/api/query?q=" + GraphFixture.encode("p(X)")).header("X-KG-Warnings")?.contains("unknown predicate p/1") == true)
        }
    }

    @Test func aLoneFactIsAskedNotStated() throws {
        let r = try RawClient.post(try GraphFixture.port(), "/api/query", body: "member_of(atlantis, csm).")
        #expect(r.text == "[{\"query\": \"member_of(atlantis, csm)\", \"columns\": [], \"rows\": []}]\n")
    }

    /// A query that meets an unknown predicate leaves no trace: the same name with another
    /// arity is still only a warning, on every worker.
    @Test func unknownPredicatesLeaveNoTrace() throws {
        for arity in [1, 2, 3, 1, 2, 3] {
            let args = (0..<arity).map { "X\($0)" }.joined(separator: ", ")
            let r = try Self.get("/api/query?q=" + GraphFixture.encode("zz_unknown_pred(\(args))"))
            #expect(r.status == 200, "\(r.text)")
            #expect(r.header("X-KG-Warnings")?.contains("unknown predicate") == true)
        }
    }

    @Test func missingQueryAndBadBodies() throws {
        let port = try GraphFixture.port()
        #expect(try Self.get("/api/query").status == 400)
        #expect(try Self.get("/api/query?q=%20%20").status == 400)
        let notUTF8 = try RawClient(port: port)
        try notUTF8.send(Array("POST /api/query HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n".utf8) + [0xFF, 0xFE])
        let r = try notUTF8.finalResponse()
        #expect(r.status == 400)
        #expect(r.text.contains("not UTF-8"))
    }

    @Test func why() throws {
        let r = try Self.get("/api/why?fact=" + GraphFixture.encode("presented(chile, v_plenary_session_4)"))
        #expect(r.status == 200)
        let body = try Self.json(r)
        #expect(body["holds"] as? Bool == true)
        let proof = try #require(body["proof"] as? [String: Any])
        #expect(proof["kind"] as? String == "derived")
        let premises = try #require(proof["premises"] as? [[String: Any]])
        let sources = premises.compactMap { $0["sources"] as? [[String: Any]] }.flatMap { $0 }
        let p5 = try #require(sources.first { $0["id"] as? String == "src_doc003_session_4_p5" })
        #expect(p5["href"] as? String == "/entities/src_doc003_session_4_p5.html")
        #expect(p5["file"] as? String == "003_af77edbcc0395ce3.txt" && p5["first"] as? Int == 704 && p5["last"] as? Int == 719)
        #expect(p5["inferred"] as? Bool == false)
        #expect((p5["heading"] as? String)?.hasPrefix("SESIÓN 4") == true)
        #expect(p5["text"] == nil, "no document text without --docs")
        #expect((body["text"] as? String)?.contains("stated in src_doc003_session_4_p5 — 003_af77edbcc0395ce3.txt, lines 704–719") == true)

        let no = try Self.json(try Self.get("/api/why?fact=" + GraphFixture.encode("member_of(atlantis, csm)")))
        #expect(no["holds"] as? Bool == false)
        #expect((no["proof"] as? [String: Any])?["kind"] as? String == "does_not_hold")

        let bad = try Self.get("/api/why?fact=" + GraphFixture.encode("member_of(atlantis csm)"))
        #expect(bad.status == 400)
        #expect(try Self.json(bad)["column"] as? Int != nil)
        let notFact = try Self.get("/api/why?fact=" + GraphFixture.encode("member_of(S, csm)"))
        #expect(notFact.status == 400)
        #expect((try Self.json(notFact)["message"] as? String)?.contains("constant arguments") == true)
        #expect(try Self.get("/api/why").status == 400)
    }

    @Test func describe() throws {
        let r = try Self.get("/api/describe?id=chile")
        #expect(r.status == 200)
        let body = try Self.json(r)
        #expect(body["id"] as? String == "chile")
        #expect(body["href"] as? String == "/entities/chile.html")
        #expect((body["types"] as? [String])?.contains("state") == true)
        let outgoing = try #require(body["outgoing"] as? [[String: Any]])
        #expect(outgoing.contains { $0["predicate"] as? String == "member_of" && $0["other"] as? String == "csm" })
        let unknown = try Self.get("/api/describe?id=atlantis")
        #expect(unknown.status == 404)
        #expect(try Self.get("/api/describe?id=" + GraphFixture.encode("not an id (")).status == 400)
        #expect(try Self.get("/api/describe").status == 400)
    }

    @Test func find() throws {
        let body = try Self.json(try Self.get("/api/find?text=peru"))
        let matches = try #require(body["matches"] as? [[String: Any]])
        #expect(matches.contains { $0["id"] as? String == "peru" && ($0["names"] as? [String])?.contains("Perú") == true })
        // By any name: the forum printed "FEMI 2022" (an alt label), matched first and exactly.
        let femi = try Self.json(try Self.get("/api/find?text=" + GraphFixture.encode("FEMI 2022")))
        let first = try #require((femi["matches"] as? [[String: Any]])?.first)
        #expect(first["id"] as? String == "imrf_2022")
        #expect(first["names"] as? [String] == ["FEMI 2022"])
        #expect(first["matched_by"] as? [String] == ["alt_label"])
        #expect(first["exact"] as? Bool == true)
        #expect(try Self.get("/api/find").status == 400)
        let none = try Self.json(try Self.get("/api/find?text=zzzzqqq"))
        #expect((none["matches"] as? [Any])?.isEmpty == true)
    }

    @Test func completion() throws {
        let body = try Self.json(try Self.get("/api/complete?word=member"))
        let candidates = try #require(body["candidates"] as? [[String: Any]])
        #expect(candidates.contains { $0["insert"] as? String == "member_of(" && $0["arity"] as? Int == 2 })
        let byLabel = try Self.json(try Self.get("/api/complete?word=Per%C3%BA"))
        let found = try #require(byLabel["candidates"] as? [[String: Any]])
        #expect(found.contains { $0["insert"] as? String == "peru" && $0["label"] as? String == "Perú" })
        // By any name, not only labels: "FEMI" offers the forum by its printed alt label.
        let byName = try #require(try Self.json(try Self.get("/api/complete?word=FEMI"))["candidates"] as? [[String: Any]])
        #expect(byName.contains { $0["insert"] as? String == "imrf_2022" && $0["label"] as? String == "FEMI 2022" })
        let empty = try Self.json(try Self.get("/api/complete?word="))
        #expect((empty["candidates"] as? [Any])?.isEmpty == true)
    }

    @Test func unknownPathsAndWrongMethods() throws {
        let port = try GraphFixture.port()
        let missing = try Self.get("/api/nothing")
        #expect(missing.status == 404)
        #expect(missing.header("Content-Type") == "application/json; charset=utf-8")
        #expect(try Self.get("/no/such/page").status == 404)
        let post = try RawClient.post(port, "/api/why", body: "x")
        #expect(post.status == 405)
        #expect(post.header("Allow") == "GET, HEAD")
        let delete = try RawClient(port: port)
        try delete.send("DELETE /api/query HTTP/1.1\r\nHost: x\r\n\r\n")
        let d = try delete.finalResponse()
        #expect(d.status == 405)
        #expect(d.header("Allow") == "GET, HEAD, POST")
    }

    @Test func theRequestLimits() throws {
        let port = try GraphFixture.port()
        let big = try RawClient(port: port)
        try big.send("POST /api/query HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n")
        #expect(try big.finalResponse().status == 413)
        let longQuery = try Self.get("/api/query?q=" + String(repeating: "a", count: 9000))
        #expect(longQuery.status == 414)
        let headers = try RawClient(port: port)
        try headers.send("GET /api/query?q=p HTTP/1.1\r\nHost: x\r\nCookie: \(String(repeating: "c", count: 9000))\r\n\r\n")
        #expect(try headers.finalResponse().status == 431)
    }

    @Test func aQueryPastTheTimeLimitStops() throws {
        let server = try GraphFixture.start(workers: 1) { $0.timeout = 0.5 }
        defer { server.stop(); server.waitUntilStopped() }
        let slow = "triple(A,B,C), triple(D,E,F), triple(G,H,I), str(I, S), S = \"zz\""
        let started = Date()
        let r = try RawClient.get(server.port, "/api/query?q=" + GraphFixture.encode(slow))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(r.status == 400)
        let body = try Self.json(r)
        #expect(body["kind"] as? String == "timeout")
        #expect((body["message"] as? String)?.contains("0.5-second time limit") == true)
        // The next request on the same worker has its own time.
        #expect(try RawClient.get(server.port, "/api/query?q=" + GraphFixture.encode(Self.session4)).status == 200)
    }

    @Test func anAnswerPastMaxFactsStops() throws {
        let server = try GraphFixture.start(workers: 1) { $0.maxFacts = 50_000 }
        defer { server.stop(); server.waitUntilStopped() }
        let r = try RawClient.get(server.port, "/api/query?q=" + GraphFixture.encode("triple(A, B, C), triple(D, E, F)"))
        #expect(r.status == 400)
        let body = try Self.json(r)
        #expect(body["kind"] as? String == "limit")
        #expect((body["message"] as? String)?.contains("more than 50000 answers") == true)
    }

    /// Many clients at once, over keep-alive connections: every answer is the one the command
    /// line's formatter gives, whichever worker answered it.
    @Test func manyClientsGetTheSameAnswers() throws {
        let port = try GraphFixture.port()
        let queries = [Self.session4, "member_of(S, crm)", "practice_count(S, N), N >= 4", "like(L, \"peru\"), label(X, L)"]
        let local = try GraphFixture.seedSession()
        let expected = queries.map { AnswerFormatter(format: .json).render(local.answerReadOnly($0).answers) }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 24) { client in
            do {
                let c = try RawClient(port: port)
                for i in 0..<12 {
                    let k = (client + i) % queries.count
                    try c.send("GET /api/query?q=\(GraphFixture.encode(queries[k])) HTTP/1.1\r\nHost: x\r\n\r\n")
                    let r = try c.finalResponse()
                    if r.status != 200 || r.text != expected[k] { failures.add("client \(client), \(queries[k]): \(r.status) \(r.text.prefix(200))") }
                }
            } catch {
                failures.add("client \(client): \(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
    }
}
