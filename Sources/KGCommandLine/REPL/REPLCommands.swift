import Foundation
import KGAnalysis
import KGEngine
import KGFormats
import KGLanguage
import KGStore
import KnowledgeGraph

/// The `:commands` of the REPL.
extension REPL {
    enum Outcome { case next, quit }

    /// Every command with its one-line help, in the order `:help` lists them.
    static let commands: [(name: String, usage: String, help: String)] = [
        ("help", ":help [command]", "this list, or one command's help"),
        ("schema", ":schema [pred]", "predicates: arity, fact counts, argument classes, description"),
        ("describe", ":describe ENTITY", "labels, type and every edge in and out, with sources"),
        ("find", ":find TEXT", "entities whose id or any name (label, alt label, acronym, title, heading, listed topic, descriptive label) contains TEXT (any case, any accents)"),
        ("why", ":why FACT", "why a fact holds: the rules and facts behind it, with their sources"),
        ("source", ":source SRC", "a source's document, heading and lines (their text with kg --docs DIR)"),
        ("rules", ":rules [pred]", "the rules, or those defining pred"),
        ("plan", ":plan QUERY", "how kg evaluates a query: strata, join order, indexes, rows and time per step"),
        ("load", ":load FILE", "load a .dl file (or .nt/.nq/.ttl) and answer its queries"),
        ("retract", ":retract FACT", "remove a stated fact"),
        ("save", ":save FILE", "write the facts and rules added in this session (atomically)"),
        ("format", ":format table|csv|tsv|json", "how answers print"),
        ("labels", ":labels on|off", "show entities with their label in tables"),
        ("lang", ":lang es|en|all", "which labels tables and :describe show (untagged ones always)"),
        ("timing", ":timing on|off", "show how long each query took"),
        ("stats", ":stats", "sizes of the graph and of the last evaluation"),
        ("quit", ":quit", "leave (Ctrl-D too)"),
    ]

    func command(_ line: String) -> Outcome {
        let body = line.dropFirst()
        let name = body.prefix { !$0.isWhitespace }
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        switch name {
        case "quit", "q", "exit": return .quit
        case "help", "h", "?": help(argument)
        case "schema": schema(argument)
        case "describe": describe(argument)
        case "find": find(argument)
        case "why": why(argument)
        case "source": source(argument)
        case "rules": rules(argument)
        case "load": load(argument)
        case "retract": retract(argument)
        case "save": save(argument)
        case "format":
            guard let f = AnswerFormat(rawValue: argument) else { return usage("format") }
            format = f
        case "labels", "timing":
            guard argument == "on" || argument == "off" else { return usage(String(name)) }
            if name == "labels" { showLabels = argument == "on" } else { timing = argument == "on" }
        case "stats": stats()
        case "lang": language(argument)
        case "plan": plan(argument)
        default:
            let near = NameSuggestion.nearest(String(name), Self.commands.map(\.name))
            console.error("unknown command :\(name)" + (near.map { "; did you mean :\($0)?" } ?? "; :help lists the commands") + "\n")
        }
        return .next
    }

    private func usage(_ name: String) -> Outcome {
        if let c = Self.commands.first(where: { $0.name == name }) { console.error("usage: \(c.usage)\n") }
        return .next
    }

    private func help(_ topic: String) {
        let topic = topic.hasPrefix(":") ? String(topic.dropFirst()) : topic
        if !topic.isEmpty {
            guard let c = Self.commands.first(where: { $0.name == topic }) else {
                console.error("no command :\(topic); :help lists the commands\n")
                return
            }
            console.out("\(c.usage)\n  \(c.help)\n")
            return
        }
        var out = "Type facts (p(a, b).), rules (q(X) :- p(X, _).) and queries (?- q(X).); end each with '.'.\n"
        let width = Self.commands.map(\.usage.count).max() ?? 0
        for c in Self.commands { out += "  \(c.usage.padding(toLength: width, withPad: " ", startingAt: 0))  \(c.help)\n" }
        out += "Keys: Tab completes; Up/Down and Ctrl-R search history; Ctrl-C cancels; Ctrl-D leaves.\n"
        console.out(out)
    }

    private func schema(_ filter: String) {
        do {
            let rows = try session.schema().filter { filter.isEmpty || $0.name == filter || $0.signature == filter || $0.name.hasPrefix(filter) }
            if rows.isEmpty {
                console.error("no predicate matches '\(filter)'\n")
                return
            }
            var out = ""
            for p in rows {
                let classes = p.classes.map { "(" + $0.joined(separator: ", ") + ")" } ?? ""
                var counts = "\(p.statedFacts) stated"
                if p.hasRules { counts += ", \(p.derivedFacts) derived" }
                out += "\(p.name)\(classes)/\(p.arity)  — \(counts)"
                if let d = p.description { out += "\n    \(TerminalSafe.text(d))" }
                out += "\n"
            }
            console.out(out)
        } catch {
            reportError(error)
        }
    }

    private func parseEntity(_ text: String) -> Term? {
        let file = SourceFile(name: "<input>", text: "?- x(\(text)).")
        var parser = Parser(file: file, prefixes: session.prefixes)
        guard case .query(let q)? = parser.nextStatement(), parser.diagnostics.isEmpty,
              case .atom(let a) = q.body.first, a.arguments.count == 1, case .constant(let t, _) = a.arguments[0] else { return nil }
        return t
    }

