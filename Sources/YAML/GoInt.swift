/// `strconv.ParseInt(s, 0, 64)` and then `strconv.ParseUint(s, 0, 64)`, which go-yaml uses for
/// integers: optional sign, then `0x`/`0o`/`0b` prefixes or a leading `0` for octal.
enum GoInt {
    enum Result: Equatable {
        case int(Int)
        case unsigned(UInt64)
        case invalid
    }

    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Result {
        var start = 0
        var negative = false
        var signed = false
        if let first = b.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            signed = true
            start = 1
        }
        guard let magnitude = unsignedBody(b, from: start) else { return .invalid }
        if negative {
            if magnitude <= UInt64(Int64.max) { return .int(-Int(magnitude)) }
            if magnitude == UInt64(Int64.max) + 1 { return .int(Int.min) }
            return .invalid
        }
        if magnitude <= UInt64(Int.max) { return .int(Int(magnitude)) }
        // ParseUint accepts no sign at all, not even `+`.
        return signed ? .invalid : .unsigned(magnitude)
    }

    /// The digits after any sign, with Go's base prefixes; nil on bad syntax or overflow.
    private static func unsignedBody(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64? {
        var i = start
        guard i < b.count else { return nil }
        var base: UInt64 = 10
        if b[i] == UInt8(ascii: "0"), i + 1 < b.count {
            switch b[i + 1] | 0x20 {  // lower-cased
            case UInt8(ascii: "x"): base = 16; i += 2
            case UInt8(ascii: "o"): base = 8; i += 2
            case UInt8(ascii: "b"): base = 2; i += 2
            default: base = 8; i += 1
            }
            guard i < b.count else { return nil }
        }
        var value: UInt64 = 0
        while i < b.count {
            guard let digit = digitValue(b[i]), digit < base else { return nil }
            let (shifted, o1) = value.multipliedReportingOverflow(by: base)
            let (sum, o2) = shifted.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = sum
            i += 1
        }
        return value
    }

    private static func digitValue(_ c: UInt8) -> UInt64? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt64(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt64(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
