import Foundation
import KGFormats
import KGStore
import KnowledgeGraph

/// The REPL's `:find TEXT` and the names block of `:describe`, over the names of
/// `NamePredicate` (labels, alt labels, acronyms, titles, headings, listed topics,
/// descriptive labels).
extension REPL {
    /// `:find TEXT`: one line per entity, `id  — what matched; …`, each match as `id` or
    /// `predicate "name"@lang`. Entities matched by id or label come first, then by id. Quotes
    /// around the whole text are dropped: `:find "FEMI 2022"` and `:find FEMI 2022` are one.
    func find(_ argument: String) {
        let text = Self.unquoted(argument)
        guard !text.isEmpty else {
            console.error("usage: :find TEXT, as in :find Sesión 4\n")
            return
        }
        do {
            let hits = try session.find(text)
            if hits.isEmpty {
                console.out("no entity matches '\(TerminalSafe.text(text))'\n")
                return
            }
            var out = ""
            for hit in hits { out += "\(DatalogText.term(hit.entity))  — \(TerminalSafe.text(Self.matchesText(hit.matches)))\n" }
            console.out(out)
        } catch {
            reportError(error)
        }
    }

    /// `id; label "Perú"@es; alt_label "…"@es`.
    static func matchesText(_ matches: [NameMatch]) -> String {
        matches.map { match in
            switch match {
            case .id: return "id"
            case .name(let n): return "\(n.predicate.name) \(DatalogText.term(n.value))"
            }
        }.joined(separator: "; ")
    }

    /// The text between one pair of double quotes around the whole argument, else the argument.
    static func unquoted(_ argument: String) -> String {
        guard argument.count >= 2, argument.first == "\"", argument.last == "\"" else { return argument }
        return String(argument.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
    }

    /// `:describe`'s names block: every name but the labels (shown on their own line), one a
    /// line, `predicate "name"@lang  [sources]`, in the languages `:lang` admits; empty when
    /// there are none.
    func describedNames(_ entity: Term) -> String {
        func admitted(_ name: EntityName) -> Bool {
            guard case .string(_, let lang) = name.value else { return true }
            return labelLanguage.admits(lang)
        }
        guard let names = try? session.names(of: entity).filter({ $0.name.predicate != .label && admitted($0.name) }), !names.isEmpty else { return "" }
        var out = "  names:\n"
        for (name, sources) in names {
            let cite = sources.isEmpty ? "" : "  [" + sources.map(DatalogText.term).joined(separator: ", ") + "]"
            out += "    \(name.predicate.name) \(TerminalSafe.text(DatalogText.term(name.value)))\(cite)\n"
        }
        return out
    }
}
