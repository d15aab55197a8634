import Foundation
import KGAnalysis
import KGEngine
import KGFormats
import KGLanguage
import KGStore
import KnowledgeGraph
import Testing

// Checks on the curated seed graph (seeds/*.dl) and the saved queries (queries/*.dl): that the
// files load cleanly, that every entity is typed and labelled in both languages, that every
// fact is cited, that every predicate is declared, and that the counts seeds/README.md
// publishes are the counts the data has. The README's tables are parsed, not copied, so the
// README and the data cannot drift apart unnoticed.

/// Where the package's files are, found from this file's own path.
private enum SeedFiles {
    /// The package root: Tests/KGEngineTests/SeedGraphTests.swift is three levels down.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var seedsDirectory: String { root.appendingPathComponent("seeds").path }
    static var queriesDirectory: String { root.appendingPathComponent("queries").path }
    static var readme: String { root.appendingPathComponent("seeds/README.md").path }

    /// seeds/*.dl in load (name) order, as absolute paths.
    static func seedPaths() throws -> [String] {
        try SeedGraph.files(inDirectory: seedsDirectory)
    }

    /// queries/*.dl sorted by name, as absolute paths.
    static func queryPaths() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: queriesDirectory)
            .filter { $0.hasSuffix(".dl") }.sorted()
            .map { (queriesDirectory as NSString).appendingPathComponent($0) }
    }

    /// A fresh session with seeds/*.dl loaded from disk as one unit; fails the test on any
    /// load diagnostic.
    static func loadedSession(recordLocations: Bool = false) throws -> Session {
        let session = Session()
        session.options.recordFactLocations = recordLocations
        let result = session.load(paths: try seedPaths())
        try #require(!result.hasErrors, "seeds/*.dl do not load:\n\(render(result.diagnostics))")
        return session
    }

    /// The folder with the five source documents, if one is at hand: `KG_DOCS`, or
    /// `shared/docs` one or two levels above the package root (the project never ships
    /// the documents).
    static var documentsDirectory: String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["KG_DOCS"], !env.isEmpty { candidates.append(env) }
        candidates.append(root.deletingLastPathComponent().appendingPathComponent("shared/docs").path)
        candidates.append(root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/docs").path)
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Line counts of the documents in `documentsDirectory` (as `sed` counts: a last line
    /// without a newline counts), by file name; empty when the folder is not at hand.
    static func documentLineCounts() -> [String: Int] {
        guard let dir = documentsDirectory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [:] }
        var out: [String: Int] = [:]
        for name in names where name.hasSuffix(".txt") {
            guard let data = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent(name)) else { continue }
            let newlines = data.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            out[name] = newlines + (data.last == 10 || data.isEmpty ? 0 : 1)
        }
        return out
    }

    static func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// Read-only helpers over a database's stated facts.
private struct FactView {
    let database: Database
    var dictionary: TermDictionary { database.dictionary }

    func id(_ name: String) -> TermID? { dictionary.id(for: .entity(name)) }

    func name(_ id: TermID) -> String {
        if case .entity(let n) = dictionary[id] { return n }
        return dictionary[id].text
    }

    /// Every row of a binary relation as (subject, object).
    func pairs(_ predicate: String) -> [(TermID, TermID)] {
        guard let r = database.existingRelation(predicate), r.arity == 2 else { return [] }
        return (0..<r.count).map { (r.value(row: $0, column: 0), r.value(row: $0, column: 1)) }
    }

    /// Direct superclasses by class, from the stated subclass_of facts.
    var superclasses: [TermID: Set<TermID>] {
        var out: [TermID: Set<TermID>] = [:]
        for (c, p) in pairs("subclass_of") { out[c, default: []].insert(p) }
        return out
    }

    /// A class and every class above it through subclass_of.
    func ancestors(of c: TermID, in parents: [TermID: Set<TermID>]) -> Set<TermID> {
        var seen: Set<TermID> = [c], stack = [c]
        while let x = stack.popLast() {
            for y in parents[x] ?? [] where seen.insert(y).inserted { stack.append(y) }
        }
        return seen
    }

    /// Stated types by entity.
    var types: [TermID: Set<TermID>] {
        var out: [TermID: Set<TermID>] = [:]
        for (x, c) in pairs("type") { out[x, default: []].insert(c) }
        return out
    }

