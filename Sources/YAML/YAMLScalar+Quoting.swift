extension YAMLScalar {
    /// True when `text`, written as a plain scalar, would be read back by some YAML 1.1 reader
    /// as something other than this string: a boolean, null, number, timestamp or base-60
    /// number. kyaml quotes these (`"yes"`, `"2001-12-14"`, `"1:20"`), and so must we, or
    /// Kubernetes would read a different value than the one written.
    static func readsAsNonString(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            if resolvePlain(bytes) != nil { return true }
            guard let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
            else { return false }
            return isTimestamp(bytes) || isBase60(bytes)
        }
    }

    /// go-yaml's timestamp forms: `2006-1-2`, `2006-1-2 15:4:5.999`, and with `T`/`t` and a zone
    /// (`Z` or `±hh:mm`) after the time.
    static func isTimestamp(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        func number(_ minDigits: Int, _ maxDigits: Int, upTo limit: Int) -> Bool {
            let n = digitRun(b, from: i)
            guard n >= minDigits, n <= maxDigits else { return false }
            var value = 0
            for k in i..<(i + n) { value = value * 10 + Int(b[k] - UInt8(ascii: "0")) }
            i += n
            return value <= limit
        }
        func expect(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard number(4, 4, upTo: 9999), expect("-"), number(1, 2, upTo: 12), expect("-"), number(1, 2, upTo: 31)
        else { return false }
        if i == b.count { return true }
        let separator = b[i]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else { return false }
        i += 1
        guard number(1, 2, upTo: 23), expect(":"), number(1, 2, upTo: 59), expect(":"), number(1, 2, upTo: 59)
        else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            i += digitRun(b, from: i)
        }
        if separator == UInt8(ascii: " ") { return i == b.count }
        if expect("Z") { return i == b.count }
        guard i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        return number(2, 2, upTo: 23) && expect(":") && number(2, 2, upTo: 59) && i == b.count
    }

    /// YAML 1.1 sexagesimal numbers, `^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$`, which
    /// go-yaml quotes on output for other readers' sake.
    static func isBase60(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { return false }
        while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        var groups = 0
        while i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            let n = digitRun(b, from: i)
            guard n == 1 || (n == 2 && b[i] <= UInt8(ascii: "5")) else { return false }
            i += n
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        }
        return i == b.count
    }
}
