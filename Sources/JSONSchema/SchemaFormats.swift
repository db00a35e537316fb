import GitOpsAPI

/// The `format` checks the library asserts for drafts before 2019-09, with its reasons
/// (`format.go`). Only strings are checked. Implemented: ipv4, hostname, email, uuid, duration,
/// json-pointer, relative-json-pointer, regex, date, time, date-time, period and semver. Not
/// implemented (so not asserted, whose reasons are Go's net/url and net/netip errors): ipv6, uri,
/// uri-reference, iri, iri-reference, uri-template.
enum SchemaFormats {
    static func known(_ name: String) -> Bool {
        ["ipv4", "hostname", "email", "uuid", "duration", "json-pointer", "relative-json-pointer", "regex",
         "date", "time", "date-time", "period", "semver"].contains(name)
    }

    /// nil when `value` satisfies the format, else the library's reason.
    static func check(_ name: String, _ value: JSONValue) -> String? {
        guard let s = value.stringValue else { return nil }
        switch name {
        case "ipv4": return ipv4(s)
        case "hostname": return hostname(s)
        case "email": return email(s)
        case "uuid": return uuid(s)
        case "duration": return duration(s)
        case "json-pointer": return jsonPointer(s)
        case "relative-json-pointer": return relativeJSONPointer(s)
        case "date": return date(s)
        case "time": return time(s)
        case "date-time": return dateTime(s)
        case "period": return period(s)
        case "semver": return semver(s)
        case "regex":
            do { _ = try GoRegex(s); return nil } catch { return "error parsing regexp: \((error as? JSONSchemaError)?.message ?? "invalid")" }
        default: return nil
        }
    }

    static func goQuoteRune(_ c: Character) -> String {
        c == "'" ? "'\\''" : "'\(c)'"
    }

    static func ipv4(_ s: String) -> String? {
        let groups = s.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count == 4 else { return "expected four decimals" }
        for group in groups {
            if group.count > 1 && group.hasPrefix("0") { return "leading zeros" }
            guard let n = Int(group), group.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }) else {
                return "strconv.Atoi: parsing \"\(group)\": invalid syntax"
            }
            if n < 0 || n > 255 { return "decimal must be between 0 and 255" }
        }
        return nil
    }

    static func hostname(_ input: String) -> String? {
        var s = Substring(input)
        if s.hasSuffix(".") { s = s.dropLast() }
        if s.utf8.count > 253 { return "more than 253 characters long" }
        for label in s.split(separator: ".", omittingEmptySubsequences: false) {
            if label.utf8.isEmpty || label.utf8.count > 63 { return "label must be 1 to 63 characters long" }
            if label.hasPrefix("-") { return "label starts with hyphen" }
            if label.hasSuffix("-") { return "label ends with hyphen" }
            for c in label where !(c.isASCII && (c.isLetter || c.isNumber || c == "-")) {
                return "invalid character \(goQuoteRune(c))"
            }
        }
        return nil
    }

    static func email(_ s: String) -> String? {
        if s.utf8.count > 254 { return "more than 255 characters long" }
        guard let at = s.lastIndex(of: "@") else { return "missing @" }
        let local = s[..<at]
        var domain = s[s.index(after: at)...]
        if local.utf8.count > 64 { return "local part more than 64 characters long" }
        if local.count > 1 && local.hasPrefix("\"") {
            let inner = local.dropFirst().dropLast()
            if inner.contains("\\") || inner.contains("\"") {
                return "backslash and quote are not allowed within quoted local part"
            }
        } else {
            if local.hasPrefix(".") { return "starts with dot" }
            if local.hasSuffix(".") { return "ends with dot" }
            if local.contains("..") { return "consecutive dots" }
            for c in local where !(c.isASCII && (c.isLetter || c.isNumber || ".!#$%&'*+-/=?^_`{|}~".contains(c))) {
                return "invalid character \(goQuoteRune(c))"
            }
        }
        if domain.hasPrefix("[") && domain.hasSuffix("]") {
            domain = domain.dropFirst().dropLast()
            if domain.hasPrefix("IPv6:") { return nil }  // ipv6 is not checked (see above)
            if let reason = ipv4(String(domain)) { return "invalid ipv4 address: \(reason)" }
            return nil
        }
        if let reason = hostname(String(domain)) { return "invalid domain: \(reason)" }
        return nil
    }

    static func uuid(_ s: String) -> String? {
        let lengths = [8, 4, 4, 4, 12]
        let groups = s.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.count == lengths.count else { return "must have 5 elements" }
        for (i, group) in groups.enumerated() {
            if group.utf8.count != lengths[i] { return "element \(i + 1) must be \(lengths[i]) characters long" }
            for c in group where !c.isHexDigit || !c.isASCII { return "non-hex character \(goQuoteRune(c))" }
        }
        return nil
    }

    static func duration(_ input: String) -> String? {
        guard input.hasPrefix("P") else { return "must start with P" }
        let s = input.dropFirst()
        if s.isEmpty { return "nothing after P" }
        if s.hasSuffix("W") {
            let n = s.dropLast()
            if n.isEmpty { return "no number in week" }
            return n.allSatisfy { $0.isASCII && $0.isNumber } ? nil : "invalid week"
        }
        let allUnits = ["YMD", "HMS"]
        for (i, part) in s.split(separator: "T", omittingEmptySubsequences: false).enumerated() {
            if i != 0 && part.isEmpty { return "no time elements" }
            if i >= allUnits.count { return "more than one T" }
            var units = Substring(allUnits[i])
            var rest = part
            while !rest.isEmpty {
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                if digits.isEmpty { return "missing number" }
                rest = rest.dropFirst(digits.count)
                guard let unit = rest.first else { return "missing unit" }
                guard let j = units.firstIndex(of: unit) else {
                    return allUnits[i].contains(unit) ? "unit \(goQuoteRune(unit)) out of order" : "invalid unit \(goQuoteRune(unit))"
                }
                units = units[units.index(after: j)...]
                rest = rest.dropFirst()
            }
        }
        return nil
    }

    static func jsonPointer(_ s: String) -> String? {
        if s.isEmpty { return nil }
        guard s.hasPrefix("/") else { return "not starting with /" }
        for token in s.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var escape = false
            for c in token.unicodeScalars {
                if escape {
                    escape = false
                    if c != "0" && c != "1" { return "~ must be followed by 0 or 1" }
                    continue
                }
                if c == "~" { escape = true }
            }
            if escape { return "~ must be followed by 0 or 1" }
        }
        return nil
    }

    static func relativeJSONPointer(_ s: String) -> String? {
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        if digits.isEmpty { return "must start with non-negative integer" }
        if digits.count > 1 && digits.hasPrefix("0") { return "starts with zero" }
        let rest = s.dropFirst(digits.count)
        if rest == "#" { return nil }
        return jsonPointer(String(rest))
    }
}
