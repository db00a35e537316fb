/// Go's `strconv.FormatFloat(f, 'g', -1, bits)` with go-yaml's spellings of the specials, so a
/// float prints the way kyaml and `kubectl` print it (`0.5`, `1e+06`, `1e-05`, `.inf`).
enum GoFloat {
    static func format(_ value: Double, float32: Bool = false) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        // Swift's description is the shortest text that reads back; take its digits and exponent.
        let text = float32 ? Float(value).description : value.description
        var (negative, digits, pointAt) = decompose(text)
        if digits.isEmpty { return negative ? "-0" : "0" }
        var out = negative ? "-" : ""
        let exponent = pointAt - 1
        // Go's %g at the shortest precision switches to %e below 1e-4 and from 1e6 up.
        if exponent < -4 || exponent >= 6 {
            out.append(digits.removeFirst())
            if !digits.isEmpty { out += "." + digits }
            out += exponent < 0 ? "e-" : "e+"
            let magnitude = String(abs(exponent))
            out += magnitude.count < 2 ? "0" + magnitude : magnitude
            return out
        }
        if pointAt <= 0 {
            out += "0." + String(repeating: "0", count: -pointAt) + digits
        } else if pointAt >= digits.count {
            out += digits + String(repeating: "0", count: pointAt - digits.count)
        } else {
            let split = digits.index(digits.startIndex, offsetBy: pointAt)
            out += digits[..<split] + "." + digits[split...]
        }
        return out
    }

    /// Sign, significant digits without leading or trailing zeros, and where the decimal point
    /// falls relative to the first digit (value = 0.digits × 10^pointAt).
    private static func decompose(_ text: String) -> (Bool, String, Int) {
        var body = Substring(text)
        let negative = body.first == "-"
        if negative { body = body.dropFirst() }
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(body[body.index(after: e)...]) ?? 0
            body = body[..<e]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        var digits = Substring(whole + fraction)
        var pointAt = whole.count + exponent
        while digits.first == "0" {
            digits = digits.dropFirst()
            pointAt -= 1
        }
        while digits.last == "0" { digits = digits.dropLast() }
        return (negative, String(digits), pointAt)
    }
}
