import Foundation
import KGTestSupport
import Testing
@testable import KGServer

/// The pages of `kg serve` over loopback: the query page with and without a query, in both
/// languages, the why page and its fragment, the site's pages at their `kg site` paths,
/// assets with their types, the 404 page, escaping, and the security headers.
@Suite struct PageTests {
    static func get(_ target: String) throws -> RawClient.Response { try RawClient.get(try GraphFixture.port(), target) }
    static let session4 = "member_of(S, csm), presented(S, v_plenary_session_4)"

    @Test func theQueryPageWithoutAQuery() throws {
        for target in ["/", "/query"] {
            let r = try Self.get(target)
            #expect(r.status == 200)
            #expect(r.header("Content-Type") == "text/html; charset=utf-8")
            #expect(r.text.contains("<html lang=\"es\">"))
            #expect(r.text.contains("<h1>Consultar el grafo</h1>"))
            #expect(r.text.contains("<textarea id=\"q\" name=\"q\""))
            #expect(r.text.contains("<script src=\"query.js\"></script>"))
            // The examples, the session-4 question first.
            let first = try #require(r.text.range(of: "<details class=\"examples\""))
            let examples = r.text[first.upperBound...]
            #expect(examples.range(of: "presented(S, v_plenary_session_4)")!.lowerBound < examples.range(of: "member_of(S, crm)")!.lowerBound)
        }
        let en = try Self.get("/en/")
        #expect(en.text.contains("<html lang=\"en\">") && en.text.contains("<h1>Ask the graph</h1>"))
    }

    @Test func theQueryPageRunsTheQueryInItsAddress() throws {
        let r = try Self.get("/query?q=" + GraphFixture.encode(Self.session4))
        #expect(r.status == 200)
        for name in ["Argentina", "Chile", "Ecuador", "Uruguay"] {
            #expect(r.text.contains(">\(name)</a></td>"), "\(name)")
        }
        #expect(r.text.contains("href=\"entities/chile.html\""))
        #expect(r.text.contains("<span class=\"rows\">4 filas</span>"))
        #expect(r.text.contains("class=\"time\">en "))
        #expect(r.text.contains("format=csv&amp;download=1"))
        #expect(r.text.contains("format=json&amp;download=1"))
        #expect(r.text.contains("why?fact=member_of%28chile%2C%20csm%29&amp;fact=presented%28chile%2C%20v_plenary_session_4%29"))
        // The same answer in English, with English words.
        let en = try Self.get("/en/query?q=" + GraphFixture.encode(Self.session4))
        #expect(en.text.contains("<span class=\"rows\">4 rows</span>"))
        #expect(en.text.contains(">why</a>"))
        #expect(en.text.contains("class=\"lang-switch\" href=\"../query?q="))
    }

    @Test func errorsAndWarningsOnThePage() throws {
        let bad = try Self.get("/query?q=" + GraphFixture.encode("member_of(S csm)"))
        #expect(bad.status == 200)
        #expect(bad.text.contains("class=\"diagnostic error\""))
        #expect(bad.text.contains("<span class=\"where\">1:16</span>"))
        #expect(bad.text.contains("<pre class=\"caret\">  ?- member_of(S csm).\n                 ^</pre>"))
        let warned = try Self.get("/query?q=" + GraphFixture.encode("membr_of(S, csm)"))
        #expect(warned.text.contains("class=\"diagnostic warning\""))
        #expect(warned.text.contains("did you mean member_of/2?"))
    }

    @Test func theQueryTextIsEscapedEverywhere() throws {
        let hostile = "label(X, \"</textarea><script>alert(1)</script>\")"
        let r = try Self.get("/query?q=" + GraphFixture.encode(hostile))
        #expect(!r.text.contains("<script>alert"))
        #expect(r.text.contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func whyPages() throws {
        let facts = "fact=" + GraphFixture.encode("member_of(chile, csm)") + "&fact=" + GraphFixture.encode("presented(chile, v_plenary_session_4)")
        let page = try Self.get("/why?" + facts)
        #expect(page.status == 200)
        #expect(page.text.contains("<h1>Por qué se cumple</h1>"))
        // Each stated fact names its source with the file and lines its words are on.
        #expect(page.text.contains("declarado en <a class=\"src\" href=\"entities/src_doc003_session_4_p5.html\""))
        #expect(page.text.contains("<span class=\"where\">(003_af77edbcc0395ce3.txt, líneas 704–719)</span>"))
        // Without --docs no document text is shown.
        #expect(!page.text.contains("passage-text"))
        let fragment = try Self.get("/en/why?" + facts + "&part=1")
        #expect(fragment.text.hasPrefix("<div class=\"proofs\">"))
        #expect(!fragment.text.contains("<html"))
        #expect(fragment.text.contains("stated in <a class=\"src\""))
        #expect(fragment.text.contains("(003_af77edbcc0395ce3.txt, lines 704–719)"))
        #expect(fragment.text.contains("by the rule <code>presented(X, S) :-"))
        // A fact with variables is explained through its first match.
        let open = try Self.get("/why?fact=" + GraphFixture.encode("shared_by(P, chile)"))
        #expect(open.text.contains("shared_by(practice_chile_"))
        #expect(try Self.get("/why").status == 400)
    }

    @Test func theSitePagesAtTheirPaths() throws {
        for (path, type) in [("/index.html", "text/html; charset=utf-8"), ("/timeline.html", "text/html; charset=utf-8"),
                             ("/states.html", "text/html; charset=utf-8"), ("/entities/chile.html", "text/html; charset=utf-8"),
                             ("/en/entities/chile.html", "text/html; charset=utf-8"), ("/style.css", "text/css; charset=utf-8"),
                             ("/search.js", "text/javascript; charset=utf-8"), ("/en/search-index.js", "text/javascript; charset=utf-8"),
                             ("/query.js", "text/javascript; charset=utf-8")] {
            let r = try Self.get(path)
            #expect(r.status == 200, "\(path)")
            #expect(r.header("Content-Type") == type, "\(path)")
            #expect(r.header("Content-Security-Policy")?.hasPrefix("default-src 'none'; script-src 'self'") == true)
        }
        let chile = try Self.get("/entities/chile.html")
        #expect(chile.text.contains("<a href=\"../query\">Consulta</a>"))
        #expect(chile.text.contains("Servido por <code>kg serve</code>"))
        // Nothing inline: no script without src, no style attribute, no handler.
        for page in [chile.text, try Self.get("/query?q=" + GraphFixture.encode(Self.session4)).text] {
            #expect(!page.contains("<script>"))
            #expect(!page.contains(" style=\""))
            #expect(!page.contains(" onclick="))
            #expect(!page.contains("http://") || !page.contains("src=\"http"))
        }
    }

    @Test func unknownPagesAndMethods() throws {
        let missing = try Self.get("/entities/atlantis.html")
        #expect(missing.status == 404)
        #expect(missing.header("Content-Type") == "text/html; charset=utf-8")
        #expect(missing.text.contains("No encontrado"))
        #expect(try Self.get("/en/nothing").text.contains("Not found"))
        let post = try RawClient.post(try GraphFixture.port(), "/query", body: "q=x")
        #expect(post.status == 405)
        #expect(post.header("Allow") == "GET, HEAD")
    }
}
