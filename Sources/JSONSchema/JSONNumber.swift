import Foundation
import GitOpsAPI

/// Numbers as the library treats them: it compares through `big.Rat` parsed from Go's `%v`
/// text of the value (so a float64 is its shortest decimal). We compare integers exactly and
/// everything else as the decimal of the shortest text (`Decimal`), falling back to `Double`
/// outside `Decimal`'s range.
enum JSONNumber {
    static func isNumber(_ v: JSONValue) -> Bool {
        switch v {
        case .int, .double: return true
        default: return false
        }
    }

    static func double(_ v: JSONValue) -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return .nan
        }
    }

    /// The integer value of a number that is a whole number (`big.Rat.IsInt`), else nil.
    static func exactInt(_ v: JSONValue) -> Int? {
        switch v {
        case .int(let i): return i
        case .double(let d) where d.isFinite && d.rounded() == d && abs(d) < 9.2e18: return Int(d)
        default: return nil
        }
    }

    /// `isInteger`: a whole number, however it is stored (`3.0` counts).
    static func isInteger(_ v: JSONValue) -> Bool {
        switch v {
        case .int: return true
        case .double(let d): return d.isFinite && d.rounded() == d
        default: return false
        }
    }

    static func decimal(_ v: JSONValue) -> Decimal? {
        switch v {
        case .int(let i): return Decimal(i)
        case .double(let d):
            guard d.isFinite, abs(d) < 1e120, d == 0 || abs(d) > 1e-120 else { return nil }
            return Decimal(string: "\(d)", locale: Locale(identifier: "en_US_POSIX"))
        default: return nil
        }
    }

    /// -1, 0 or 1, as `big.Rat.Cmp`.
    static func compare(_ a: JSONValue, _ b: JSONValue) -> Int {
        if case .int(let x) = a, case .int(let y) = b { return x < y ? -1 : (x == y ? 0 : 1) }
        if let x = decimal(a), let y = decimal(b) { return x < y ? -1 : (x == y ? 0 : 1) }
        let x = double(a), y = double(b)
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    /// Whether `value / divisor` is a whole number.
    static func isMultiple(_ value: JSONValue, of divisor: JSONValue) -> Bool {
        if case .int(let x) = value, case .int(let y) = divisor, y != 0 { return x % y == 0 }
        if let x = decimal(value), let y = decimal(divisor), y != 0 {
            var q = x / y
            var rounded = Decimal()
            NSDecimalRound(&rounded, &q, 0, .plain)
            return rounded == q
        }
        let q = double(value) / double(divisor)
        return q.isFinite && q.rounded() == q
    }

    /// `equals`: JSON equality with numbers compared by value (`1` equals `1.0`).
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x {
                guard let w = y[k], equal(v, w) else { return false }
            }
            return true
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        default:
            guard isNumber(a), isNumber(b) else { return false }
            return compare(a, b) == 0
        }
    }

    /// The library's JSON type names of a value (`typeOf`): numbers are always "number".
    static func typeName(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