    /// The class entities: those with type(C, class).
    var classes: Set<TermID> {
        guard let cls = id("class") else { return [] }
        return Set(pairs("type").filter { $0.1 == cls }.map(\.0))
    }
}

@Suite struct SeedGraphTests {
    // MARK: 1. Loading

    @Test func seedsLoadWithoutErrorsOrWarnings() throws {
        let session = Session()
        let result = session.load(paths: try SeedFiles.seedPaths())
        #expect(result.diagnostics.isEmpty, "loading seeds/*.dl reported:\n\(SeedFiles.render(result.diagnostics))")
        #expect(result.factsAdded > 0)
        #expect(result.rulesAdded > 0)
        // The rules evaluate without hitting a limit or an error.
        let model = try session.evaluate().model
        #expect(model.factCount > session.database.factCount)
    }

    // MARK: 2. Types and labels

    /// Every entity argument of a stated fact (its subject, its object, any argument of a
    /// non-binary fact) has a type and a Spanish and an English label. Literals (strings,
    /// numbers, dates) are not entities. Class entities and the modality values `virtual` /
    /// `in_person` are not exempted: the README says classes have both labels, and the
    /// modality values are typed `modality_kind`.
    @Test func everyEntityHasTypeAndBothLabels() throws {
        let session = try SeedFiles.loadedSession()
        #expect(Self.entityArguments(of: session.database).count > 300)
        let problems = Self.typeAndLabelProblems(in: session.database)
        #expect(problems.untyped.isEmpty, "entities without type/2 (\(problems.untyped.count)): \(problems.untyped.joined(separator: ", "))")
        #expect(problems.noSpanish.isEmpty, "entities without a label @es (\(problems.noSpanish.count)): \(problems.noSpanish.joined(separator: ", "))")
        #expect(problems.noEnglish.isEmpty, "entities without a label @en (\(problems.noEnglish.count)): \(problems.noEnglish.joined(separator: ", "))")
    }

    /// Entities among the arguments of stated facts that lack a type, a Spanish or an
    /// English label (sorted names).
    static func typeAndLabelProblems(in database: Database) -> (untyped: [String], noSpanish: [String], noEnglish: [String]) {
        let view = FactView(database: database)
        var languages: [TermID: [String]] = [:]
        for (x, l) in view.pairs("label") {
            if case .string(_, let language) = view.dictionary[l] { languages[x, default: []].append(language ?? "") }
        }
        let types = view.types
        var untyped: [String] = [], noSpanish: [String] = [], noEnglish: [String] = []
        for e in entityArguments(of: database) {
            let name = view.name(e)
            if types[e]?.isEmpty ?? true { untyped.append(name) }
            if !(languages[e] ?? []).contains("es") { noSpanish.append(name) }
            if !(languages[e] ?? []).contains("en") { noEnglish.append(name) }
        }
        return (untyped.sorted(), noSpanish.sorted(), noEnglish.sorted())
    }

    /// The README's modelling choices: "every entity has exactly one type/2" and labels
    /// "@es and @en, one each"; a label always carries one of those two language tags.
    @Test func typesAndLabelsAreUnique() throws {
        let session = try SeedFiles.loadedSession()
        let view = FactView(database: session.database)
        var several: [String] = []
        for (x, cs) in view.types where cs.count > 1 {
            several.append("\(view.name(x)) (\(cs.map(view.name).sorted().joined(separator: ", ")))")
        }
        #expect(several.isEmpty, "entities with more than one type/2: \(several.sorted().joined(separator: "; "))")

        var perLanguage: [TermID: [String: Int]] = [:]
        var badLabels: [String] = []
        for (x, l) in view.pairs("label") {
            guard case .string(_, let language) = view.dictionary[l], let language, ["es", "en"].contains(language) else {
                badLabels.append("label(\(view.name(x)), \(view.dictionary[l].text))")
                continue
            }
            perLanguage[x, default: [:]][language, default: 0] += 1
        }
        #expect(badLabels.isEmpty, "labels that are not strings tagged @es or @en: \(badLabels.sorted().joined(separator: "; "))")
        var repeated: [String] = []
        for (x, counts) in perLanguage {
            for (language, n) in counts where n > 1 { repeated.append("\(view.name(x))@\(language) ×\(n)") }
        }
        #expect(repeated.isEmpty, "entities with more than one label in a language: \(repeated.sorted().joined(separator: ", "))")
    }

