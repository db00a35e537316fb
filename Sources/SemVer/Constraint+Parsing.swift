extension Constraint {
    /// Splits one `||` alternative into comparators: tokens separated by spaces or commas, an
    /// operator written apart from its version (`>= 1.2`) joined to it, and `a - b` rewritten
    /// to `>=a <=b` as Masterminds does before it reads anything else.
    static func parseGroup(_ group: Substring, in input: String) throws -> [Comparator] {
        let tokens = group.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        guard !tokens.isEmpty else {
            throw SemVerError(input: input, reason: "empty constraint (use * to accept any version)")
        }
        var items: [String] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token == "-" {
                // Hyphen range: the items on both sides must be bare versions.
                guard let lower = items.last, index + 1 < tokens.count,
                      !Operator.startsWithOperator(lower), !Operator.startsWithOperator(tokens[index + 1])
                else { throw SemVerError(input: input, reason: "a hyphen range needs a version on each side") }
                items[items.count - 1] = ">=" + lower
                items.append("<=" + tokens[index + 1])
                index += 2
            } else if token.allSatisfy(Operator.characters.contains) {
                guard index + 1 < tokens.count else {
                    throw SemVerError(input: input, reason: "operator '\(token)' has no version")
                }
                items.append(token + tokens[index + 1])
                index += 2
            } else {
                items.append(token)
                index += 1
            }
        }
        return try items.map { try Comparator.parse($0, in: input) }
    }
}

/// A comparison operator of the Masterminds dialect.
enum Operator: String, Sendable, Hashable {
    case equal = "=", notEqual = "!=", greater = ">", less = "<"
    case greaterOrEqual = ">=", lessOrEqual = "<=", tilde = "~", caret = "^"

    static let characters: Set<Character> = ["=", "!", "<", ">", "~", "^"]

    /// Aliases map onto the canonical spelling (`=>` is `>=`, `~>` is `~`).
    static let spellings: [String: Operator] = [
        "": .equal, "=": .equal, "!=": .notEqual, ">": .greater, "<": .less,
        ">=": .greaterOrEqual, "=>": .greaterOrEqual, "<=": .lessOrEqual, "=<": .lessOrEqual,
        "~": .tilde, "~>": .tilde, "^": .caret,
    ]

    static func startsWithOperator(_ text: String) -> Bool {
        text.first.map(characters.contains) ?? false
    }
}

/// One comparator: an operator and a possibly partial version (`>=1.2`, `~1.x`, `!=2.0.0`).
struct Comparator: Sendable, Hashable {
    let op: Operator
    /// The version with wildcards and missing parts set to 0.
    let version: Version
    /// Some part was a wildcard or missing.
    let dirty: Bool
    /// The minor (and so the patch) was a wildcard or missing: `1`, `1.x`.
    let minorDirty: Bool
    /// Only the patch was a wildcard or missing: `1.2`, `1.2.x`.
    let patchDirty: Bool

    static func parse(_ item: String, in input: String) throws -> Comparator {
        let opText = String(item.prefix(while: Operator.characters.contains))
        guard let op = Operator.spellings[opText] else {
            throw SemVerError(input: input, reason: "unknown operator '\(opText)'")
        }
        var text = Substring(item.dropFirst(opText.count))
        if text.hasPrefix("v") { text = text.dropFirst() }

        // Split "core-pre+build" and read the core's parts, each a number or a wildcard.
        var suffix = ""
        if let cut = text.firstIndex(where: { $0 == "-" || $0 == "+" }) {
            suffix = String(text[cut...])
            text = text[..<cut]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw SemVerError(input: input, reason: "'\(item)' is not a version")
        }
        func isWildcard(_ index: Int) -> Bool { index >= parts.count || ["x", "X", "*"].contains(parts[index]) }

        var core = parts
        let dirty: Bool, minorDirty: Bool, patchDirty: Bool
        if isWildcard(0) {
            (dirty, minorDirty, patchDirty) = (true, false, false)
            core = ["0", "0", "0"]
        } else if isWildcard(1) {
            (dirty, minorDirty, patchDirty) = (true, true, false)
            core = [parts[0], "0", "0"]
        } else if isWildcard(2) {
            (dirty, minorDirty, patchDirty) = (true, false, true)
            core = [parts[0], parts[1], "0"]
        } else {
            (dirty, minorDirty, patchDirty) = (false, false, false)
        }
        do {
            let version = try Version.parse(core.joined(separator: ".") + suffix)
            return Comparator(op: op, version: version, dirty: dirty, minorDirty: minorDirty, patchDirty: patchDirty)
        } catch let error as SemVerError {
            throw SemVerError(input: input, reason: "'\(item)': \(error.reason)")
        }
    }
}
