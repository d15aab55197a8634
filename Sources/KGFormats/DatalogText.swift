import Foundation
import KGStore

/// Terms and facts written back in kg's own syntax, so what kg prints can be pasted into a
/// program: strings quoted and escaped, IRIs in angle brackets, entities and numbers bare.
public enum DatalogText {
    public static func term(_ t: Term) -> String {
        switch t {
        case .entity(let name): return name
        case .iri(let iri): return "<\(iri)>"
        case .blankNode(let label): return "<_:\(label)>"
        case .string(let s, let language): return quoted(s) + (language.map { "@\($0)" } ?? "")
        case .integer(let i): return String(i)
        case .decimal(let d): return Term.format(decimal: d)
        case .date(let d): return d.description
        case .typedLiteral(let lexical, _): return quoted(lexical)
        }
    }

    /// `predicate(arg, ...)`, or `predicate` for arity zero.
    public static func fact(_ predicate: String, _ arguments: [Term]) -> String {
        arguments.isEmpty ? predicate : "\(predicate)(\(arguments.map(term).joined(separator: ", ")))"
    }

    /// A string literal in kg syntax (the JSON form, which kg reads back).
    public static func quoted(_ s: String) -> String { JSONText.string(s) }
}
