#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal digits of a float64, as strconv's `decimalSlice`: `digits` without leading or trailing
/// zeros (empty for zero), the decimal point after `point` digits.
struct DecimalDigits {
    var digits: [UInt8]
    var point: Int
}

extension GoFormat {
    /// `strconv.FormatFloat(value, format, precision, 64)` for formats `e E f F g G`; precision -1
    /// asks for the fewest digits that read back as the same float64. `%v` uses `g` with -1, where
    /// Go decides on an exponent as if the precision were 6: `1e+06` but `100000`, `1e-05` but
    /// `0.0001`, `1.23456789e+08`.
    public static func formatFloat(_ value: Double, format: UInt8, precision: Int) -> String {
        String(decoding: floatBytes(value, format: format, precision: precision), as: UTF8.self)
    }

    static func floatBytes(_ value: Double, format rawFormat: UInt8, precision rawPrecision: Int) -> [UInt8] {
        if value.isNaN { return Array("NaN".utf8) }
        if value.isInfinite { return Array((value < 0 ? "-Inf" : "+Inf").utf8) }
        let negative = value.sign == .minus
        let format = rawFormat == UInt8(ascii: "F") ? UInt8(ascii: "f") : rawFormat
        let lower = format | 0x20
        let shortest = rawPrecision < 0
        var precision = rawPrecision
        var digits: DecimalDigits
        if shortest {
            digits = shortestDigits(abs(value))
            switch lower {
            case UInt8(ascii: "e"): precision = max(digits.digits.count - 1, 0)
            case UInt8(ascii: "f"): precision = max(digits.digits.count - digits.point, 0)
            default: precision = digits.digits.count
            }
        } else {
            switch lower {
            case UInt8(ascii: "e"): digits = roundedDigits(abs(value), significant: precision + 1)
            case UInt8(ascii: "f"): digits = fixedDigits(abs(value), fraction: precision)
            default:
                if precision == 0 { precision = 1 }
                digits = roundedDigits(abs(value), significant: precision)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(24)
        if negative { out.append(UInt8(ascii: "-")) }
        switch lower {
        case UInt8(ascii: "e"):
            appendE(&out, digits, precision: precision, upper: format == UInt8(ascii: "E"))
        case UInt8(ascii: "f"):
            appendF(&out, digits, precision: precision)
        default:
            var exponentPrecision = precision
            if exponentPrecision > digits.digits.count && digits.digits.count >= digits.point {
                exponentPrecision = digits.digits.count
            }
            if shortest { exponentPrecision = 6 }
            let exponent = digits.point - 1
            if exponent < -4 || exponent >= exponentPrecision {
                if precision > digits.digits.count { precision = digits.digits.count }
                appendE(&out, digits, precision: precision - 1, upper: format == UInt8(ascii: "G"))
            } else {
                if precision > digits.point { precision = digits.digits.count }
                appendF(&out, digits, precision: max(precision - digits.point, 0))
            }
        }
        return out
    }

    /// strconv's fmtE: `d.ddde±XX`, at least two exponent digits.
    static func appendE(_ out: inout [UInt8], _ d: DecimalDigits, precision: Int, upper: Bool) {
        out.append(d.digits.first ?? UInt8(ascii: "0"))
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            var index = 1
            let end = min(d.digits.count, precision + 1)
            while index < end { out.append(d.digits[index]); index += 1 }
            while index <= precision { out.append(UInt8(ascii: "0")); index += 1 }
        }
        out.append(upper ? UInt8(ascii: "E") : UInt8(ascii: "e"))
        var exponent = d.digits.isEmpty ? 0 : d.point - 1
        if exponent < 0 { out.append(UInt8(ascii: "-")); exponent = -exponent } else { out.append(UInt8(ascii: "+")) }
        if exponent < 10 {
            out.append(UInt8(ascii: "0")); out.append(UInt8(ascii: "0") + UInt8(exponent))
        } else {
            out.append(contentsOf: Array(String(exponent).utf8))
        }
    }

    /// strconv's fmtF: integer part (at least `0`), then `precision` fraction digits.
    static func appendF(_ out: inout [UInt8], _ d: DecimalDigits, precision: Int) {
        if d.point > 0 {
            let m = min(d.digits.count, d.point)
            out.append(contentsOf: d.digits[0..<m])
            if m < d.point { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: d.point - m)) }
        } else {
            out.append(UInt8(ascii: "0"))
        }
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            for i in 1...precision {
                let j = d.point + i - 1
                out.append(j >= 0 && j < d.digits.count ? d.digits[j] : UInt8(ascii: "0"))
            }
        }
    }

    /// The shortest digits that round-trip, from Swift's own shortest printing (`description`),
    /// which picks the closest of the shortest candidates as Go's Ryū does.
    static func shortestDigits(_ value: Double) -> DecimalDigits {
        parseDigits(Array(value.description.utf8))
    }

    /// `significant` digits, correctly rounded (C's `%.*e`, exact like strconv's bigFtoa).
    static func roundedDigits(_ value: Double, significant: Int) -> DecimalDigits {
        parseDigits(cFormat("%.*e", precision: max(significant - 1, 0), value))
    }

    /// Digits rounded to `fraction` places after the point (C's `%.*f`).
    static func fixedDigits(_ value: Double, fraction: Int) -> DecimalDigits {
        parseDigits(cFormat("%.*f", precision: fraction, value))
    }

    private static func cFormat(_ format: String, precision: Int, _ value: Double) -> [UInt8] {
        let arguments: [any CVarArg] = [Int32(min(precision, 1_000_000)), value]
        let needed = withVaList(arguments) { vsnprintf(nil, 0, format, $0) }
        var buffer = [CChar](repeating: 0, count: Int(needed) + 1)
        _ = buffer.withUnsafeMutableBufferPointer { pointer in
            withVaList(arguments) { vsnprintf(pointer.baseAddress, pointer.count, format, $0) }
        }
        return buffer.prefix(Int(needed)).map { UInt8(bitPattern: $0) }
    }

    /// Reads `[-]ddd[.ddd][e±dd]` into digits and a decimal point position.
    static func parseDigits(_ text: [UInt8]) -> DecimalDigits {
        var digits: [UInt8] = []
        var point = 0
        var seenPoint = false
        var index = 0
        var exponent = 0
        while index < text.count {
            let c = text[index]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                digits.append(c)
                if !seenPoint { point += 1 }
            } else if c == UInt8(ascii: ".") {
                seenPoint = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                var sign = 1
                index += 1
                if index < text.count && (text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+")) {
                    if text[index] == UInt8(ascii: "-") { sign = -1 }
                    index += 1
                }
                while index < text.count {
                    exponent = exponent * 10 + Int(text[index] - UInt8(ascii: "0"))
                    index += 1
                }
                exponent *= sign
                break
            }
            index += 1
        }
        point += exponent
        var start = 0
        while start < digits.count && digits[start] == UInt8(ascii: "0") { start += 1; point -= 1 }
        var end = digits.count
        while end > start && digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
        if start == end { return DecimalDigits(digits: [], point: 0) }
        return DecimalDigits(digits: Array(digits[start..<end]), point: point)
    }
}