    /// Entity terms that occur as an argument of any stated fact, or as the source a fact
    /// is cited to.
    static func entityArguments(of database: Database) -> Set<TermID> {
        var out: Set<TermID> = []
        for relation in database.relations.values {
            for row in 0..<relation.count {
                out.formUnion(relation.sources[Int32(row)] ?? [])
                for column in 0..<relation.arity {
                    let id = relation.value(row: row, column: column)
                    switch database.dictionary[id] {
                    case .entity, .iri, .blankNode: out.insert(id)
                    default: break
                    }
                }
            }
        }
        return out
    }

    // MARK: 3. Sources

    @Test func everyFactIsCitedToATypedSource() throws {
        let session = try SeedFiles.loadedSession()
        let problems = try Self.citationProblems(in: session.database)
        #expect(problems.uncited.isEmpty, "facts without @source (\(problems.uncited.count)):\n\(problems.uncited.joined(separator: "\n"))")
        #expect(problems.notSources.isEmpty, "sources cited but not typed source or a subclass of it: \(problems.notSources.joined(separator: ", "))")
        #expect(problems.cited > 50)
    }

    /// Stated facts with no source, cited sources that are not typed `source` (or below it
    /// through subclass_of), and how many distinct sources are cited.
    static func citationProblems(in database: Database) throws -> (uncited: [String], notSources: [String], cited: Int) {
        let view = FactView(database: database)
        let parents = view.superclasses
        let types = view.types
        let source = try #require(view.id("source"), "no entity `source` in the seeds")
        var uncited: [String] = []
        var citedSources: Set<TermID> = []
        for name in database.relations.keys.sorted() {
            guard let relation = database.existingRelation(name) else { continue }
            for row in 0..<relation.count {
                let sources = relation.sources[Int32(row)] ?? []
                if sources.isEmpty {
                    uncited.append(DatalogText.fact(name, relation.row(row).map { database.dictionary[$0] }))
                }
                citedSources.formUnion(sources)
            }
        }
        var notSources: [String] = []
        for s in citedSources {
            let isSource = (types[s] ?? []).contains { view.ancestors(of: $0, in: parents).contains(source) }
            if !isSource { notSources.append(view.name(s)) }
        }
        return (uncited, notSources.sorted(), citedSources.count)
    }

    /// The audits above do catch what they look for: seeds plus deliberately broken facts.
    @Test func auditsCatchBrokenData() throws {
        let session = try SeedFiles.loadedSession()
        let broken = session.load(texts: [
            ("<cited>", "@source src_doc000.\nrefers_to(ecuador, zz_unlabelled).\ntype(zz_half, state). label(zz_half, \"Medio\"@es).\nrefers_to(chile, zz_half)."),
            ("<uncited>", "refers_to(peru, csm)."),
            ("<bad source>", "@source ecuador.\nrefers_to(peru, chile)."),
        ])
        try #require(!broken.hasErrors, "\(SeedFiles.render(broken.diagnostics))")
        let labels = Self.typeAndLabelProblems(in: session.database)
        #expect(labels.untyped == ["zz_unlabelled"])
        #expect(labels.noSpanish == ["zz_unlabelled"])
        #expect(labels.noEnglish == ["zz_half", "zz_unlabelled"])
        let citations = try Self.citationProblems(in: session.database)
        #expect(citations.uncited == ["refers_to(peru, csm)"])
        #expect(citations.notSources == ["ecuador"])
    }

    // MARK: 3b. Sections, passages and where each fact is cited

    /// Every section and passage has one `line_range(S, First, Last)` with 1 <= First <=
    /// Last; a passage spans at most 25 lines, lies inside its section, and the passages
    /// of a section tile it (consecutive, no gaps, first and last lines shared). When
    /// the five documents are at hand (`KG_DOCS`, or `../shared/docs` /
    /// `../../shared/docs` from the package root), every range also lies inside its file.
    @Test func sectionsAndPassagesHaveLineRangesThatFit() throws {
        let session = try SeedFiles.loadedSession()
        let problems = Self.lineRangeProblems(in: session.database, documentLineCounts: SeedFiles.documentLineCounts())
        #expect(problems.isEmpty, "line-range problems (\(problems.count)):\n\(problems.joined(separator: "\n"))")
        let view = FactView(database: session.database)
        #expect(view.pairs("passage_of").count > 50)
    }

