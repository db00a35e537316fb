/// Go's `strconv.FormatFloat` at the shortest precision that reads back exactly, in the forms
/// templates meet: `%v` / `'g'` (`1e+06`, `0.5`), `'f'`, `'e'`, and `encoding/json`'s choice
/// between them.
enum GoFloatText {
    /// The shortest decimal digits of `value` and where the point falls: value = 0.digits × 10^point.
    static func decimal(_ value: Double) -> (negative: Bool, digits: [UInt8], point: Int) {
        // Swift's description is the shortest text that reads back, like Go's shortest mode.
        let text = abs(value).description
        var mantissa = Substring(text), exponent = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(mantissa[mantissa.index(after: e)...]) ?? 0
            mantissa = mantissa[..<e]
        }
        var digits: [UInt8] = []
        var point = 0, seenPoint = false
        for c in mantissa.utf8 {
            if c == UInt8(ascii: ".") { seenPoint = true; continue }
            digits.append(c)
            if !seenPoint { point += 1 }
        }
        point += exponent
        while digits.first == UInt8(ascii: "0") { digits.removeFirst(); point -= 1 }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (value.sign == .minus, digits, point)
    }

    /// `strconv.FormatFloat(v, 'g', -1, 64)`, which `fmt` uses for `%v`: the `%e` form when the
    /// decimal exponent is below -4 or at least 6 (Go's shortest-`'g'` rule: `1e+06`, `1.5e-05`).
    static func shortest(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let (negative, digits, point) = decimal(value)
        if digits.isEmpty { return negative ? "-0" : "0" }
        let exponent = point - 1
        if exponent < -4 || exponent >= 6 {
            return exponential(negative, digits, exponent)
        }
        return fixed(negative, digits, point)
    }

    /// `strconv.FormatFloat(v, 'f', -1, 64)`.
    static func fixedShortest(_ value: Double) -> String {
        let (negative, digits, point) = decimal(value)
        if digits.isEmpty { return negative ? "-0" : "0" }
        return fixed(negative, digits, point)
    }

    /// How `encoding/json` writes a float64: `'f'` between 1e-6 and 1e21, else `'e'` with a
    /// one-digit negative exponent (`1e-7`, `1e+21`).
    static func json(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude != 0, magnitude < 1e-6 || magnitude >= 1e21 {
            let (negative, digits, point) = decimal(value)
            var text = exponential(negative, digits, point - 1)
            let bytes = Array(text.utf8)
            let n = bytes.count
            if n >= 4, bytes[n - 4] == UInt8(ascii: "e"), bytes[n - 3] == UInt8(ascii: "-"), bytes[n - 2] == UInt8(ascii: "0") {
                text = String(decoding: bytes[..<(n - 2)] + [bytes[n - 1]], as: UTF8.self)
            }
            return text
        }
        return fixedShortest(value)
    }

    private static func exponential(_ negative: Bool, _ digits: [UInt8], _ exponent: Int) -> String {
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        out.append(digits[0])
        if digits.count > 1 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[1...])
        }
        out.append(UInt8(ascii: "e"))
        out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let magnitude = Array(String(abs(exponent)).utf8)
        if magnitude.count < 2 { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: magnitude)
        return String(decoding: out, as: UTF8.self)
    }

    private static func fixed(_ negative: Bool, _ digits: [UInt8], _ point: Int) -> String {
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if point <= 0 {
            out.append(contentsOf: Array("0.".utf8))
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -point))
            out.append(contentsOf: digits)
        } else if point >= digits.count {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: point - digits.count))
        } else {
            out.append(contentsOf: digits[..<point])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[point...])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
