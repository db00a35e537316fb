/// strconv.Unquote for template string and character literals: `"…"` with Go's escapes,
/// `` `…` `` raw (carriage returns dropped), and `'x'`.
enum GoUnquote {
    static func unquote<C: Collection>(_ literal: C) -> String? where C.Element == UInt8, C.Index == Int {
        let bytes = Array(literal)
        guard bytes.count >= 2 else { return nil }
        if bytes[0] == UInt8(ascii: "`") {
            guard bytes.last == UInt8(ascii: "`") else { return nil }
            let inner = bytes[1..<(bytes.count - 1)].filter { $0 != 0x0D }
            return String(decoding: inner, as: UTF8.self)
        }
        guard bytes[0] == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 1
        let end = bytes.count - 1
        while index < end {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") || c == 0x0A { return nil }
            if c != UInt8(ascii: "\\") { out.append(c); index += 1; continue }
            guard let (decoded, next) = escape(bytes, index + 1, end: end, quote: UInt8(ascii: "\"")) else { return nil }
            out.append(contentsOf: decoded)
            index = next
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A character constant `'x'` or `'\n'` to its rune.
    static func unquoteChar(_ bytes: [UInt8]) -> Unicode.Scalar? {
        guard bytes.count >= 3, bytes[0] == UInt8(ascii: "'"), bytes.last == UInt8(ascii: "'") else { return nil }
        let end = bytes.count - 1
        if bytes[1] == UInt8(ascii: "\\") {
            guard let (decoded, next) = escape(bytes, 2, end: end, quote: UInt8(ascii: "'")), next == end else { return nil }
            return String(decoding: decoded, as: UTF8.self).unicodeScalars.first
        }
        let text = String(decoding: bytes[1..<end], as: UTF8.self)
        guard text.unicodeScalars.count == 1 else { return nil }
        return text.unicodeScalars.first
    }

    /// The bytes for the escape after a backslash at `index`, and the index after it.
    static func escape(_ bytes: [UInt8], _ index: Int, end: Int, quote: UInt8) -> ([UInt8], Int)? {
        guard index < end else { return nil }
        let c = bytes[index]
        switch c {
        case UInt8(ascii: "a"): return ([0x07], index + 1)
        case UInt8(ascii: "b"): return ([0x08], index + 1)
        case UInt8(ascii: "f"): return ([0x0C], index + 1)
        case UInt8(ascii: "n"): return ([0x0A], index + 1)
        case UInt8(ascii: "r"): return ([0x0D], index + 1)
        case UInt8(ascii: "t"): return ([0x09], index + 1)
        case UInt8(ascii: "v"): return ([0x0B], index + 1)
        case UInt8(ascii: "\\"): return ([0x5C], index + 1)
        case quote: return ([quote], index + 1)
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = c == UInt8(ascii: "x") ? 2 : c == UInt8(ascii: "u") ? 4 : 8
            guard index + count < end + 1, index + count <= end else { return nil }
            var value: UInt32 = 0
            for offset in 1...count {
                guard let digit = Character(Unicode.Scalar(bytes[index + offset])).hexDigitValue else { return nil }
                value = value << 4 | UInt32(digit)
            }
            if c == UInt8(ascii: "x") { return ([UInt8(value)], index + count + 1) }
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return (Array(String(scalar).utf8), index + count + 1)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            guard index + 2 < end else { return nil }
            var value: UInt32 = 0
            for offset in 0..<3 {
                let digit = bytes[index + offset]
                guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else { return nil }
                value = value * 8 + UInt32(digit - UInt8(ascii: "0"))
            }
            guard value <= 255 else { return nil }
            return ([UInt8(value)], index + 3)
        default:
            return nil
        }
    }
}
