/// Number and character constants in templates, typed as Go types untyped constants when it does
/// not know the parameter type (exec.go idealConstant): `3`, `0x1F`, `0o17`, `017`, `0b101`,
/// `1_000` and `'a'` are int; anything with `.`, `e` or `p` (not hex ints) is float64.
enum GoNumber {
    enum Result {
        case success(Value, overflow: Bool)
        case failure(String)
    }

    /// nil when the text is not a number at all (Go's "illegal number syntax").
    static func parse(_ text: String, isChar: Bool) -> Result? {
        if isChar {
            guard let scalar = GoUnquote.unquoteChar(Array(text.utf8)) else { return .failure("malformed character constant: \(text)") }
            return .success(.int(Int(scalar.value)), overflow: false)
        }
        if text.hasSuffix("i") { return .failure("complex constants are not supported: \(text)") }
        var body = Substring(text)
        var negative = false
        if body.first == "+" || body.first == "-" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        let lower = body.lowercased()
        let isHex = lower.hasPrefix("0x")
        let looksFloat = isHex ? lower.contains("p") : (lower.contains(".") || lower.contains("e"))
        if !looksFloat {
            guard let magnitude = parseInteger(lower) else { return nil }
            if negative {
                if magnitude <= UInt64(Int64.max) + 1 {
                    return .success(.int(magnitude == UInt64(Int64.max) + 1 ? Int.min : -Int(magnitude)), overflow: false)
                }
                return .failure("integer overflow: \(GoFormat.sprintf("%q", [.string(text)]))")
            }
            if magnitude > UInt64(Int64.max) { return .success(.float(Double(magnitude)), overflow: true) }
            return .success(.int(Int(magnitude)), overflow: false)
        }
        guard let magnitude = parseFloat(lower, hex: isHex) else { return nil }
        return .success(.float(negative ? -magnitude : magnitude), overflow: false)
    }

    /// strconv.ParseUint with base 0: prefixes 0x 0o 0b, a leading 0 for octal, `_` between digits.
    static func parseInteger(_ text: String) -> UInt64? {
        var digits = Substring(text)
        var radix: UInt64 = 10
        if digits.hasPrefix("0x") { radix = 16; digits = digits.dropFirst(2) }
        else if digits.hasPrefix("0o") { radix = 8; digits = digits.dropFirst(2) }
        else if digits.hasPrefix("0b") { radix = 2; digits = digits.dropFirst(2) }
        else if digits.hasPrefix("0") && digits.count > 1 { radix = 8; digits = digits.dropFirst(1) }
        guard !digits.isEmpty else { return nil }
        if (digits.first == "_" && radix == 10) || digits.last == "_" || digits.contains("__") { return nil }
        var value: UInt64 = 0
        for character in digits where character != "_" {
            guard let digit = character.hexDigitValue, UInt64(digit) < radix else { return nil }
            let (product, overflow1) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflow2) = product.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    /// strconv.ParseFloat for decimal (`1.5e3`, `1_000.5`) and hex (`0x1p-2`) floats.
    static func parseFloat(_ text: String, hex: Bool) -> Double? {
        let cleaned = String(text.filter { $0 != "_" })
        if hex {
            // Swift's Double(String) reads C hex floats: "0x1.8p1".
            return Double(cleaned)
        }
        guard cleaned.contains(where: { $0.isNumber }) else { return nil }
        return Double(cleaned)
    }
}