    /// Every stated fact is cited to a passage, to a document section of at most 25
    /// lines, to an inference source (type `curator_inference`) or to `kg_schema`.
    @Test func everyFactIsCitedToAPassageAShortSectionAnInferenceOrTheSchema() throws {
        let session = try SeedFiles.loadedSession()
        let wrong = Self.coarseCitations(in: session.database)
        #expect(wrong.isEmpty, "facts cited to a source that is neither a passage, a section of at most 25 lines, an inference nor kg_schema (\(wrong.count)):\n\(wrong.prefix(40).joined(separator: "\n"))")
    }

    /// Every inference source says what it rests on: at least one `inferred_from` to a
    /// passage or section, a note, and nothing but facts the documents do not print.
    @Test func inferenceSourcesNameWhatTheyRestOn() throws {
        let session = try SeedFiles.loadedSession()
        let view = FactView(database: session.database)
        let inference = try #require(view.id("curator_inference"))
        let inferences = view.pairs("type").filter { $0.1 == inference }.map(\.0)
        #expect(inferences.count >= 20)
        let from = Dictionary(grouping: view.pairs("inferred_from"), by: \.0)
        let notes = Set(view.pairs("note").map(\.0))
        let types = view.types
        let sourceKinds = Set(["passage", "document_section"].compactMap(view.id))
        for i in inferences {
            let targets = from[i]?.map(\.1) ?? []
            #expect(!targets.isEmpty, "\(view.name(i)) has no inferred_from")
            #expect(notes.contains(i), "\(view.name(i)) has no note")
            for t in targets {
                #expect(!(types[t] ?? []).isDisjoint(with: sourceKinds), "inferred_from(\(view.name(i)), \(view.name(t))): not a passage or section")
            }
        }
    }

    /// The audits above catch what they look for.
    @Test func sourceAuditsCatchBrokenData() throws {
        let session = try SeedFiles.loadedSession()
        let broken = session.load(texts: [("<broken>", """
            @source kg_schema.
            type(zz_doc, document). source_file(zz_doc, "zz.txt").
            type(zz_long, document_section). section_of(zz_long, zz_doc). line_range(zz_long, 1, 40).
            type(zz_long_p1, passage). passage_of(zz_long_p1, zz_long). line_range(zz_long_p1, 1, 30).
            type(zz_long_p2, passage). passage_of(zz_long_p2, zz_long). line_range(zz_long_p2, 32, 40).
            type(zz_none, document_section). section_of(zz_none, zz_doc).
            @source zz_long.
            refers_to(peru, chile).
            """)])
        try #require(!broken.hasErrors, "\(SeedFiles.render(broken.diagnostics))")
        let problems = Self.lineRangeProblems(in: session.database, documentLineCounts: ["zz.txt": 35])
        #expect(problems.contains { $0.contains("zz_long_p1") && $0.contains("more than 25") })
        #expect(problems.contains { $0.contains("zz_long") && $0.contains("gap") })
        #expect(problems.contains { $0.contains("zz_none") && $0.contains("no line_range") })
        #expect(problems.contains { $0.contains("zz_long") && $0.contains("beyond") })
        #expect(Self.coarseCitations(in: session.database) == ["refers_to(peru, chile) @ zz_long"])
    }

