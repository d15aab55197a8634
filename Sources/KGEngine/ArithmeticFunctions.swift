import Foundation
import KGLanguage
import KGStore

/// `^`, `min(A, B)` and `max(A, B)`.
extension Arithmetic {
    /// The smaller (`min`) or larger (`max`) of two terms in kg's term order: numbers by value
    /// (integers and decimals together), dates by time, strings by code points; terms of
    /// different kinds by kind. On a tie, the first.
    static func extreme(_ op: ArithmeticOperator, _ a: Term, _ b: Term) -> Term {
        let c = TermOrder.compare(a, b)
        if op == .minimum { return c <= 0 ? a : b }
        return c >= 0 ? a : b
    }

    /// `a ^ b`. Two integers give an integer (the exponent must not be negative, and overflow
    /// is an error); a decimal base gives a decimal (a negative exponent divides). The exponent
    /// must be a whole number: kg's decimals are exact and take no roots.
    static func power(_ a: Term, _ b: Term, at range: SourceRange) throws -> Term {
        guard let x = a.numericValue else { throw notNumber(a, range) }
        guard let y = b.numericValue else { throw notNumber(b, range) }
        let exponent: Int64
        switch y {
        case .integer(let n): exponent = n
        case .decimal(let d):
            var rounded = Decimal(), value = d
            NSDecimalRound(&rounded, &value, 0, .plain)
            guard rounded == d else {
                throw EvaluationError(.notANumber, "'^' needs a whole-number exponent, but got \(Term.format(decimal: d)) in '\(range.text)' (kg's decimals are exact and take no roots)", at: range)
            }
            let n = NSDecimalNumber(decimal: rounded).int64Value
            guard Decimal(n) == rounded else {
                throw EvaluationError(.integerOverflow, "'^' exponent \(Term.format(decimal: d)) is too large in '\(range.text)'", at: range)
            }
            exponent = n
        }
        if case .integer(let base) = x, case .integer = y {
            guard exponent >= 0 else {
                throw EvaluationError(.notANumber, "'^' between integers needs an exponent of 0 or more, but got \(exponent) in '\(range.text)'; write \(base).0 ^ \(exponent) for a decimal", at: range)
            }
            var result: Int64 = 1, square = base, e = exponent
            while e > 0 {
                if e & 1 == 1 {
                    let (r, overflow) = result.multipliedReportingOverflow(by: square)
                    if overflow { throw overflowError(base, exponent, range) }
                    result = r
                }
                e >>= 1
                if e > 0 {
                    let (q, overflow) = square.multipliedReportingOverflow(by: square)
                    if overflow { throw overflowError(base, exponent, range) }
                    square = q
                }
            }
            return .integer(result)
        }
        // A decimal power, by squaring with the checked multiplication (which reports a result
        // out of Decimal's range rather than trapping).
        var result: Term = .decimal(1), square: Term = .decimal(x.decimalValue)
        var e = exponent.magnitude
        while e > 0 {
            if e & 1 == 1 { result = try apply(.multiply, result, square, at: range) }
            e >>= 1
            if e > 0 { square = try apply(.multiply, square, square, at: range) }
        }
        if exponent < 0 { result = try apply(.divide, .decimal(1), result, at: range) }
        return result
    }

    private static func overflowError(_ base: Int64, _ exponent: Int64, _ range: SourceRange) -> EvaluationError {
        EvaluationError(.integerOverflow, "integer overflow: \(base) ^ \(exponent) does not fit in 64 bits", at: range)
    }

    private static func notNumber(_ t: Term, _ range: SourceRange) -> EvaluationError {
        EvaluationError(.notANumber, "'^' needs numbers, but got \(TermDescription.describe(t)) in '\(range.text)'", at: range)
    }
}
