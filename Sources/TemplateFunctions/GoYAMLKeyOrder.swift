import GitOpsAPI

/// go-yaml's map-key order (`keyList.Less` in sorter.go, the rule `JSONValue.goYAMLKeyLess`
/// states), computed over each key's scalars once instead of once per comparison: `toYaml`
/// sorts every map it prints.
enum GoYAMLKeyOrder {
    static func sorted(_ keys: some Collection<String>) -> [String] {
        if keys.count < 2 { return Array(keys) }
        // Keys of ASCII without digits (nearly all Kubernetes field names) need no number
        // runs: the order is then non-letters before letters, each by code point.
        if keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 && ($0 < 0x30 || $0 > 0x39) } }) {
            @inline(__always) func rank(_ c: UInt8) -> UInt16 {
                (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A ? 0x100 | UInt16(c) : UInt16(c)
            }
            return keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) { rank($0) < rank($1) } }
        }
        var entries = keys.map { ($0, Array($0.unicodeScalars)) }
        entries.sort { less($0.1, $1.1) }
        return entries.map(\.0)
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return (c.value | 0x20) >= 97 && (c.value | 0x20) <= 122 }
        return c.properties.isAlphabetic
    }

    private static func isDecimal(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? isDigit(c) : c.properties.numericType == .decimal
    }

    static func less(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        var digits = false
        var i = 0
        while i < a.count && i < b.count {
            if a[i] == b[i] {
                digits = isDecimal(a[i])
                i += 1
                continue
            }
            let al = isLetter(a[i]), bl = isLetter(b[i])
            if al && bl { return a[i].value < b[i].value }
            if al || bl { return digits ? al : bl }
            var an: Int64 = 0, bn: Int64 = 0
            if a[i] == "0" || b[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(a[j]) {
                    if a[j] != "0" { an = 1; bn = 1; break }
                    j -= 1
                }
            }
            var ai = i, bi = i
            while ai < a.count && isDigit(a[ai]) { an = an &* 10 &+ Int64(a[ai].value - 48); ai += 1 }
            while bi < b.count && isDigit(b[bi]) { bn = bn &* 10 &+ Int64(b[bi].value - 48); bi += 1 }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return a[i].value < b[i].value
        }
        return a.count < b.count
    }
}