    /// Line-range problems of sections and passages, one sentence each.
    static func lineRangeProblems(in database: Database, documentLineCounts: [String: Int]) -> [String] {
        let view = FactView(database: database)
        var problems: [String] = []
        var ranges: [TermID: [(Int, Int)]] = [:]
        if let r = database.existingRelation("line_range"), r.arity == 3 {
            for row in 0..<r.count {
                guard case .integer(let a) = view.dictionary[r.value(row: row, column: 1)],
                      case .integer(let b) = view.dictionary[r.value(row: row, column: 2)] else {
                    problems.append("\(view.name(r.value(row: row, column: 0))): line_range with non-integer bounds")
                    continue
                }
                ranges[r.value(row: row, column: 0), default: []].append((Int(a), Int(b)))
            }
        }
        let types = view.types
        let sectionClass = view.id("document_section"), passageClass = view.id("passage")
        let sections = types.filter { $0.value.contains { $0 == sectionClass } }.map(\.key)
        let passages = types.filter { $0.value.contains { $0 == passageClass } }.map(\.key)
        let sectionOf = Dictionary(view.pairs("section_of"), uniquingKeysWith: { a, _ in a })
        let passageOf = Dictionary(view.pairs("passage_of"), uniquingKeysWith: { a, _ in a })
        var files: [TermID: String] = [:]
        for (d, f) in view.pairs("source_file") { files[d] = view.dictionary[f].text }
        func range(_ s: TermID) -> (Int, Int)? {
            guard let rs = ranges[s] else { problems.append("\(view.name(s)): no line_range"); return nil }
            if rs.count > 1 { problems.append("\(view.name(s)): \(rs.count) line_range facts") }
            let (a, b) = rs[0]
            if a < 1 || b < a { problems.append("\(view.name(s)): bad line_range \(a)-\(b)") }
            return (a, b)
        }
        var bySection: [TermID: [(Int, Int, TermID)]] = [:]
        for p in passages.sorted() {
            guard let (a, b) = range(p) else { continue }
            if b - a + 1 > 25 { problems.append("\(view.name(p)): \(b - a + 1) lines, more than 25") }
            guard let s = passageOf[p] else { problems.append("\(view.name(p)): no passage_of"); continue }
            bySection[s, default: []].append((a, b, p))
        }
        for s in sections.sorted() {
            guard let (a, b) = range(s) else { continue }
            if let d = sectionOf[s], let file = files[d], let n = documentLineCounts[file], b > n {
                problems.append("\(view.name(s)): line_range \(a)-\(b) beyond the \(n) lines of \(file)")
            }
            guard let ps = bySection[s]?.sorted(by: { $0.0 < $1.0 }) else {
                if b - a + 1 > 25 { problems.append("\(view.name(s)): \(b - a + 1) lines and no passages") }
                continue
            }
            var next = a
            for (pa, pb, p) in ps {
                if pa != next { problems.append("\(view.name(s)): gap or overlap before \(view.name(p)) (line \(pa), expected \(next))") }
                next = pb + 1
            }
            if next != b + 1 { problems.append("\(view.name(s)): passages end at \(next - 1), the section at \(b) (gap)") }
        }
        return problems.sorted()
    }

    /// Stated facts cited to a source that is not a passage, a section of at most 25
    /// lines, an inference source or kg_schema, as `fact @ source`.
    static func coarseCitations(in database: Database) -> [String] {
        let view = FactView(database: database)
        let types = view.types
        var length: [TermID: Int] = [:]
        if let r = database.existingRelation("line_range"), r.arity == 3 {
            for row in 0..<r.count {
                if case .integer(let a) = view.dictionary[r.value(row: row, column: 1)],
                   case .integer(let b) = view.dictionary[r.value(row: row, column: 2)] {
                    length[r.value(row: row, column: 0)] = Int(b - a + 1)
                }
            }
        }
        let passage = view.id("passage"), section = view.id("document_section")
        let inference = view.id("curator_inference"), schema = view.id("kg_schema")
        func fine(_ g: TermID) -> Bool {
            if g == schema { return true }
            let t = types[g] ?? []
            if t.contains(where: { $0 == passage || $0 == inference }) { return true }
            if t.contains(where: { $0 == section }), let n = length[g], n <= 25 { return true }
            return false
        }
        var out: [String] = []
        for name in database.relations.keys.sorted() {
            guard let relation = database.existingRelation(name) else { continue }
            for row in 0..<relation.count {
                for g in relation.sources[Int32(row)] ?? [] where !fine(g) {
                    out.append("\(DatalogText.fact(name, relation.row(row).map { database.dictionary[$0] })) @ \(view.name(g))")
                }
            }
        }
        return out.sorted()
    }

    // MARK: 4. Declarations

    @Test func everySeedPredicateIsDeclared() throws {
        let session = try SeedFiles.loadedSession()
        let undeclared = session.table.entries.values.filter { $0.declaration == nil }.map(\.signature).sorted()
        #expect(undeclared.isEmpty, "predicates used in seeds/ without @pred: \(undeclared.joined(separator: ", "))")
        // Derived predicates are declared too, and so are the rule heads of rules.dl.
        let derivedUndeclared = session.table.entries.values.filter { $0.hasRules && $0.declaration == nil }.map(\.signature)
        #expect(derivedUndeclared.isEmpty)
    }

