import KGStore
import KnowledgeGraph

/// `:lang es|en|all`: which labels the REPL shows, in tables (`:labels on`) and in
/// `:describe`. Labels without a language tag are always shown; tagged ones only in the
/// chosen language, or all of them (the default).
enum LabelLanguage: Equatable {
    case all
    case tag(String)

    /// True when a label with this tag (nil: none) is shown.
    func admits(_ language: String?) -> Bool {
        switch self {
        case .all: return true
        case .tag(let t): return language == nil || language == "" || language == t
        }
    }

    var description: String {
        switch self {
        case .all: return "all"
        case .tag(let t): return t
        }
    }
}

extension REPL {
    /// `:lang` shows the setting; `:lang TAG` or `:lang all` changes it. A tag no label has
    /// is refused (with the tags in use), so a typo does not silently hide every label.
    func language(_ argument: String) {
        let choice = argument.lowercased()
        if choice.isEmpty {
            console.out("labels shown: \(labelLanguage.description)\n")
            return
        }
        if choice == "all" {
            labelLanguage = .all
            return
        }
        let tags = labelTags()
        guard tags.contains(choice) else {
            let known = tags.isEmpty ? "no label has a language tag" : "the labels' tags are " + tags.joined(separator: ", ")
            console.error("no label is tagged '\(argument)' (\(known)); usage: :lang es|en|all\n")
            return
        }
        labelLanguage = .tag(choice)
    }

    /// The language tags of the labels, sorted.
    private func labelTags() -> [String] {
        guard let model = try? session.evaluate().model, let r = model.existingRelation("label"), r.arity == 2 else { return [] }
        var tags = Set<String>()
        for row in 0..<r.count {
            if case .string(_, let lang?) = model.dictionary[r.value(row: row, column: 1)], !lang.isEmpty { tags.insert(lang) }
        }
        return tags.sorted()
    }

    /// The labels `:lang` admits, untagged first, then by tag.
    func shownLabels(_ labels: [Term]) -> [Term] {
        labels.filter { term in
            guard case .string(_, let lang) = term else { return true }
            return labelLanguage.admits(lang)
        }.sorted { a, b in
            guard case .string(let x, let lx) = a, case .string(let y, let ly) = b else { return false }
            return (lx ?? "", x) < (ly ?? "", y)
        }
    }
}
