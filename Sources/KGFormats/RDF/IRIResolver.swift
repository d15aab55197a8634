/// Resolves relative IRI references against a base IRI, following RFC 3986 section 5.2
/// (strict mode) including `remove_dot_segments`.
enum IRIResolver {
    /// The five components of an IRI reference (RFC 3986 appendix B).
    struct Components: Equatable {
        var scheme: ArraySlice<UInt8>?
        var authority: ArraySlice<UInt8>?
        var path: ArraySlice<UInt8>
        var query: ArraySlice<UInt8>?
        var fragment: ArraySlice<UInt8>?
    }

    /// `reference` resolved against `base`.
    static func resolve(_ reference: String, against base: String) -> String {
        let r = split(Array(reference.utf8)[...])
        let b = split(Array(base.utf8)[...])
        var t = Components(path: [])
        if let scheme = r.scheme {
            t.scheme = scheme
            t.authority = r.authority
            t.path = removeDotSegments(r.path)
            t.query = r.query
        } else {
            if let authority = r.authority {
                t.authority = authority
                t.path = removeDotSegments(r.path)
                t.query = r.query
            } else {
                if r.path.isEmpty {
                    t.path = b.path
                    t.query = r.query ?? b.query
                } else {
                    if r.path.first == UInt8(ascii: "/") {
                        t.path = removeDotSegments(r.path)
                    } else {
                        t.path = removeDotSegments(merge(base: b, path: r.path))
                    }
                    t.query = r.query
                }
                t.authority = b.authority
            }
            t.scheme = b.scheme
        }
        t.fragment = r.fragment
        return recompose(t)
    }

    /// Splits by `^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?`.
    static func split(_ text: ArraySlice<UInt8>) -> Components {
        var rest = text
        var parts = Components(path: [])
        if let i = rest.firstIndex(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }),
           rest[i] == UInt8(ascii: ":"), i > rest.startIndex {
            parts.scheme = rest[rest.startIndex..<i]
            rest = rest[(i + 1)...]
        }
        if rest.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) {
            let start = rest.startIndex + 2
            let end = rest[start...].firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) ?? rest.endIndex
            parts.authority = rest[start..<end]
            rest = rest[end...]
        }
        let pathEnd = rest.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) ?? rest.endIndex
        parts.path = rest[rest.startIndex..<pathEnd]
        rest = rest[pathEnd...]
        if rest.first == UInt8(ascii: "?") {
            let end = rest.firstIndex(of: UInt8(ascii: "#")) ?? rest.endIndex
            parts.query = rest[(rest.startIndex + 1)..<end]
            rest = rest[end...]
        }
        if rest.first == UInt8(ascii: "#") {
            parts.fragment = rest.dropFirst()
        }
        return parts
    }

    /// RFC 3986 5.2.3: the base path up to its last `/`, then the reference path.
    static func merge(base: Components, path: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if base.authority != nil && base.path.isEmpty { return [UInt8(ascii: "/")] + path }
        guard let slash = base.path.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return base.path[...slash] + path
    }

    /// RFC 3986 5.2.4.
    static func removeDotSegments(_ path: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let dot = UInt8(ascii: "."), slash = UInt8(ascii: "/")
        var input = path
        var output: [UInt8] = []
        func removeLastSegment() {
            if let last = output.lastIndex(of: slash) { output.removeSubrange(last...) } else { output.removeAll() }
        }
        while !input.isEmpty {
            if input.starts(with: [dot, dot, slash]) {
                input = input.dropFirst(3)
            } else if input.starts(with: [dot, slash]) {
                input = input.dropFirst(2)
            } else if input.starts(with: [slash, dot, slash]) {
                input = input.dropFirst(2)
            } else if input.elementsEqual([slash, dot]) {
                input = [slash]
            } else if input.starts(with: [slash, dot, dot, slash]) {
                input = input.dropFirst(3)
                removeLastSegment()
            } else if input.elementsEqual([slash, dot, dot]) {
                input = [slash]
                removeLastSegment()
            } else if input.elementsEqual([dot]) || input.elementsEqual([dot, dot]) {
                input = []
            } else {
                let searchFrom = input.first == slash ? input.startIndex + 1 : input.startIndex
                let end = input[searchFrom...].firstIndex(of: slash) ?? input.endIndex
                output.append(contentsOf: input[input.startIndex..<end])
                input = input[end...]
            }
        }
        return output[...]
    }

    static func recompose(_ t: Components) -> String {
        var bytes: [UInt8] = []
        if let scheme = t.scheme {
            bytes += scheme
            bytes.append(UInt8(ascii: ":"))
        }
        if let authority = t.authority {
            bytes += [UInt8(ascii: "/"), UInt8(ascii: "/")]
            bytes += authority
        }
        bytes += t.path
        if let query = t.query {
            bytes.append(UInt8(ascii: "?"))
            bytes += query
        }
        if let fragment = t.fragment {
            bytes.append(UInt8(ascii: "#"))
            bytes += fragment
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