    /// A saved query may define its own helper predicates (`n_instruments(M, count<I>) :- ...`);
    /// every other predicate it uses must be one the seeds declare.
    @Test(arguments: try SeedFiles.queryPaths().map { ($0 as NSString).lastPathComponent })
    func everyQueryPredicateIsDeclared(_ file: String) throws {
        let session = try SeedFiles.loadedSession()
        let before = Set(session.table.entries.keys)
        let path = (SeedFiles.queriesDirectory as NSString).appendingPathComponent(file)
        let result = session.load(paths: [path])
        #expect(result.diagnostics.isEmpty, "queries/\(file) reported:\n\(SeedFiles.render(result.diagnostics))")
        #expect(!result.queries.isEmpty, "queries/\(file) holds no query")
        let added = session.table.entries.values.filter { !before.contains($0.name) }
        let undeclared = added.filter { $0.declaration == nil && !$0.hasRules }.map(\.signature).sorted()
        #expect(undeclared.isEmpty, "queries/\(file) uses undeclared predicates: \(undeclared.joined(separator: ", "))")
        // A helper must not silently extend a seed predicate.
        let extended = session.table.entries.values.filter { before.contains($0.name) && $0.hasRules }
            .map(\.name).filter { name in result.clauses.contains { $0.head.predicate == name } }.sorted()
        #expect(extended.isEmpty, "queries/\(file) adds rules to seed predicates: \(extended.joined(separator: ", "))")
    }

    // MARK: 5. Counts

    @Test func countsMatchTheReadme() throws {
        let readme = try ReadmeCounts.parse(String(contentsOfFile: SeedFiles.readme, encoding: .utf8))
        let session = try SeedFiles.loadedSession(recordLocations: true)
        let view = FactView(database: session.database)
        let parents = view.superclasses
        let classes = view.classes
        let classID = try #require(view.id("class"))

        #expect(classes.count == readme.classEntities, "class entities: data \(classes.count), README \(readme.classEntities)")

        // Every entity's top class: the class reached by walking subclass_of up to the end.
        func top(_ c: TermID) -> TermID {
            var c = c, seen: Set<TermID> = [c]
            while let p = parents[c]?.sorted().first, seen.insert(p).inserted { c = p }
            return c
        }
        var byTop: [String: Int] = [:], byClass: [String: Int] = [:]
        var total = 0
        for (_, c) in view.pairs("type") where c != classID {
            byTop[view.name(top(c)), default: 0] += 1
            byClass[view.name(c), default: 0] += 1
            total += 1
        }
        #expect(byTop == readme.topClasses, "per top class: data \(byTop.sorted { $0.key < $1.key }), README \(readme.topClasses.sorted { $0.key < $1.key })")
        #expect(total == readme.total, "typed non-class entities: data \(total), README \(readme.total)")
        #expect(readme.topClasses.values.reduce(0, +) == readme.total, "the README's top-class rows do not add up to its total")
        for expected in ["state", "body", "meeting", "session", "instrument", "practice", "person", "source"] {
            #expect(readme.topClasses[expected] != nil, "the README's table has no row for \(expected)")
        }

        // Per finest class, with the parent the README gives.
        var byClassReadme: [String: Int] = [:]
        for row in readme.classes { byClassReadme[row.name] = row.count }
        #expect(byClass == byClassReadme, "per class: differences \(Self.differences(byClass, byClassReadme))")
        for row in readme.classes {
            guard let c = view.id(row.name) else {
                Issue.record("README class \(row.name) is not an entity of the seeds")
                continue
            }
            let stated = (parents[c] ?? []).map(view.name).sorted()
            let expected = row.parent.map { [$0] } ?? []
            #expect(stated == expected, "subclass_of(\(row.name), _): data \(stated), README \(expected)")
            #expect(classes.contains(c), "README class \(row.name) has no type(\(row.name), class)")
        }

        // Fact counts: as stated (each statement), distinct, and shared_by.
        #expect(session.factLocations.count == readme.statedFacts, "stated facts: data \(session.factLocations.count), README \(readme.statedFacts)")
        #expect(session.database.factCount == readme.distinctFacts, "distinct facts: data \(session.database.factCount), README \(readme.distinctFacts)")
        let sharedBy = session.database.existingRelation("shared_by")?.count ?? 0
        #expect(sharedBy == readme.sharedByFacts, "shared_by facts: data \(sharedBy), README \(readme.sharedByFacts)")
    }

