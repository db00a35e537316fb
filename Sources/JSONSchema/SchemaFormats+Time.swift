/// The date and time formats (`validateDate`, `validateTime`, `validateDateTime`,
/// `validatePeriod`) and `semver`, with the library's reasons; `date` goes through Go's
/// `time.Parse("2006-01-02", …)`, whose error text `goParseDate` reproduces.
extension SchemaFormats {
    static func date(_ s: String) -> String? { goParseDate(s) }

    /// Go's `time.Parse("2006-01-02", s)` error, or nil.
    static func goParseDate(_ value: String) -> String? {
        let layout = "2006-01-02"
        func cannot(_ rest: Substring, _ element: String) -> String {
            "parsing time \(goQuote(value)) as \(goQuote(layout)): cannot parse \(goQuote(String(rest))) as \(goQuote(element))"
        }
        var rest = Substring(value)
        func digits(_ n: Int) -> Int? {
            let prefix = rest.prefix(n)
            guard prefix.count == n, prefix.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            rest = rest.dropFirst(n)
            return Int(prefix)
        }
        guard let year = digits(4) else { return cannot(rest, "2006") }
        guard rest.hasPrefix("-") else { return cannot(rest, "-") }
        rest = rest.dropFirst()
        guard let month = digits(2) else { return cannot(rest, "01") }
        if month < 1 || month > 12 { return "parsing time \(goQuote(value)): month out of range" }
        guard rest.hasPrefix("-") else { return cannot(rest, "-") }
        rest = rest.dropFirst()
        guard let day = digits(2) else { return cannot(rest, "02") }
        if day > 31 { return "parsing time \(goQuote(value)): day out of range" }
        if !rest.isEmpty { return "parsing time \(goQuote(value)): extra text: \(goQuote(String(rest)))" }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        if day < 1 || day > days { return "parsing time \(goQuote(value)): day out of range" }
        return nil
    }

    /// The time package's `quote`: double quotes, with non-ASCII-printable bytes as `\x..`.
    static func goQuote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { out += "\\" + String(scalar) }
            else if scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F || !scalar.isASCII { out.unicodeScalars.append(scalar) }
            else { out += "\\x" + String(scalar.value, radix: 16, uppercase: false).leftPadded(2) }
        }
        return out + "\""
    }

    static func time(_ str: String) -> String? {
        let b = Array(str.utf8)
        if b.count < 9 { return "less than 9 characters long" }
        if b[2] != UInt8(ascii: ":") || b[5] != UInt8(ascii: ":") { return "missing colon in correct place" }
        var hms: [Int] = []
        for token in String(decoding: b[0..<8], as: UTF8.self).split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false) {
            guard let i = goAtoi(token) else { return "invalid hour/min/sec" }
            if i < 0 { return "non-positive hour/min/sec" }
            hms.append(i)
        }
        if hms.count != 3 { return "missing hour/min/sec" }
        var (h, m) = (hms[0], hms[1])
        let s = hms[2]
        if h > 23 || m > 59 || s > 60 { return "hour/min/sec out of range" }
        var rest = Array(b[8...])
        if rest.first == UInt8(ascii: ".") {
            let fraction = rest.dropFirst().prefix { $0 >= 0x30 && $0 <= 0x39 }
            if fraction.isEmpty { return "no digits in second fraction" }
            rest = Array(rest.dropFirst(1 + fraction.count))
        }
        if rest != [UInt8(ascii: "z")] && rest != [UInt8(ascii: "Z")] {
            if rest.count != 6 { return "offset must be 6 characters long" }
            let sign: Int
            switch rest[0] {
            case UInt8(ascii: "+"): sign = -1
            case UInt8(ascii: "-"): sign = 1
            default: return "offset must begin with plus/minus"
            }
            rest.removeFirst()
            if rest[2] != UInt8(ascii: ":") { return "missing colon in offset in correct place" }
            var zhm: [Int] = []
            for token in String(decoding: rest, as: UTF8.self).split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false) {
                guard let i = goAtoi(token) else { return "invalid hour/min in offset" }
                if i < 0 { return "non-positive hour/min in offset" }
                zhm.append(i)
            }
            if zhm[0] > 23 || zhm[1] > 59 { return "hour/min in offset out of range" }
            var hm = (h * 60 + m) + sign * (zhm[0] * 60 + zhm[1])
            if hm < 0 { hm += 24 * 60 }
            (h, m) = (hm / 60, hm % 60)
        }
        if s >= 60 && (h != 23 || m != 59) { return "invalid leap second" }
        return nil
    }

    static func dateTime(_ s: String) -> String? {
        let b = Array(s.utf8)
        if b.count < 20 { return "less than 20 characters long" }
        if b[10] != UInt8(ascii: "t") && b[10] != UInt8(ascii: "T") { return "11th character must be t or T" }
        if let reason = date(String(decoding: b[0..<10], as: UTF8.self)) { return "invalid date element: \(reason)" }
        if let reason = time(String(decoding: b[11...], as: UTF8.self)) { return "invalid time element: \(reason)" }
        return nil
    }

    static func period(_ s: String) -> String? {
        guard let slash = s.firstIndex(of: "/") else { return "missing slash" }
        let start = String(s[..<slash]), end = String(s[s.index(after: slash)...])
        if start.hasPrefix("P") {
            if let r = duration(start) { return "invalid start duration: \(r)" }
            if let r = dateTime(end) { return "invalid end date-time: \(r)" }
        } else {
            if let r = dateTime(start) { return "invalid start date-time: \(r)" }
            if end.hasPrefix("P") {
                if let r = duration(end) { return "invalid end duration: \(r)" }
            } else if let r = dateTime(end) {
                return "invalid end date-time: \(r)"
            }
        }
        return nil
    }

    static func semver(_ input: String) -> String? {
        var s = Substring(input)
        func letterOrDigit(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "-") }
        if let plus = s.firstIndex(of: "+") {
            let build = s[s.index(after: plus)...]
            if build.isEmpty { return "build is empty" }
            for id in build.split(separator: ".", omittingEmptySubsequences: false) {
                if id.isEmpty { return "build identifier is empty" }
                for c in id where !letterOrDigit(c) { return "invalid character \(goQuoteRune(c)) in build identifier" }
            }
            s = s[..<plus]
        }
        if let dash = s.firstIndex(of: "-") {
            for id in s[s.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false) {
                if id.isEmpty { return "pre-release identifier is empty" }
                for c in id where !letterOrDigit(c) { return "invalid character \(goQuoteRune(c)) in pre-release identifier" }
                if id.allSatisfy({ $0.isASCII && $0.isNumber }) && id.count > 1 && id.hasPrefix("0") {
                    return "pre-release numeric identifier starts with zero"
                }
            }
            s = s[..<dash]
        }
        let versions = s.split(separator: ".", omittingEmptySubsequences: false)
        if versions.count != 3 { return "versionCore must have 3 numbers separated by dot" }
        for (name, version) in zip(["major", "minor", "patch"], versions) {
            if version.isEmpty { return "\(name) is empty" }
            if version.count > 1 && version.hasPrefix("0") { return "\(name) starts with zero" }
            if !version.allSatisfy({ $0.isASCII && $0.isNumber }) { return "\(name) contains non-digit" }
        }
        return nil
    }

    /// `strconv.Atoi` accepting what it accepts here: an optional sign and decimal digits.
    static func goAtoi(_ s: Substring) -> Int? {
        var digits = s
        if digits.hasPrefix("+") || digits.hasPrefix("-") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
