import KGLanguage

/// Which derived predicate reads which, and how: positively, under negation, or through an
/// aggregate. `triple/3` reads every binary predicate, so it stands for edges to all of them.
public struct DependencyGraph {
    public enum Kind: Sendable { case positive, negative, aggregate(AggregateKind) }

    public struct Edge {
        public let from: String
        public let to: String
        public let kind: Kind
        /// The body literal that creates the dependency.
        public let range: SourceRange
    }

    /// Predicates defined by rules.
    public private(set) var nodes: [String] = []
    public private(set) var edges: [String: [Edge]] = [:]

    public init(rules: [Clause], arity: (String) -> Int?) {
        var defined = Set<String>()
        for r in rules where defined.insert(r.head.predicate).inserted { nodes.append(r.head.predicate) }
        let binaryDerived = nodes.filter { arity($0) == 2 }
        for rule in rules {
            let aggregate = rule.head.arguments.lazy.compactMap { arg -> AggregateKind? in
                if case .aggregate(let k, _, _) = arg { return k } else { return nil }
            }.first
            addEdges(from: rule.head.predicate, body: rule.body, positive: aggregate.map { .aggregate($0) } ?? .positive,
                     defined: defined, binaryDerived: binaryDerived)
        }
    }

    /// The edges from `head` for the atoms of `body`; `positive` is the kind a positive atom
    /// gives (an aggregate's, inside one). A body aggregate's inner atoms are read through it,
    /// like negation; `cited` reads stated facts only, which no rule changes.
    private mutating func addEdges(from head: String, body: [Literal], positive: Kind, defined: Set<String>, binaryDerived: [String]) {
        for literal in body {
            let (atom, negated): (Atom, Bool)
            switch literal {
            case .atom(let a): (atom, negated) = (a, false)
            case .negated(let a, _): (atom, negated) = (a, true)
            case .comparison, .cited: continue
            case .disjunction(let alternatives, _):
                for a in alternatives { addEdges(from: head, body: a, positive: positive, defined: defined, binaryDerived: binaryDerived) }
                continue
            case .aggregate(let g):
                addEdges(from: head, body: g.body, positive: .aggregate(g.kind), defined: defined, binaryDerived: binaryDerived)
                continue
            }
            let kind: Kind = negated ? .negative : positive
            let targets: [String]
            if atom.predicate == "triple", atom.arguments.count == 3, case .constant(let p, _) = atom.arguments[1] {
                // triple(S, p, O) reads p alone.
                let name: String?
                switch p {
                case .entity(let n): name = n
                case .iri(let i): name = "<\(i)>"
                default: name = nil
                }
                targets = name.map { defined.contains($0) ? [$0] : [] } ?? []
            } else if atom.predicate == "triple" {
                targets = binaryDerived
            } else if BuiltinCatalog.isBuiltin(atom.predicate) {
                targets = []
            } else {
                targets = defined.contains(atom.predicate) ? [atom.predicate] : []
            }
            for t in targets {
                edges[head, default: []].append(Edge(from: head, to: t, kind: kind, range: atom.range))
            }
        }
    }

    /// Strongly connected components, each listed after every component it depends on
    /// (Tarjan's algorithm, iterative so deep programs cannot overflow the stack).
    public func components() -> [[String]] {
        var index = [String: Int](), low = [String: Int](), onStack = Set<String>()
        var stack: [String] = [], result: [[String]] = []
        var counter = 0
        for root in nodes where index[root] == nil {
            var work: [(String, Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack.insert(root)
            while let (node, next) = work.last {
                let out = edges[node] ?? []
                if next < out.count {
                    work[work.count - 1].1 += 1
                    let w = out[next].to
                    if index[w] == nil {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack.insert(w)
                        work.append((w, 0))
                    } else if onStack.contains(w) {
                        low[node] = min(low[node] ?? 0, index[w] ?? 0)
                    }
                } else {
                    work.removeLast()
                    if let parent = work.last?.0 { low[parent] = min(low[parent] ?? 0, low[node] ?? 0) }
                    if low[node] == index[node] {
                        var component: [String] = []
                        while let w = stack.popLast() {
                            onStack.remove(w)
                            component.append(w)
                            if w == node { break }
                        }
                        result.append(component.sorted())
                    }
                }
            }
        }
        return result
    }

    /// A shortest chain of edges from `start` to `goal` staying inside `within`.
    public func path(from start: String, to goal: String, within: Set<String>) -> [Edge]? {
        if start == goal { return [] }
        var previous: [String: Edge] = [:]
        var queue = [start], seen: Set<String> = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]; head += 1
            for e in edges[node] ?? [] where within.contains(e.to) && !seen.contains(e.to) {
                seen.insert(e.to)
                previous[e.to] = e
                if e.to == goal {
                    var chain: [Edge] = []
                    var at = goal
                    while at != start, let edge = previous[at] { chain.insert(edge, at: 0); at = edge.from }
                    return chain
                }
                queue.append(e.to)
            }
        }
        return nil
    }
}
