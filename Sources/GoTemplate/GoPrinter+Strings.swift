/// fmt's string and byte-slice verbs (print.go fmtString/fmtBytes, format.go fmtS/fmtSbx/fmtQ).
extension GoPrinter {
    mutating func printString(_ bytes: [UInt8], verb: UInt8, value: Value) {
        // The '0' flag pads strings with zeros in the Go helm 3.19 is built with (go1.24:
        // `%05s` of "ab" is 000ab; Go 1.23's change to ignore it was reverted).
        switch verb {
        case UInt8(ascii: "v"):
            if sharpV { fmtQ(bytes) } else { fmtString(bytes, verb: verb) }
        case UInt8(ascii: "s"): fmtString(bytes, verb: verb)
        case UInt8(ascii: "x"): fmtHex(bytes, digits: GoPrinter.lowerDigits)
        case UInt8(ascii: "X"): fmtHex(bytes, digits: GoPrinter.upperDigits)
        case UInt8(ascii: "q"): fmtQ(bytes)
        default: badVerb(verb, value)
        }
    }

    mutating func printBytes(_ bytes: [UInt8], verb: UInt8, value: Value) {
        switch verb {
        case UInt8(ascii: "v"), UInt8(ascii: "d"):
            if sharpV {
                buffer.append(contentsOf: Array("[]byte{".utf8))
                for (index, byte) in bytes.enumerated() {
                    if index > 0 { buffer.append(contentsOf: [0x2C, 0x20]) }
                    buffer.append(contentsOf: Array("0x\(String(byte, radix: 16))".utf8))
                }
                buffer.append(UInt8(ascii: "}"))
                return
            }
            buffer.append(UInt8(ascii: "["))
            for (index, byte) in bytes.enumerated() {
                if index > 0 { buffer.append(0x20) }
                fmtInteger(Int(byte), base: 10, verb: verb, digits: GoPrinter.lowerDigits)
            }
            buffer.append(UInt8(ascii: "]"))
        case UInt8(ascii: "s"), UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "q"):
            switch verb {
            case UInt8(ascii: "s"): fmtString(bytes, verb: verb)
            case UInt8(ascii: "x"): fmtHex(bytes, digits: GoPrinter.lowerDigits)
            case UInt8(ascii: "X"): fmtHex(bytes, digits: GoPrinter.upperDigits)
            default: fmtQ(bytes)
            }
        default:
            // Go prints each byte with the verb, as for any slice.
            buffer.append(UInt8(ascii: "["))
            for (index, byte) in bytes.enumerated() {
                if index > 0 { buffer.append(0x20) }
                printInteger(Int(byte), verb: verb, value: .int(Int(byte)))
            }
            buffer.append(UInt8(ascii: "]"))
        }
    }

    /// The first `precision` runes when a precision is given (fmt's truncate).
    func truncated(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        guard precisionPresent else { return bytes[...] }
        var runes = 0
        for (index, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
            if runes == precision { return bytes[..<index] }
            runes += 1
        }
        return bytes[...]
    }

    mutating func fmtString(_ bytes: [UInt8], verb: UInt8) {
        pad(truncated(bytes))
    }

    /// `%q`: strconv.Quote, `%+q` ASCII only, `%#q` a raw string when possible.
    mutating func fmtQ(_ bytes: [UInt8]) {
        let text = Array(truncated(bytes))
        if sharp && GoQuote.canBackquote(text) {
            pad([UInt8(ascii: "`")] + text + [UInt8(ascii: "`")])
        } else {
            pad(GoQuote.quote(text, asciiOnly: plus))
        }
    }

    /// `%x` of a string or bytes: two hex digits a byte; `% x` spaces them, `%#x` adds 0x.
    mutating func fmtHex(_ bytes: [UInt8], digits: [UInt8]) {
        var length = bytes.count
        if precisionPresent && precision < length { length = precision }
        var encodedWidth = 2 * length
        if encodedWidth > 0 {
            if space {
                if sharp { encodedWidth *= 2 }
                encodedWidth += length - 1
            } else if sharp {
                encodedWidth += 2
            }
        } else {
            if widthPresent { writePadding(width) }
            return
        }
        if widthPresent && width > encodedWidth && !minus { writePadding(width - encodedWidth) }
        if sharp { buffer.append(UInt8(ascii: "0")); buffer.append(digits[16]) }
        for index in 0..<length {
            if space && index > 0 {
                buffer.append(0x20)
                if sharp { buffer.append(UInt8(ascii: "0")); buffer.append(digits[16]) }
            }
            let byte = bytes[index]
            buffer.append(digits[Int(byte >> 4)])
            buffer.append(digits[Int(byte & 0xF)])
        }
        if widthPresent && width > encodedWidth && minus { writePadding(width - encodedWidth) }
    }
}
