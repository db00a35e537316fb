import Foundation
import GoTemplate

/// `github.com/spf13/cast` (v1.7, as Sprig 3.3 uses it) conversions, with Sprig's habit of
/// ignoring the error: a value that does not convert becomes 0.
enum Cast {
    /// `cast.ToInt64E`: ints as they are, floats truncated, strings through
    /// `strconv.ParseInt(s, 0, 0)` after dropping a `.0…` suffix (`"0x1F"`, `"010"` octal,
    /// `"3.0"` → 3, `"3.5"` fails), bools as 1/0, nil as 0.
    static func int64(_ value: Value) -> Int? {
        switch value {
        case .missing, .null: return 0
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return i
        case .float(let d):
            guard d.isFinite, abs(d) < 9.3e18 else { return Int.min }
            return Int(d.rounded(.towardZero))
        case .string(let s): return parseGoInt(trimZeroDecimal(s), base: 0)
        default: return nil
        }
    }

    /// `cast.ToFloat64E`: strings through `strconv.ParseFloat`.
    static func float64(_ value: Value) -> Double? {
        switch value {
        case .missing, .null: return 0
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .string(let s): return parseGoFloat(s)
        default: return nil
        }
    }

    /// Sprig's `toInt64`: `cast.ToInt64`, 0 when it fails.
    static func toInt64(_ value: Value) -> Int { int64(value) ?? 0 }
    /// Sprig's `toFloat64`: `cast.ToFloat64`, 0 when it fails.
    static func toFloat64(_ value: Value) -> Double { float64(value) ?? 0 }

    /// cast's `trimZeroDecimal`: `"3.00"` → `"3"`; anything else unchanged.
    static func trimZeroDecimal(_ s: String) -> String {
        var foundZero = false
        let bytes = Array(s.utf8)
        var i = bytes.count
        while i > 0 {
            switch bytes[i - 1] {
            case UInt8(ascii: "."):
                if foundZero { return String(decoding: bytes[..<(i - 1)], as: UTF8.self) }
                return s
            case UInt8(ascii: "0"): foundZero = true
            default: return s
            }
            i -= 1
        }
        return s
    }

    /// `strconv.ParseInt(s, base, 64)` for base 0 (Go literal prefixes and `_` separators) or
    /// 10; nil when Go returns an error (including overflow).
    static func parseGoInt(_ s: String, base: Int) -> Int? {
        var bytes = Substring(s)
        var negative = false
        if let first = bytes.first, first == "+" || first == "-" {
            negative = first == "-"
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var radix = 10
        var underscoresAllowed = false
        if base == 0 {
            underscoresAllowed = true
            let lower = bytes.lowercased()
            if lower.hasPrefix("0x") { radix = 16; bytes = bytes.dropFirst(2) }
            else if lower.hasPrefix("0o") { radix = 8; bytes = bytes.dropFirst(2) }
            else if lower.hasPrefix("0b") { radix = 2; bytes = bytes.dropFirst(2) }
            else if bytes.first == "0", bytes.count > 1 { radix = 8; bytes = bytes.dropFirst() }
        }
        if underscoresAllowed {
            // Go accepts `_` only between digits (or after a prefix); reject doubled or trailing ones.
            if bytes.hasSuffix("_") || bytes.contains("__") { return nil }
            if radix == 10 && bytes.contains("_") && bytes.first == "_" { return nil }
            bytes = Substring(bytes.replacingOccurrences(of: "_", with: ""))
        }
        guard !bytes.isEmpty, let magnitude = UInt64(bytes, radix: radix) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int(magnitude)
    }

    /// `strconv.ParseFloat(s, 64)`: decimal and hex floats, `inf`/`infinity`/`nan` in any case,
    /// `_` between digits. Out-of-range values are errors in Go (nil here).
    static func parseGoFloat(_ s: String) -> Double? {
        let lower = s.lowercased()
        var body = Substring(lower)
        var sign = 1.0
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        if body == "inf" || body == "infinity" { return sign * .infinity }
        if body == "nan" { return s.first == "+" || s.first == "-" ? nil : .nan }
        guard !body.isEmpty else { return nil }
        let allowed = body.hasPrefix("0x") ? "0123456789abcdefxp.+-_" : "0123456789e.+-_"
        guard body.allSatisfy({ allowed.contains($0) }) else { return nil }
        guard body.contains(where: { $0.isHexDigit }) else { return nil }
        if body.contains("_") && !underscoreOK(body) { return nil }
        let text = body.replacingOccurrences(of: "_", with: "")
        guard let value = Double(text), value.isFinite else { return nil }
        return sign * value
    }

    /// strconv's `underscoreOK`: each `_` between digits (or after a base prefix).
    static func underscoreOK(_ s: Substring) -> Bool {
        var chars = Array(s.lowercased())
        if let first = chars.first, first == "+" || first == "-" { chars.removeFirst() }
        var saw: Character = "^"
        var i = 0
        var hex = false
        if chars.count >= 2, chars[0] == "0", "box".contains(chars[1]) {
            i = 2; saw = "0"; hex = chars[1] == "x"
        }
        while i < chars.count {
            let c = chars[i]
            i += 1
            if c.isASCII && (c.isNumber || (hex && "abcdef".contains(c))) { saw = "0"; continue }
            if c == "_" {
                if saw != "0" { return false }
                saw = "_"
                continue
            }
            if saw == "_" { return false }
            saw = "!"
        }
        return saw != "_"
    }

    /// `strconv.Atoi` as Sprig's `atoi` uses it (errors dropped): 0 for bad syntax, the nearest
    /// int64 when the decimal number is out of range.
    static func atoi(_ s: String) -> Int {
        if let value = parseGoInt(s, base: 10) { return value }
        var digits = Substring(s)
        let negative = digits.first == "-"
        if let first = digits.first, first == "+" || first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return 0 }
        return negative ? Int.min : Int.max
    }
}
