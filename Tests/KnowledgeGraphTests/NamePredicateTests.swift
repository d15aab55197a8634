import KGLanguage
import KnowledgeGraph
import Testing

@Suite struct NamePredicateTests {
    @Test func eachPredicateHasItsKind() {
        let kinds = Dictionary(uniqueKeysWithValues: NamePredicate.allCases.map { ($0.name, $0.kind) })
        #expect(kinds == [
            "label": .label, "alt_label": .printed, "acronym": .printed, "title": .printed, "heading": .printed,
            "printed_topic": .listed, "subheading": .listed, "descriptive_label": .descriptive,
        ])
    }

    @Test func namesAreOrderedByKindLabelsFirst() {
        let sorted = NamePredicate.allCases.shuffled().sorted()
        #expect(sorted.map(\.name) == ["label", "alt_label", "acronym", "title", "heading", "printed_topic", "subheading", "descriptive_label"])
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.kind <= $1.kind })
    }

    @Test func listedTopicsAreNotNamesOfTheEntityItself() {
        #expect(NamePredicate.allCases.filter { !$0.namesTheEntity } == [.printedTopic, .subheading])
        #expect(NamePredicate(predicate: "alt_label") == .altLabel)
        #expect(NamePredicate(predicate: "topic") == nil)
    }

    /// seeds/rules.dl's derived `name(X, N)` reads exactly the predicates that name the entity.
    @Test func theSeedGraphsNameRuleReadsTheSamePredicates() throws {
        let session = Session()
        let result = session.loadEmbeddedSeeds()
        try #require(!result.hasErrors)
        let rules = session.rules.filter { $0.head.predicate == "name" && $0.head.arity == 2 }
        try #require(!rules.isEmpty, "seeds/rules.dl defines no name/2")
        var read = Set<String>()
        for rule in rules {
            #expect(rule.body.count == 1, "name/2 branch \(rule.range.text) is not one atom")
            for case .atom(let a) in rule.body { read.insert(a.predicate) }
        }
        #expect(read == Set(NamePredicate.allCases.filter(\.namesTheEntity).map(\.name)))
    }
}