    /// The numbers the README and core.dl state in prose: 23 member states (11 CRM, 12
    /// CSM), 58 practice listings with 68 attributions.
    @Test func membershipAndPracticeCounts() throws {
        let session = try SeedFiles.loadedSession()
        func rows(_ query: String) throws -> [[Term]] {
            let result = session.load(text: "?- \(query).", name: "<test>")
            try #require(result.diagnostics.isEmpty, "\(query): \(SeedFiles.render(result.diagnostics))")
            let q = try #require(result.queries.first)
            return try session.answer(q).rows
        }
        let crm = try rows("member_of(S, crm), type(S, state)")
        let csm = try rows("member_of(S, csm), type(S, state)")
        #expect(crm.count == 11, "CRM members: \(crm.map { $0[0].text })")
        #expect(csm.count == 12, "CSM members: \(csm.map { $0[0].text })")
        #expect(Set(crm.map { $0[0] }).union(csm.map { $0[0] }).count == 23)
        // Nothing but states is a member of the two conferences.
        #expect(try rows("member_of(S, crm)").count == 11)
        #expect(try rows("member_of(S, csm)").count == 12)
        #expect(try rows("crm_member(S)").count == 11)
        #expect(try rows("csm_member(S)").count == 12)
        #expect(try rows("type(S, state)").count == 24)
        #expect(try rows("type(P, practice)").count == 58)
        #expect(try rows("shared_by(P, X)").count == 68)
        #expect(try rows("shared_by(P, _)").count == 58, "every practice has at least one holder")
        #expect(try rows("presented_in(P, _)").count == 58, "every practice is listed in a session")
        #expect(try rows("type(P, practice), not shared_by(P, _)").isEmpty)
        #expect(try rows("reported_member_count(crm, 11)").count == 1)
        #expect(try rows("reported_member_count(csm, 12)").count == 1)
    }

    static func differences(_ a: [String: Int], _ b: [String: Int]) -> String {
        Set(a.keys).union(b.keys).sorted().compactMap { k in
            a[k] == b[k] ? nil : "\(k): data \(a[k].map(String.init) ?? "none"), README \(b[k].map(String.init) ?? "none")"
        }.joined(separator: "; ")
    }

    // MARK: 6. Class checks

    /// `kg check --no-seeds seeds/*.dl queries/*.dl` finds nothing.
    @Test func classCheckerFindsNothing() throws {
        let session = Session()
        session.options.recordFactLocations = true
        let result = session.load(paths: try SeedFiles.seedPaths() + SeedFiles.queryPaths())
        #expect(result.diagnostics.isEmpty, "loading seeds/*.dl queries/*.dl reported:\n\(SeedFiles.render(result.diagnostics))")
        try #require(!result.hasErrors)
        #expect(session.factLocations.count > 0)
        let problems = try ClassChecker.check(session)
        #expect(problems.isEmpty, "kg check reports \(problems.count):\n\(SeedFiles.render(problems))")
    }

    // MARK: 7. Embedded seeds

    /// The binary ships what seeds/ holds: same files, same text, same facts, same answers.
    @Test func embeddedSeedsEqualTheFilesOnDisk() throws {
        let paths = try SeedFiles.seedPaths()
        let embedded = SeedGraph.files
        #expect(embedded.map(\.name) == paths.map { ($0 as NSString).lastPathComponent })
        for (path, file) in zip(paths, embedded) {
            let disk = try String(contentsOfFile: path, encoding: .utf8)
            #expect(disk == file.text, "embedded \(file.name) differs from seeds/\(file.name): rebuild")
        }

        let fromDisk = try SeedFiles.loadedSession()
        let fromBinary = Session()
        let result = fromBinary.loadEmbeddedSeeds()
        #expect(result.diagnostics.isEmpty, "embedded seeds reported:\n\(SeedFiles.render(result.diagnostics))")
        #expect(fromBinary.database.factCount == fromDisk.database.factCount)
        #expect(fromBinary.database.tripleCount == fromDisk.database.tripleCount)
        #expect(try fromBinary.evaluate().model.factCount == fromDisk.evaluate().model.factCount)
        for query in [
            "member_of(S, csm), presented(S, v_plenary_session_4)",
            "practice_count(S, N), type(S, state)",
            "quad(ii_plenary, title, T, G)",
            "type(X, C), not type(C, class), C != class",
        ] {
            #expect(try Self.answer(query, in: fromBinary) == Self.answer(query, in: fromDisk), "answers differ: \(query)")
        }
    }

