import KGStore

/// File names of entity pages, inside the site's `entities/` folder.
///
/// A plain lowercase id (`[a-z][a-z0-9_]*`, at most 100 characters) is its own name:
/// `ecuador.html`. Any other term gets a stable hashed name that no plain id can take,
/// since it contains a `-`: an id with capitals `fooBar` becomes `foobar-<hash>.html` (two
/// ids differing only in case must not share a file on a case-insensitive disk), an IRI
/// `iri-<hash>.html`, a blank node `blank-<hash>.html`. The hash is 64-bit FNV-1a of the
/// term's kind and text, written as 16 hex digits: the same on every run and machine.
enum PageNames {
    static let folder = "entities"

    /// The page's file name inside `entities/`.
    static func fileName(for term: Term) -> String {
        switch term {
        case .entity(let name):
            if isPlain(name) { return name + ".html" }
            let slug = String(name.lowercased().unicodeScalars.filter { isSlugScalar($0) }.prefix(60).map(Character.init))
            return (slug.isEmpty ? "entity" : slug) + "-" + hash("entity:" + name) + ".html"
        case .iri(let iri): return "iri-" + hash("iri:" + iri) + ".html"
        case .blankNode(let label): return "blank-" + hash("blank:" + label) + ".html"
        default: return "literal-" + hash("literal:" + String(describing: term)) + ".html"
        }
    }

    /// The page's path from the site's root: `entities/ecuador.html`.
    static func path(for term: Term) -> String { folder + "/" + fileName(for: term) }

    static func isPlain(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.unicodeScalars.count <= 100 else { return false }
        return name.unicodeScalars.allSatisfy(isSlugScalar)
    }

    private static func isSlugScalar(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "_"
    }

    /// 64-bit FNV-1a of the UTF-8 bytes, as 16 lowercase hex digits.
    static func hash(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
