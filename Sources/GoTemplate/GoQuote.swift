/// strconv's quoting (`Quote`, `QuoteToASCII`, `QuoteRune`, `CanBackquote`) for `%q` and `js`,
/// and for other modules that print what a Go program prints.
public enum GoQuote {
    static let hex = Array("0123456789abcdef".utf8)

    /// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    public static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value >= 0x20 && value < 0x7F }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format, .surrogate,
             .privateUse, .unassigned:
            return false
        default:
            return true
        }
    }

    /// `strconv.Quote` of a string.
    public static func quote(_ s: String) -> String { String(decoding: quote(s.utf8), as: UTF8.self) }

    /// strconv.Quote (or QuoteToASCII when `asciiOnly`) of UTF-8 bytes, in double quotes.
    static func quote<C: Collection>(_ bytes: C, asciiOnly: Bool = false) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(bytes.count + 2)
        var decoder = UTF8Decoding(Array(bytes))
        while let (scalar, invalidByte) = decoder.next() {
            if let byte = invalidByte {
                out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                continue
            }
            appendEscaped(&out, scalar, quote: UInt8(ascii: "\""), asciiOnly: asciiOnly)
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    /// strconv.QuoteRune; with `sharp` (`%#q`) a printable rune is left bare in quotes.
    static func quoteRune(_ scalar: Unicode.Scalar, asciiOnly: Bool, sharp: Bool) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "'")]
        appendEscaped(&out, scalar, quote: UInt8(ascii: "'"), asciiOnly: asciiOnly)
        out.append(UInt8(ascii: "'"))
        return out
    }

    static func appendEscaped(_ out: inout [UInt8], _ scalar: Unicode.Scalar, quote: UInt8, asciiOnly: Bool) {
        let value = scalar.value
        if value == UInt32(quote) || value == 0x5C {
            out.append(0x5C); out.append(UInt8(value)); return
        }
        if asciiOnly ? (value < 0x80 && isPrint(scalar)) : isPrint(scalar) {
            out.append(contentsOf: Array(String(scalar).utf8)); return
        }
        switch value {
        case 0x07: out += [0x5C, UInt8(ascii: "a")]
        case 0x08: out += [0x5C, UInt8(ascii: "b")]
        case 0x0C: out += [0x5C, UInt8(ascii: "f")]
        case 0x0A: out += [0x5C, UInt8(ascii: "n")]
        case 0x0D: out += [0x5C, UInt8(ascii: "r")]
        case 0x09: out += [0x5C, UInt8(ascii: "t")]
        case 0x0B: out += [0x5C, UInt8(ascii: "v")]
        default:
            if value < 0x20 || value == 0x7F {
                out += [0x5C, UInt8(ascii: "x"), hex[Int(value >> 4)], hex[Int(value & 0xF)]]
            } else if value < 0x10000 {
                out += [0x5C, UInt8(ascii: "u")]
                for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((value >> UInt32(shift)) & 0xF)]) }
            } else {
                out += [0x5C, UInt8(ascii: "U")]
                for shift in stride(from: 28, through: 0, by: -4) { out.append(hex[Int((value >> UInt32(shift)) & 0xF)]) }
            }
        }
    }

    /// strconv.CanBackquote: one line, no backquote, no control characters but tab, valid UTF-8.
    static func canBackquote(_ bytes: [UInt8]) -> Bool {
        var decoder = UTF8Decoding(bytes)
        while let (scalar, invalid) = decoder.next() {
            if invalid != nil { return false }
            let value = scalar.value
            if value == 0x60 || value == 0xFEFF || value == 0x7F { return false }
            if value < 0x20 && value != 0x09 { return false }
        }
        return true
    }
}

/// Walks UTF-8 bytes as Go's `range` over a string does: each invalid byte on its own.
struct UTF8Decoding {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next scalar, or U+FFFD with the offending byte when the input is not valid UTF-8.
    mutating func next() -> (Unicode.Scalar, UInt8?)? {
        guard index < bytes.count else { return nil }
        let first = bytes[index]
        if first < 0x80 { index += 1; return (Unicode.Scalar(first), nil) }
        let length: Int
        var value: UInt32
        switch first {
        case 0xC2...0xDF: length = 2; value = UInt32(first & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(first & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(first & 0x07)
        default: index += 1; return ("\u{FFFD}", first)
        }
        guard index + length <= bytes.count else { index += 1; return ("\u{FFFD}", first) }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { index += 1; return ("\u{FFFD}", first) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { index += 1; return ("\u{FFFD}", first) }
        index += length
        return (scalar, nil)
    }
}
