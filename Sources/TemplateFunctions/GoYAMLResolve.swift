import Foundation

/// go-yaml's `resolve` for a plain scalar: would this text read back as something other than a
/// string? go-yaml's encoders double-quote such strings (`"yes"`, `"1.0"`, `"2024-01-01"`).
/// Used by `toYamlPretty`'s go-yaml v3 writer; `toYaml` goes through the YAML module's writer.
enum GoYAMLResolve {
    private static let special: Set<String> = [
        "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<",
        // isOldBool: YAML 1.1 booleans, quoted by go-yaml v3 for older readers.
        "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF",
    ]
    private static let float = try! NSRegularExpression(pattern: #"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"#)
    private static let base60 = try! NSRegularExpression(pattern: #"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$"#)
    private static let timestamp = try! NSRegularExpression(pattern:
        #"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2}))|(?: [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?))?$"#)

    private static func matches(_ regex: NSRegularExpression, _ s: String) -> Bool {
        regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    /// True when a plain `s` would not read back as the string `s`.
    static func needsQuotes(_ s: String) -> Bool {
        if special.contains(s) { return true }
        guard let first = s.utf8.first else { return true }
        if first == UInt8(ascii: ".") { return Cast.parseGoFloat(s) != nil && matches(float, s) }
        let isDigit = first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")
        guard isDigit || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return false }
        if matches(timestamp, s) || matches(base60, s) { return true }
        let plain = s.replacingOccurrences(of: "_", with: "")
        if Cast.parseGoInt(plain, base: 0) != nil { return true }
        if !plain.hasPrefix("-"), !plain.hasPrefix("+"), UInt64(plain) != nil { return true }
        if matches(float, plain), let value = Double(plain), value.isFinite { return true }
        return false
    }
}
