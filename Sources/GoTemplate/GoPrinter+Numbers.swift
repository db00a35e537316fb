/// fmt's integer and float verbs (print.go fmtInteger/fmtFloat, format.go).
extension GoPrinter {
    static let lowerDigits = Array("0123456789abcdefx".utf8)
    static let upperDigits = Array("0123456789ABCDEFX".utf8)

    mutating func printInteger(_ int: Int, verb: UInt8, value: Value) {
        switch verb {
        case UInt8(ascii: "v"), UInt8(ascii: "d"): fmtInteger(int, base: 10, verb: verb, digits: Self.lowerDigits)
        case UInt8(ascii: "b"): fmtInteger(int, base: 2, verb: verb, digits: Self.lowerDigits)
        case UInt8(ascii: "o"), UInt8(ascii: "O"): fmtInteger(int, base: 8, verb: verb, digits: Self.lowerDigits)
        case UInt8(ascii: "x"): fmtInteger(int, base: 16, verb: verb, digits: Self.lowerDigits)
        case UInt8(ascii: "X"): fmtInteger(int, base: 16, verb: verb, digits: Self.upperDigits)
        case UInt8(ascii: "c"): pad(Array(String(Self.rune(int)).utf8))
        case UInt8(ascii: "q"): pad(GoQuote.quoteRune(Self.rune(int), asciiOnly: plus, sharp: sharp))
        case UInt8(ascii: "U"): fmtUnicode(int)
        default: badVerb(verb, value)
        }
    }

    static func rune(_ int: Int) -> Unicode.Scalar {
        guard int >= 0, int <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(int)) else { return "\u{FFFD}" }
        return scalar
    }

    /// format.go fmtInteger: precision or zero flag give leading zeros, then prefixes and sign.
    mutating func fmtInteger(_ value: Int, base: Int, verb: UInt8, digits: [UInt8]) {
        let negative = value < 0
        var magnitude = value.magnitude
        var precisionDigits = 0
        if precisionPresent {
            precisionDigits = precision
            if precision == 0 && magnitude == 0 {
                let savedZero = zero
                zero = false
                writePadding(width)
                zero = savedZero
                return
            }
        } else if zero && !minus && widthPresent {
            precisionDigits = width
            if negative || plus || space { precisionDigits -= 1 }
        }
        var reversed: [UInt8] = []
        repeat {
            reversed.append(digits[Int(magnitude % UInt(base))])
            magnitude /= UInt(base)
        } while magnitude > 0
        while reversed.count < precisionDigits { reversed.append(UInt8(ascii: "0")) }
        if sharp {
            switch base {
            case 2: reversed.append(UInt8(ascii: "b")); reversed.append(UInt8(ascii: "0"))
            case 8: if reversed.last != UInt8(ascii: "0") { reversed.append(UInt8(ascii: "0")) }
            case 16: reversed.append(digits[16]); reversed.append(UInt8(ascii: "0"))
            default: break
            }
        }
        if verb == UInt8(ascii: "O") { reversed.append(UInt8(ascii: "o")); reversed.append(UInt8(ascii: "0")) }
        if negative { reversed.append(UInt8(ascii: "-")) } else if plus { reversed.append(UInt8(ascii: "+")) } else if space { reversed.append(0x20) }
        let savedZero = zero
        zero = false
        pad(reversed.reversed())
        zero = savedZero
    }

    /// `%U`: `U+0041`, with `#` also the quoted character when printable.
    mutating func fmtUnicode(_ value: Int) {
        var hex = Array(String(UInt64(bitPattern: Int64(value)), radix: 16, uppercase: true).utf8)
        let minimum = precisionPresent && precision > 4 ? precision : 4
        if hex.count < minimum { hex = Array(repeating: UInt8(ascii: "0"), count: minimum - hex.count) + hex }
        var out = Array("U+".utf8) + hex
        if sharp, value >= 0, value <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(value)), GoQuote.isPrint(scalar) {
            out += [0x20, UInt8(ascii: "'")] + Array(String(scalar).utf8) + [UInt8(ascii: "'")]
        }
        let savedZero = zero
        zero = false
        pad(out)
        zero = savedZero
    }

    mutating func printFloat(_ double: Double, verb: UInt8, value: Value) {
        switch verb {
        case UInt8(ascii: "v"): fmtFloat(double, format: UInt8(ascii: "g"), defaultPrecision: -1)
        case UInt8(ascii: "g"), UInt8(ascii: "G"): fmtFloat(double, format: verb, defaultPrecision: -1)
        case UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "e"), UInt8(ascii: "E"):
            fmtFloat(double, format: verb, defaultPrecision: 6)
        case UInt8(ascii: "x"), UInt8(ascii: "X"): fmtFloat(double, format: verb, defaultPrecision: -1)
        default: badVerb(verb, value)
        }
    }

    /// strconv's `'x'` format with the shortest mantissa (`0x1.8p+00`): a leading 1 (subnormals
    /// normalised), trailing zero digits dropped, a signed exponent of at least two digits.
    /// A precision is not applied (the shortest form is printed).
    static func hexFloat(_ double: Double, upper: Bool) -> [UInt8] {
        if double.isNaN { return Array("NaN".utf8) }
        if double.isInfinite { return Array((double < 0 ? "-Inf" : "+Inf").utf8) }
        var text = double.sign == .minus ? "-0x" : "0x"
        var mantissa = double.significandBitPattern
        var exponent = Int(double.exponentBitPattern) - 1023
        if double == 0 {
            text += "0p+00"
        } else {
            if double.exponentBitPattern == 0 {  // subnormal: shift until the implicit bit
                exponent = -1022
                while mantissa & (1 << 52) == 0 { mantissa <<= 1; exponent -= 1 }
                mantissa &= (1 << 52) - 1
            }
            var digits = String(mantissa, radix: 16)
            digits = String(repeating: "0", count: 13 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "1" + (digits.isEmpty ? "" : "." + digits)
            let magnitude = String(abs(exponent))
            text += "p" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
        }
        return Array((upper ? text.uppercased() : text).utf8)
    }

    /// format.go fmtFloat: sign handling, `+`/space flags, zero padding after the sign, no zero
    /// padding for infinities and NaN.
    mutating func fmtFloat(_ double: Double, format: UInt8, defaultPrecision: Int) {
        let digits = format == UInt8(ascii: "x") || format == UInt8(ascii: "X")
            ? Self.hexFloat(double, upper: format == UInt8(ascii: "X"))
            : GoFormat.floatBytes(double, format: format, precision: precisionPresent ? precision : defaultPrecision)
        var number: [UInt8]
        if digits.first == UInt8(ascii: "-") || digits.first == UInt8(ascii: "+") { number = digits } else { number = [UInt8(ascii: "+")] + digits }
        if space && number[0] == UInt8(ascii: "+") && !plus { number[0] = 0x20 }
        if number[1] == UInt8(ascii: "I") || number[1] == UInt8(ascii: "N") {
            let savedZero = zero
            zero = false
            if number[1] == UInt8(ascii: "N") && !space && !plus { number.removeFirst() }
            pad(number)
            zero = savedZero
            return
        }
        if plus || number[0] != UInt8(ascii: "+") {
            if zero && !minus && widthPresent && width > number.count {
                buffer.append(number[0])
                writePadding(width - number.count)
                buffer.append(contentsOf: number[1...])
                return
            }
            pad(number)
            return
        }
        pad(number[1...])
    }
}
