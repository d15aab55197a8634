import Foundation
import KGStore

/// A lexical token: its kind and payload, and the byte span it covers.
public struct Token: Sendable {
    public enum Kind: Sendable, Equatable {
        /// `[a-z][A-Za-z0-9_]*`: an entity, a predicate name or a keyword such as `not`.
        case name(String)
        /// `[A-Z_][A-Za-z0-9_]*` other than a lone `_`.
        case variable(String)
        /// A lone `_`.
        case anonymous
        /// `ex:alice`.
        case prefixedName(prefix: String, local: String)
        /// `<http://example.org/alice>`, without the brackets.
        case iri(String)
        case string(String, language: String?)
        /// An unsigned integer literal; the parser applies a leading minus and checks the range.
        case integer(UInt64)
        case decimal(Decimal)
        case date(KGDate)
        /// `@include`, `@prefix`, `@source`, `@pred` (the name without `@`).
        case directive(String)
        case leftParen, rightParen, comma, dot, colon, turnstile, queryMark, bang
        /// `;` (disjunction), `{` and `}` (an aggregate's body).
        case semicolon, leftBrace, rightBrace
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case plus, minus, star, slash, percent
        /// `^`: integer power.
        case caret
        case endOfFile
    }

    public let kind: Kind
    public let start: Int
    public let end: Int

    /// True when the token can end an operand (so a following `%` is the remainder operator).
    var endsOperand: Bool {
        switch kind {
        case .name, .variable, .anonymous, .prefixedName, .iri, .string, .integer, .decimal, .date, .rightParen:
            return true
        default: return false
        }
    }
}

/// How a token is named in "expected X, found Y" messages.
extension Token.Kind {
    public var display: String {
        switch self {
        case .name(let n): return "'\(n)'"
        case .variable(let v): return "variable '\(v)'"
        case .anonymous: return "'_'"
        case .prefixedName(let p, let l): return "'\(p):\(l)'"
        case .iri(let i): return "<\(i)>"
        case .string: return "a string"
        case .integer(let i): return "'\(i)'"
        case .decimal(let d): return "'\(d)'"
        case .date(let d): return "'\(d)'"
        case .directive(let d): return "'@\(d)'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .comma: return "','"
        case .dot: return "'.'"
        case .colon: return "':'"
        case .turnstile: return "':-'"
        case .queryMark: return "'?-'"
        case .bang: return "'!'"
        case .semicolon: return "';'"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .caret: return "'^'"
        case .equal: return "'='"
        case .notEqual: return "'!='"
        case .less: return "'<'"
        case .lessOrEqual: return "'<='"
        case .greater: return "'>'"
        case .greaterOrEqual: return "'>='"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .percent: return "'%'"
        case .endOfFile: return "end of input"
        }
    }
}
