import Foundation
import GitOpsAPI
import GoTemplate

/// The text santhosh-tekuri/jsonschema v6 prints: its messages go through
/// `golang.org/x/text/message` with the English printer, which groups integers (`%d` of 1000 is
/// `1,000`) and prints `%v` of a float64 as Go's shortest `%g` with the exponent written
/// `×10⁰⁶`; values shown with plain `fmt` (`display`) print as Go's `%v`.
enum GoText {
    /// `p.Sprintf("%d", n)`: digits grouped by three with commas.
    static func int(_ n: Int) -> String {
        let digits = String(n.magnitude)
        return (n < 0 ? "-" : "") + grouped(digits)
    }

    /// `p.Sprintf("%v", f)` for a float64.
    static func float(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        let (negative, digits, exponent) = shortestDigits(value)
        let sign = negative ? "-" : ""
        if digits == "0" { return sign + "0" }
        // strconv's %g with the shortest precision: scientific below 1e-4 and from 1e6 up.
        if exponent < -4 || exponent >= 6 {
            var mantissa = String(digits.prefix(1))
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            return sign + mantissa + "×10" + superscript(exponent)
        }
        if exponent < 0 {
            return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
        }
        let intCount = exponent + 1
        let intPart = digits.count >= intCount
            ? String(digits.prefix(intCount)) : digits + String(repeating: "0", count: intCount - digits.count)
        let fraction = digits.count > intCount ? "." + digits.dropFirst(intCount) : ""
        return sign + grouped(intPart) + fraction
    }

    /// Go's `fmt.Sprintf("%v", f)` for a float64 (no localisation): `1e+06`, `0.5`, `3`.
    static func plainFloat(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "+Inf") }
        let (negative, digits, exponent) = shortestDigits(value)
        let sign = negative ? "-" : ""
        if digits == "0" { return sign + "0" }
        if exponent < -4 || exponent >= 6 {
            var mantissa = String(digits.prefix(1))
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let e = abs(exponent)
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
        }
        if exponent < 0 { return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits }
        let intCount = exponent + 1
        if digits.count <= intCount { return sign + digits + String(repeating: "0", count: intCount - digits.count) }
        return sign + digits.prefix(intCount) + "." + digits.dropFirst(intCount)
    }

    /// Go's `%v` of a JSON number held as a `json.Number` or a Go value (no localisation).
    static func plainNumber(_ value: JSONValue) -> String {
        switch value {
        case .int(let i): return String(i)
        case .double(let d): return plainFloat(d)
        default: return ""
        }
    }

    /// The shortest round-trip decimal digits of `value` (no leading or trailing zeros) and the
    /// decimal exponent of the first digit.
    static func shortestDigits(_ value: Double) -> (negative: Bool, digits: String, exponent: Int) {
        let negative = value.sign == .minus
        if value == 0 { return (negative, "0", 0) }
        var text = "\(abs(value))"  // Swift prints the shortest representation that round-trips
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0]), fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var pointPosition = intPart.count + exponent  // digits before the decimal point
        while digits.hasPrefix("0") && digits.count > 1 { digits.removeFirst(); pointPosition -= 1 }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (negative, digits, pointPosition - 1)
    }

    static func grouped(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    static func superscript(_ exponent: Int) -> String {
        let map: [Character: String] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
        var digits = String(abs(exponent))
        if digits.count < 2 { digits = "0" + digits }
        return (exponent < 0 ? "⁻" : "") + digits.map { map[$0]! }.joined()
    }

    /// The library's `quote`: Go's `%q`, then `\"` back to `"` and `'` escaped, in single quotes.
    static func quote(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("'")
        var escaped = false
        for scalar in GoQuote.quote(s).unicodeScalars.dropFirst().dropLast() {
            if escaped {
                if scalar != "\"" { out.append("\\") }
                out.append(scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                if scalar == "'" { out.append("\\") }
                out.append(scalar)
            }
        }
        out.append("'")
        return String(out)
    }

    /// The library's `display` (plain `fmt` `%v`): strings quoted, arrays and objects `value`.
    static func display(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return quote(s)
        case .array, .object: return "value"
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int, .double: return plainNumber(value)
        }
    }
}
