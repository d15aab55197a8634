import KGLanguage

/// An explanation of why a fact holds (or does not), as `:why` prints it. Every leaf is a
/// stated fact with the sources it was stated under, an absence (a negated condition), or a
/// condition that held.
public indirect enum ProofNode: Sendable {
    /// A stated fact and the sources (documents, sections) that state it.
    case stated(fact: String, sources: [String])
    /// A derived fact: the rule used, the proofs of its body, and how many other
    /// derivations exist beside the one shown.
    case derived(fact: String, rule: String, location: String, premises: [ProofNode], otherDerivations: Int)
    /// An aggregate: the facts it ranged over (the first few) and how many there were.
    case aggregate(fact: String, rule: String, location: String, counted: [String], total: Int)
    /// `not q(...)` held: no such fact.
    case absent(fact: String)
    /// A comparison or built-in that held, instantiated.
    case condition(String)
    /// The fact does not hold, with what is cheaply known about why.
    case doesNotHold(fact: String, reasons: [String])
    /// Not expanded further (depth limit).
    case elided(fact: String)
}

extension ProofNode {
    /// The tree as indented text with box-drawing branches. `cite`, when given, says how a
    /// stated leaf cites its sources (`:why` with document lines, see `ProofCitations`).
    public func rendered(citing cite: ((_ sources: [String]) -> LeafCitation)? = nil) -> String {
        var out = ""
        render(prefix: "", childPrefix: "", cite: cite, into: &out)
        return out
    }

    private func render(prefix: String, childPrefix: String, cite: ((_ sources: [String]) -> LeafCitation)?, into out: inout String) {
        switch self {
        case .stated(let fact, let sources):
            if let cite {
                let citation = cite(sources)
                out += "\(prefix)\(fact)  — \(citation.inline)\n"
                for line in citation.below { out += "\(childPrefix)    \(line)\n" }
                return
            }
            let cited = sources.isEmpty ? "stated (no source)" : "stated in " + sources.joined(separator: ", ")
            out += "\(prefix)\(fact)  — \(cited)\n"
        case .derived(let fact, let rule, let location, let premises, let others):
            out += "\(prefix)\(fact)\n"
            out += "\(childPrefix)│  by \(rule)  [\(location)]\n"
            if others > 0 { out += "\(childPrefix)│  (\(others) other derivation\(others == 1 ? "" : "s") not shown)\n" }
            renderChildren(premises, childPrefix: childPrefix, cite: cite, into: &out)
        case .aggregate(let fact, let rule, let location, let counted, let total):
            out += "\(prefix)\(fact)\n"
            out += "\(childPrefix)│  by \(rule)  [\(location)]\n"
            out += "\(childPrefix)│  over \(total) solution\(total == 1 ? "" : "s")\(counted.count < total ? ", first \(counted.count) shown" : ""):\n"
            renderChildren(counted.map { ProofNode.condition($0) }, childPrefix: childPrefix, cite: cite, into: &out)
        case .absent(let fact):
            out += "\(prefix)not \(fact)  — no such fact\n"
        case .condition(let text):
            out += "\(prefix)\(text)\n"
        case .doesNotHold(let fact, let reasons):
            out += "\(prefix)\(fact) does not hold\n"
            for r in reasons { out += "\(childPrefix)  - \(r)\n" }
        case .elided(let fact):
            out += "\(prefix)\(fact)  (…)\n"
        }
    }

    private func renderChildren(_ children: [ProofNode], childPrefix: String, cite: ((_ sources: [String]) -> LeafCitation)?,
                                into out: inout String) {
        for (i, child) in children.enumerated() {
            let last = i == children.count - 1
            child.render(prefix: childPrefix + (last ? "└─ " : "├─ "), childPrefix: childPrefix + (last ? "   " : "│  "), cite: cite, into: &out)
        }
    }
}

/// How a stated leaf of a proof cites its sources: the words after the fact on its line,
/// and lines shown below it (indented under the leaf).
public struct LeafCitation: Sendable {
    public var inline: String
    public var below: [String]
    public init(inline: String, below: [String] = []) {
        self.inline = inline
        self.below = below
    }
}
