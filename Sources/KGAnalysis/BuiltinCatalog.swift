/// The reserved built-in predicates: their arity and which arguments must be bound when the
/// built-in is reached (its inputs). The other arguments are outputs: bound by the built-in,
/// or compared with its result when already bound.
public struct BuiltinSignature: Sendable {
    public enum Kind: Sendable {
        /// Holds or not for bound inputs (`contains`).
        case test
        /// Computes its outputs from its inputs (`lower`, `concat`).
        case function
        /// Enumerates stored facts like a positive atom (`triple`, `quad`): no inputs needed.
        case generator
        /// Computes several values from its inputs, one solution each (`range`).
        case enumerator
    }

    public let name: String
    public let arity: Int
    public let inputs: [Int]
    public let kind: Kind
    /// What the argument positions mean, for messages (`contains(S, Sub)`).
    public let usage: String
}

/// Looks up built-ins by name.
public enum BuiltinCatalog {
    public static let all: [String: BuiltinSignature] = {
        let list: [BuiltinSignature] = [
            .init(name: "contains", arity: 2, inputs: [0, 1], kind: .test, usage: "contains(S, Sub)"),
            .init(name: "starts_with", arity: 2, inputs: [0, 1], kind: .test, usage: "starts_with(S, Prefix)"),
            .init(name: "ends_with", arity: 2, inputs: [0, 1], kind: .test, usage: "ends_with(S, Suffix)"),
            .init(name: "like", arity: 2, inputs: [0, 1], kind: .test, usage: "like(S, Q)"),
            .init(name: "matches", arity: 2, inputs: [0, 1], kind: .test, usage: "matches(S, Regex)"),
            .init(name: "lower", arity: 2, inputs: [0], kind: .function, usage: "lower(S, L)"),
            .init(name: "fold", arity: 2, inputs: [0], kind: .function, usage: "fold(S, F)"),
            .init(name: "concat", arity: 3, inputs: [0, 1], kind: .function, usage: "concat(A, B, C)"),
            .init(name: "length", arity: 2, inputs: [0], kind: .function, usage: "length(S, N)"),
            .init(name: "str", arity: 2, inputs: [0], kind: .function, usage: "str(T, S)"),
            .init(name: "substr", arity: 4, inputs: [0, 1, 2], kind: .function, usage: "substr(S, Start, Length, Sub)"),
            .init(name: "to_number", arity: 2, inputs: [0], kind: .function, usage: "to_number(S, N)"),
            .init(name: "lang", arity: 2, inputs: [0], kind: .function, usage: "lang(S, Tag)"),
            .init(name: "range", arity: 3, inputs: [0, 1], kind: .enumerator, usage: "range(Lo, Hi, X)"),
            .init(name: "year_of", arity: 2, inputs: [0], kind: .function, usage: "year_of(D, Y)"),
            .init(name: "month_of", arity: 2, inputs: [0], kind: .function, usage: "month_of(D, M)"),
            .init(name: "triple", arity: 3, inputs: [], kind: .generator, usage: "triple(S, P, O)"),
            .init(name: "quad", arity: 4, inputs: [], kind: .generator, usage: "quad(S, P, O, G)"),
            // Parsed specially (its first argument is a fact pattern); listed to reserve the name.
            .init(name: "cited", arity: 2, inputs: [], kind: .generator, usage: "cited(Fact, Source)"),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }()

    /// The built-in named `name`, if it is one.
    public static func signature(_ name: String) -> BuiltinSignature? { all[name] }

    /// True when `name` is reserved for a built-in.
    public static func isBuiltin(_ name: String) -> Bool { all[name] != nil }
}