    static func answer(_ query: String, in session: Session) throws -> [[String]] {
        let result = session.load(text: "?- \(query).", name: "<test>")
        try #require(result.diagnostics.isEmpty, "\(query): \(SeedFiles.render(result.diagnostics))")
        let q = try #require(result.queries.first)
        return try session.answer(q).rows.map { $0.map(\.text) }
    }
}

/// The counts seeds/README.md publishes under "## Entity counts".
private struct ReadmeCounts {
    struct ClassRow { let name: String; let parent: String?; let count: Int }
    var topClasses: [String: Int] = [:]
    var total = 0
    var classes: [ClassRow] = []
    var classEntities = 0
    var statedFacts = 0
    var distinctFacts = 0
    var sharedByFacts = 0

    struct ParseError: Error, CustomStringConvertible { let description: String }

    static func parse(_ text: String) throws -> ReadmeCounts {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("## Entity counts") }) else {
            throw ParseError(description: "README has no '## Entity counts' section")
        }
        let end = lines[(start + 1)...].firstIndex(where: { $0.hasPrefix("## ") }) ?? lines.count
        let section = Array(lines[start..<end])

        // Tables: runs of lines starting with '|'; the first two lines are header and rule.
        var tables: [[[String]]] = [], current: [[String]] = []
        for line in section {
            if line.hasPrefix("|") {
                current.append(line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                    .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "**", with: "") })
            } else if !current.isEmpty {
                tables.append(current)
                current = []
            }
        }
        if !current.isEmpty { tables.append(current) }
        guard let topTable = tables.first(where: { $0.first == ["top class", "entities"] }) else {
            throw ParseError(description: "README has no '| top class | entities |' table")
        }
        guard let classTable = tables.first(where: { $0.first == ["class", "parent", "entities"] }) else {
            throw ParseError(description: "README has no '| class | parent | entities |' table")
        }
        var out = ReadmeCounts()
        for row in topTable.dropFirst(2) {
            guard row.count == 2, let n = Int(row[1]) else { throw ParseError(description: "bad row \(row)") }
            if row[0] == "total" { out.total = n } else { out.topClasses[row[0]] = n }
        }
        for row in classTable.dropFirst(2) {
            guard row.count == 3, let n = Int(row[2]) else { throw ParseError(description: "bad row \(row)") }
            out.classes.append(ClassRow(name: row[0], parent: row[1] == "—" ? nil : row[1], count: n))
        }
        let prose = section.joined(separator: "\n")
        out.classEntities = try number(in: prose, after: "The ", before: " class entities")
        out.statedFacts = try number(in: prose, after: "Stated facts (before set-semantics merging): ", before: ";")
        out.distinctFacts = try number(in: prose, after: "distinct (predicate, arguments): ", before: ";")
        out.sharedByFacts = try number(in: prose, after: "shared_by facts: ", before: ".")
        return out
    }

    private static func number(in text: String, after prefix: String, before suffix: String) throws -> Int {
        guard let a = text.range(of: prefix), let b = text.range(of: suffix, range: a.upperBound..<text.endIndex),
              let n = Int(text[a.upperBound..<b.lowerBound].trimmingCharacters(in: .whitespaces)) else {
            throw ParseError(description: "README: no number between '\(prefix)' and '\(suffix)'")
        }
        return n
    }
}

// MARK: - The demand transformation on the saved queries

@Suite struct SavedQueriesOnDemandTests {
    /// Every saved query answers the same with the demand (magic-set) transformation as with
    /// the whole program evaluated; several of them have a constant it can use.
    @Test func savedQueriesAnswerTheSameOnDemand() throws {
        let session = try SeedFiles.loadedSession()
        let result = session.load(paths: try SeedFiles.queryPaths())
        try #require(!result.hasErrors, "\(SeedFiles.render(result.diagnostics))")
        // Counted before any answer: once the whole program is evaluated, answers come from it.
        let transformed = result.queries.filter { session.answersOnDemand($0) }.count
        for query in result.queries {
            let onDemand = try session.answer(query, demand: .always)
            let full = try session.answer(query, demand: .never)
            #expect(onDemand.columns == full.columns, "\(query.text)")
            #expect(onDemand.rows == full.rows, "\(query.text): \(onDemand.rows.count) rows on demand, \(full.rows.count) in full")
        }
        #expect(transformed >= 5, "only \(transformed) of \(result.queries.count) saved queries were transformed")
    }
}