    private func describe(_ text: String) {
        guard let entity = parseEntity(text) else {
            console.error("usage: :describe ENTITY (an entity id such as peru; :find TEXT finds ids)\n")
            return
        }
        do {
            guard let d = try session.describe(entity) else {
                let hits = try session.find(text)
                console.error("nothing is known about \(text)" + (hits.isEmpty ? "" : "; did you mean " + hits.prefix(5).map { DatalogText.term($0.entity) }.joined(separator: ", ") + "?") + "\n")
                return
            }
            var out = "\(DatalogText.term(d.entity))\n"
            let labels = shownLabels(d.labels)
            if !labels.isEmpty { out += "  labels: " + labels.map(DatalogText.term).joined(separator: ", ") + "\n" }
            out += describedNames(entity)
            if !d.types.isEmpty { out += "  type: " + d.types.map(DatalogText.term).joined(separator: ", ") + "\n" }
            // Names are in the header, with their sources; the outgoing edges leave them out.
            let namePredicates = Set(NamePredicate.allCases.map(\.name))
            func edges(_ list: [EdgeDescription], arrow: String) -> String {
                list.filter { !namePredicates.contains($0.predicate) || arrow == "<-" }.map { e in
                    let cite = e.derived ? "derived" : (e.sources.isEmpty ? "stated" : e.sources.map(DatalogText.term).joined(separator: ", "))
                    return "    \(arrow) \(e.predicate) \(DatalogText.term(e.other))  [\(cite)]\n"
                }.joined()
            }
            let outgoing = edges(d.outgoing, arrow: "->"), incoming = edges(d.incoming, arrow: "<-")
            if !outgoing.isEmpty { out += "  outgoing:\n" + outgoing }
            if !incoming.isEmpty { out += "  incoming:\n" + incoming }
            if !d.otherFacts.isEmpty { out += "  in facts:\n" + d.otherFacts.map { "    \($0)\n" }.joined() }
            console.out(out)
        } catch {
            reportError(error)
        }
    }

    private func why(_ text: String) {
        guard !text.isEmpty else {
            console.error("usage: :why FACT, as in :why presented(ecuador, v_plenary_session_4)\n")
            return
        }
        do {
            switch try session.why(text) {
            case .success(let proof): console.out(TerminalSafe.lines(session.whyText(proof, documents: whyDocuments())))
            case .failure(.syntax(let d)): report([d])
            case .failure(.notAFact(let message)): console.error(message + "\n")
            }
        } catch {
            reportError(error)
        }
    }

    private func rules(_ filter: String) {
        // A rule with `;` runs as one rule per branch; it is listed once, as written.
        let shown = session.rules.filter { ($0.branch?.index ?? 0) == 0 && (filter.isEmpty || $0.head.predicate == filter || $0.head.spelling == filter) }
        if shown.isEmpty {
            console.out(filter.isEmpty ? "no rules\n" : "no rules define \(filter)\n")
            return
        }
        console.out(shown.map { "\(TerminalSafe.lines($0.range.text))   % \(TerminalSafe.text($0.range.location))\n" }.joined())
    }

    private func load(_ path: String) {
        guard !path.isEmpty else {
            console.error("usage: :load FILE\n")
            return
        }
        let result = session.load(path: path)
        report(result.diagnostics)
        guard !result.hasErrors else { return }
        console.out("loaded \(path): \(result.factsAdded) facts, \(result.rulesAdded) rules\n")
        for query in result.queries { answer(query) }
    }

    private func retract(_ text: String) {
        switch session.retract(text) {
        case .success(true):
            var canonical = text.trimmingCharacters(in: .whitespaces)
            if !canonical.hasSuffix(".") { canonical += "." }
            journal.remove(canonical)
            console.out("retracted\n")
        case .success(false): console.out("no such stated fact\n")
        case .failure(let d): report([d])
        }
    }

    private func save(_ path: String) {
        guard !path.isEmpty else {
            console.error("usage: :save FILE\n")
            return
        }
        let text = journal.text(prefixes: session.declaredPrefixes)
        do {
            try AtomicFile.write(text, to: path)
            console.out("saved \(journal.count) statement\(journal.count == 1 ? "" : "s") to \(path)\n")
        } catch {
            console.error("cannot save to '\(path)': \(error.reason)\n")
        }
    }

    private func stats() {
        let db = session.database
        var out = "stated facts: \(db.factCount) (\(db.tripleCount) triples) in \(db.relations.count) predicates\n"
        out += "rules: \(session.rules.filter { ($0.branch?.index ?? 0) == 0 }.count)\nterms in the dictionary: \(db.dictionary.count)\n"
        out += "memory (estimate): " + Self.describe(db.memoryUse, perTripleOf: db.tripleCount) + "\n"
        if let e = try? session.evaluate() {
            out += "last evaluation: \(e.statistics.derivedFacts) facts derived in \(e.statistics.rounds) rounds\n"
            if e.model !== db {
                out += "memory of the evaluated graph (estimate): " + Self.describe(e.model.memoryUse, perTripleOf: 0) + "\n"
            }
        }
        console.out(out)
    }

    /// `:stats`'s memory line: the total, bytes per triple when there are triples, and the parts.
    static func describe(_ memory: MemoryUse, perTripleOf triples: Int) -> String {
        let perTriple = triples > 0 ? ", \(memory.total / triples) bytes per triple" : ""
        return "\(memory.total / 1024) KiB\(perTriple): rows \(memory.rows / 1024) KiB, "
            + "deduplication \(memory.deduplication / 1024) KiB, indexes \(memory.indexes / 1024) KiB, "
            + "dictionary \(memory.dictionary / 1024) KiB"
    }

    func reportError(_ error: Error) {
        if let e = error as? EvaluationError { console.error(colourise(e.description) + "\n") } else { console.error("error: \(error)\n") }
    }
}

/// "Did you mean" for command names.
enum NameSuggestion {
    static func nearest(_ name: String, _ candidates: [String]) -> String? {
        candidates.first { $0.hasPrefix(name) } ?? NameSuggester.nearest(to: name, among: candidates)
    }
}
