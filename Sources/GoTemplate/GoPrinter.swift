/// One `fmt` print operation's buffer and flags (fmt's `pp` and `fmt` structs).
struct GoPrinter {
    var buffer: [UInt8] = []
    var sharp = false, zero = false, plus = false, minus = false, space = false
    var sharpV = false, plusV = false
    var width = 0, widthPresent = false
    var precision = 0, precisionPresent = false

    var string: String { String(decoding: buffer, as: UTF8.self) }

    mutating func clearFlags() {
        sharp = false; zero = false; plus = false; minus = false; space = false
        sharpV = false; plusV = false
        width = 0; widthPresent = false; precision = 0; precisionPresent = false
    }

    // MARK: padding

    /// fmt's `pad`: width counts runes; zero padding only to the left.
    mutating func pad<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        guard widthPresent && width > 0 else { buffer.append(contentsOf: bytes); return }
        let count = runeCount(bytes)
        let padding = width - count
        guard padding > 0 else { buffer.append(contentsOf: bytes); return }
        if minus {
            buffer.append(contentsOf: bytes)
            buffer.append(contentsOf: repeatElement(0x20, count: padding))
        } else {
            buffer.append(contentsOf: repeatElement(zero ? UInt8(ascii: "0") : 0x20, count: padding))
            buffer.append(contentsOf: bytes)
        }
    }

    mutating func writePadding(_ count: Int) {
        guard count > 0 else { return }
        buffer.append(contentsOf: repeatElement(zero && !minus ? UInt8(ascii: "0") : 0x20, count: count))
    }

    func runeCount<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    mutating func padString(_ string: String) { pad(Array(string.utf8)) }

    // MARK: argument dispatch (fmt's printArg / printValue)

    mutating func printArgument(_ value: Value, verb: UInt8) {
        if verb == UInt8(ascii: "T") {
            fmtString(Array(GoFormat.typeName(value).utf8), verb: UInt8(ascii: "s"))
            return
        }
        switch value {
        case .missing, .null:
            if verb == UInt8(ascii: "v") { padString("<nil>") } else { badVerb(verb, value) }
        case .bool(let bool):
            if verb == UInt8(ascii: "t") || verb == UInt8(ascii: "v") { padString(bool ? "true" : "false") } else { badVerb(verb, value) }
        case .int(let int):
            printInteger(int, verb: verb, value: value)
        case .float(let double):
            printFloat(double, verb: verb, value: value)
        case .string(let string):
            printString(Array(string.utf8), verb: verb, value: value)
        case .bytes(let bytes):
            printBytes(bytes, verb: verb, value: value)
        case .list(let items):
            if sharpV { buffer.append(contentsOf: Array("[]interface {}{".utf8)) } else { buffer.append(UInt8(ascii: "[")) }
            for (index, item) in items.enumerated() {
                if index > 0 { buffer.append(contentsOf: sharpV ? [0x2C, 0x20] : [0x20]) }
                printElement(item, verb: verb)
            }
            buffer.append(sharpV ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        case .map(let map):
            buffer.append(contentsOf: Array((sharpV ? "map[string]interface {}{" : "map[").utf8))
            for (index, key) in map.sortedKeys.enumerated() {
                if index > 0 { buffer.append(contentsOf: sharpV ? [0x2C, 0x20] : [0x20]) }
                printElement(.string(key), verb: verb)
                buffer.append(UInt8(ascii: ":"))
                printElement(map.storage[key] ?? .null, verb: verb)
            }
            buffer.append(sharpV ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        case .object(let object):
            if verb == UInt8(ascii: "v") || verb == UInt8(ascii: "s") { padString(object.goFormatted) } else { badVerb(verb, value) }
        }
    }

    /// An element of a slice or map: a nil interface prints `<nil>` whatever the verb.
    mutating func printElement(_ value: Value, verb: UInt8) {
        switch value {
        case .null, .missing: padString(sharpV ? "interface {}(nil)" : "<nil>")
        default: printArgument(value, verb: verb)
        }
    }

    /// `%!verb(type=value)`, or `%!verb(<nil>)`.
    mutating func badVerb(_ verb: UInt8, _ value: Value) {
        buffer.append(contentsOf: [UInt8(ascii: "%"), UInt8(ascii: "!"), verb, UInt8(ascii: "(")])
        switch value {
        case .null, .missing:
            buffer.append(contentsOf: Array("<nil>".utf8))
        default:
            buffer.append(contentsOf: Array(GoFormat.typeName(value).utf8))
            buffer.append(UInt8(ascii: "="))
            let savedSharpV = sharpV
            sharpV = false
            printArgument(value, verb: UInt8(ascii: "v"))
            sharpV = savedSharpV
        }
        buffer.append(UInt8(ascii: ")"))
    }
}
