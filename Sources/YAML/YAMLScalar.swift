import GitOpsAPI

/// YAML 1.1 scalar resolution as Kubernetes reads it (go-yaml v2's `resolve`, decoded into
/// `interface{}` by `sigs.k8s.io/yaml`).
///
/// Works on the scalar's UTF-8 bytes so that the common case (a plain word that is just a
/// string) costs one table lookup and no allocation beyond the string itself.
enum YAMLScalar {
    /// What a plain, untagged scalar means, or nil when it is a string.
    static func resolvePlain(_ bytes: UnsafeBufferPointer<UInt8>, yaml11Booleans: Bool = true) -> JSONValue? {
        guard let first = bytes.first else { return .null }
        if !yaml11Booleans, let word = specialWord(bytes), case .bool = word,
           !["true", "True", "TRUE", "false", "False", "FALSE"].contains(String(decoding: bytes, as: UTF8.self))
        {
            return nil
        }
        switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let special = specialWord(bytes) { return special }
            return number(bytes)
        case UInt8(ascii: "."):
            if let special = specialWord(bytes) { return special }
            // go-yaml hands the text to strconv.ParseFloat, which takes no `_` here.
            return isDotFloat(bytes) ? double(bytes) : nil
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
            UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return specialWord(bytes)
        default:
            return nil
        }
    }

    /// go-yaml v2's resolve map: every spelling it knows, and nothing else (`yEs` is a string).
    private static let words: [String: JSONValue] = {
        var table: [String: JSONValue] = [:]
        for word in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] {
            table[word] = .bool(true)
        }
        for word in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] {
            table[word] = .bool(false)
        }
        for word in ["~", "null", "Null", "NULL"] { table[word] = .null }
        for word in [".nan", ".NaN", ".NAN"] { table[word] = .double(.nan) }
        for word in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { table[word] = .double(.infinity) }
        for word in ["-.inf", "-.Inf", "-.INF"] { table[word] = .double(-.infinity) }
        return table
    }()

    private static func specialWord(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        guard bytes.count <= 6 else { return nil }
        return words[String(decoding: bytes, as: UTF8.self)]
    }

    /// Ints (decimal, `0x`, `0o`, `0b`, legacy octal `0777`, `_` separators), then floats, in
    /// the order go-yaml v2 tries them.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        guard bytes.contains(UInt8(ascii: "_")) else { return numberWithoutSeparators(bytes) }
        let plain = bytes.filter { $0 != UInt8(ascii: "_") }
        return plain.withUnsafeBufferPointer(numberWithoutSeparators)
    }

    private static func numberWithoutSeparators(_ plain: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        switch GoInt.parse(plain) {
        case .int(let value): return .int(value)
        // Past Int64 but within UInt64: Go keeps a uint64; JSON can only hold it as a number.
        case .unsigned(let value): return .double(Double(value))
        case .invalid: break
        }
        return isYAMLStyleFloat(plain) ? double(plain) : nil
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, go-yaml's float pattern.
    static func isYAMLStyleFloat(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        let intDigits = digitRun(b, from: i)
        i += intDigits
        if intDigits == 0 {
            guard i < b.count, b[i] == UInt8(ascii: ".") else { return false }
            let fraction = digitRun(b, from: i + 1)
            guard fraction > 0 else { return false }
            i += 1 + fraction
        } else if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1 + digitRun(b, from: i + 1)
        }
        return exponentEnds(b, at: i)
    }

    /// `\.[0-9]+([eE][-+]?[0-9]+)?`: what strconv.ParseFloat accepts from a leading dot.
    private static func isDotFloat(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let fraction = digitRun(b, from: 1)
        return fraction > 0 && exponentEnds(b, at: 1 + fraction)
    }

    /// True when `b[i...]` is empty or an exponent (`e`, optional sign, digits).
    private static func exponentEnds(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var i = start
        if i == b.count { return true }
        guard b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return false }
        i += 1
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        let digits = digitRun(b, from: i)
        return digits > 0 && i + digits == b.count
    }

    static func digitRun(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
        return i - start
    }

    /// The float, or nil when it overflows (strconv.ParseFloat's range error leaves a string).
    private static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return .double(value)
    }
}
