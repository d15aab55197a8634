import KGAnalysis
import KGEngine
import KGLanguage
import KGStore

/// Checks stated facts against the argument classes their `@pred` declares: `string`, `int`,
/// `decimal`, `date`, `any`, or a class C — the entity must have `type(X, C')` with C' equal
/// to C or below it through `subclass_of`. Derived types count, but only the rules `type` and
/// `subclass_of` depend on are evaluated: `kg check` runs no query, and an unrelated runaway
/// rule must not make it run for minutes.
public enum ClassChecker {
    public static func check(_ session: Session) throws -> [Diagnostic] {
        let model = try session.evaluate(onlyFor: ["type", "subclass_of"]).model
        let dictionary = model.dictionary
        // Classes of each entity, closed upward under subclass_of.
        var superclasses: [TermID: Set<TermID>] = [:]
        if let sub = model.existingRelation("subclass_of"), sub.arity == 2 {
            for r in 0..<sub.count { superclasses[sub.value(row: r, column: 0), default: []].insert(sub.value(row: r, column: 1)) }
        }
        func ancestors(_ c: TermID) -> Set<TermID> {
            var seen: Set<TermID> = [c], stack = [c]
            while let x = stack.popLast() {
                for y in superclasses[x] ?? [] where seen.insert(y).inserted { stack.append(y) }
            }
            return seen
        }
        var types: [TermID: Set<TermID>] = [:]
        if let type = model.existingRelation("type"), type.arity == 2 {
            for r in 0..<type.count { types[type.value(row: r, column: 0), default: []].formUnion(ancestors(type.value(row: r, column: 1))) }
        }
        var out: [Diagnostic] = []
        for fact in session.factLocations {
            guard let declaration = session.table[fact.predicate]?.declaration else { continue }
            for (i, (term, cls)) in zip(fact.arguments, declaration.argumentClasses).enumerated() {
                if let problem = violation(term, cls, types: types, dictionary: dictionary) {
                    out.append(.warning("argument \(i + 1) of \(declaration.spelling) should be \(cls == "any" ? "anything" : (cls == "int" ? "an int" : "a \(cls)")), but \(problem)",
                        at: fact.range, notes: [.init("\(declaration.spelling) is declared here", at: declaration.range)]))
                }
            }
        }
        return out
    }

    private static func violation(_ t: Term, _ cls: String, types: [TermID: Set<TermID>], dictionary: TermDictionary) -> String? {
        switch cls {
        case "any": return nil
        case "string":
            if case .string = t { return nil }
            return "\(TermDescription.describe(t)) is not a string"
        case "int":
            if case .integer? = t.numericValue { return nil }
            return "\(TermDescription.describe(t)) is not an integer"
        case "decimal":
            return t.numericValue == nil ? "\(TermDescription.describe(t)) is not a number" : nil
        case "date":
            return t.dateValue == nil ? "\(TermDescription.describe(t)) is not a date" : nil
        default:
            guard let id = dictionary.id(for: t), let c = dictionary.id(for: .entity(cls)), types[id]?.contains(c) == true else {
                return "\(t.text) has no type \(cls) (state type(\(t.text), \(cls)) or a subclass of it)"
            }
            return nil
        }
    }
}
