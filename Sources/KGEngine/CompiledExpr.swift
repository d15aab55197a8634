import Foundation
import KGLanguage
import KGStore

/// An expression with its variables resolved to register slots.
indirect enum CompiledExpr {
    case slot(Int)
    case constant(Term)
    case binary(ArithmeticOperator, CompiledExpr, CompiledExpr, SourceRange)
    case negate(CompiledExpr, SourceRange)

    /// The value of the expression for the current registers.
    func evaluate(_ registers: UnsafeMutablePointer<TermID>, _ dictionary: TermDictionary) throws -> Term {
        switch self {
        case .slot(let s): return dictionary[registers[s]]
        case .constant(let t): return t
        case .binary(let op, let a, let b, let range):
            return try Arithmetic.apply(op, try a.evaluate(registers, dictionary), try b.evaluate(registers, dictionary), at: range)
        case .negate(let a, let range):
            return try Arithmetic.apply(.subtract, .integer(0), try a.evaluate(registers, dictionary), at: range)
        }
    }
}

/// `+ - * / % ^` over integers and decimals, and `min`/`max`. Integer arithmetic is checked:
/// overflow is an error, never a wrap. Integer `/` truncates toward zero; a decimal on either
/// side makes the operation decimal.
enum Arithmetic {
    static func apply(_ op: ArithmeticOperator, _ a: Term, _ b: Term, at range: SourceRange) throws -> Term {
        switch op {
        case .minimum, .maximum: return extreme(op, a, b)
        case .power: return try power(a, b, at: range)
        default: break
        }
        guard let x = a.numericValue else { throw notNumber(a, op, range) }
        guard let y = b.numericValue else { throw notNumber(b, op, range) }
        if case .integer(let i) = x, case .integer(let j) = y {
            let (value, overflow): (Int64, Bool)
            switch op {
            case .add: (value, overflow) = i.addingReportingOverflow(j)
            case .subtract: (value, overflow) = i.subtractingReportingOverflow(j)
            case .multiply: (value, overflow) = i.multipliedReportingOverflow(by: j)
            case .divide:
                guard j != 0 else { throw divisionByZero(range) }
                (value, overflow) = i.dividedReportingOverflow(by: j)
            case .remainder:
                guard j != 0 else { throw divisionByZero(range) }
                (value, overflow) = i.remainderReportingOverflow(dividingBy: j)
            case .power, .minimum, .maximum:
                return try apply(op, a, b, at: range)   // handled above
            }
            if overflow {
                throw EvaluationError(.integerOverflow, "integer overflow: \(i) \(op.rawValue) \(j) does not fit in 64 bits", at: range)
            }
            return .integer(value)
        }
        var p = x.decimalValue, q = y.decimalValue
        if (op == .divide || op == .remainder) && q.isZero { throw divisionByZero(range) }
        // Foundation traps (even in NSDecimalMultiply) when a result's exponent leaves its
        // range of -128...127; check before asking it. A quotient carries up to 38 more digits.
        let exponent: Int
        switch op {
        case .multiply: exponent = p.exponent + q.exponent
        case .divide, .remainder: exponent = p.exponent - q.exponent - 38
        default: exponent = Swift.min(p.exponent, q.exponent)
        }
        if !p.isZero && !q.isZero && exponent < -128 {
            throw EvaluationError(.integerOverflow, "decimal underflow: \(Term.format(decimal: p)) \(op.rawValue) \(Term.format(decimal: q)) is out of range", at: range)
        }
        // Decimal's operators trap on overflow; the NSDecimal functions report it.
        var result = Decimal()
        let status: NSDecimalNumber.CalculationError
        switch op {
        case .add: status = NSDecimalAdd(&result, &p, &q, .plain)
        case .subtract: status = NSDecimalSubtract(&result, &p, &q, .plain)
        case .multiply: status = NSDecimalMultiply(&result, &p, &q, .plain)
        case .divide: status = NSDecimalDivide(&result, &p, &q, .plain)
        case .remainder:
            var quotient = Decimal(), truncated = Decimal(), product = Decimal()
            var s = NSDecimalDivide(&quotient, &p, &q, .plain)
            if s == .noError || s == .lossOfPrecision {
                NSDecimalRound(&truncated, &quotient, 0, .down)
                s = NSDecimalMultiply(&product, &truncated, &q, .plain)
            }
            if s == .noError || s == .lossOfPrecision { s = NSDecimalSubtract(&result, &p, &product, .plain) }
            status = s
        case .power, .minimum, .maximum:
            return try apply(op, a, b, at: range)   // handled above
        }
        switch status {
        case .noError, .lossOfPrecision: return .decimal(result)
        case .divideByZero: throw divisionByZero(range)
        default:
            throw EvaluationError(.integerOverflow, "decimal overflow: \(Term.format(decimal: p)) \(op.rawValue) \(Term.format(decimal: q)) is out of range", at: range)
        }
    }

    static func divisionByZero(_ range: SourceRange) -> EvaluationError {
        EvaluationError(.divisionByZero, "division by zero in '\(range.text)'", at: range)
    }

    private static func notNumber(_ t: Term, _ op: ArithmeticOperator, _ range: SourceRange) -> EvaluationError {
        EvaluationError(.notANumber, "'\(op.rawValue)' needs numbers, but got \(TermDescription.describe(t)) in '\(range.text)'", at: range)
    }
}

/// Terms as messages show them: `peru` (an entity), `"Perú"` (a string), `42`.
public enum TermDescription {
    public static func describe(_ t: Term) -> String {
        switch t {
        case .entity(let n): return "the entity \(n)"
        case .string(let s, _): return "the string \"\(s)\""
        case .iri(let i): return "the IRI <\(i)>"
        case .date(let d): return "the date \(d)"
        default: return t.text
        }
    }
}
