import Testing
@testable import KGFormats

/// Relative IRI resolution: the RFC 3986 section 5.4 examples.
@Suite struct IRIResolverTests {
    static let base = "http://a/b/c/d;p?q"

    static let normal: [(String, String)] = [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
        ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
        ("../../g", "http://a/g"),
    ]

    static let abnormal: [(String, String)] = [
        ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"),
        ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"),
        ("g..", "http://a/b/c/g.."), ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"),
        ("./g/.", "http://a/b/c/g/"), ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"),
        ("g;x=1/./y", "http://a/b/c/g;x=1/y"), ("g;x=1/../y", "http://a/b/c/y"),
        ("g?y/./x", "http://a/b/c/g?y/./x"), ("g?y/../x", "http://a/b/c/g?y/../x"),
        ("g#s/./x", "http://a/b/c/g#s/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"), ("http:g", "http:g"),
    ]

    @Test(arguments: normal)
    func normalExamples(reference: String, expected: String) {
        #expect(IRIResolver.resolve(reference, against: IRIResolverTests.base) == expected)
    }

    @Test(arguments: abnormal)
    func abnormalExamples(reference: String, expected: String) {
        #expect(IRIResolver.resolve(reference, against: IRIResolverTests.base) == expected)
    }

    @Test func baseWithoutPath() {
        #expect(IRIResolver.resolve("g", against: "http://a") == "http://a/g")
        #expect(IRIResolver.resolve("#x", against: "http://a") == "http://a#x")
    }

    @Test func fragmentOfBaseIsDropped() {
        #expect(IRIResolver.resolve("", against: "http://a/b#frag") == "http://a/b")
        #expect(IRIResolver.resolve("#new", against: "http://a/b#frag") == "http://a/b#new")
    }

    @Test func nonASCIIIsKept() {
        #expect(IRIResolver.resolve("café/ü", against: "http://例え.jp/a/b") == "http://例え.jp/a/café/ü")
    }

    @Test func removeDotSegments() {
        #expect(IRIResolver.removeDotSegments(Array("/a/b/c/./../../g".utf8)[...]).elementsEqual("/a/g".utf8))
        #expect(IRIResolver.removeDotSegments(Array("mid/content=5/../6".utf8)[...]).elementsEqual("mid/6".utf8))
    }
}
