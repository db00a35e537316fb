/// A version range as Flux's `spec.ref.semver` and Helm's chart `version` read it
/// (the Masterminds/semver v3 dialect).
///
/// - `||` separates alternatives; inside one, comparators separated by spaces or commas must all hold.
/// - Operators: `=` (or none), `!=`, `>`, `<`, `>=` (`=>`), `<=` (`=<`), `~` (`~>`), `^`.
/// - Wildcards `x`, `X`, `*` or a missing part: `1.2.x`, `1.2`, `1`, `*`; with no operator
///   they mean "any patch/minor" (`1.2` ≡ `>=1.2.0 <1.3.0`).
/// - Hyphen ranges: `1.2 - 1.4.5` ≡ `>=1.2 <=1.4.5` (spaces around the hyphen are required).
/// - Pre-releases: a comparator whose version has no pre-release never admits a pre-release
///   version, so `>=1.0.0` rejects `1.1.0-rc.1` but `>=1.0.0-0` accepts it.
public struct Constraint: Sendable, Hashable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// Alternatives (`||`), each a list of comparators that must all match.
    let alternatives: [[Comparator]]

    /// Reads a constraint; throws `SemVerError` naming the offending part.
    public static func parse(_ text: String) throws -> Constraint {
        let groups = text.components(separatedBy: "||")
        let alternatives = try groups.map { try parseGroup($0, in: text) }
        return Constraint(text: text, alternatives: alternatives)
    }

    /// True when `version` satisfies at least one alternative.
    public func matches(_ version: Version) -> Bool {
        alternatives.contains { group in group.allSatisfy { $0.matches(version) } }
    }

    /// The highest of `versions` that matches, if any.
    public func best<S: Sequence>(of versions: S) -> Version? where S.Element == Version {
        versions.filter(matches).max()
    }

    public var description: String { text }
}

extension String {
    /// Foundation-free split on a multi-character separator.
    fileprivate func components(separatedBy separator: String) -> [Substring] {
        var parts: [Substring] = []
        var rest = self[...]
        while let range = rest.range(of: separator) {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }
}

extension Substring {
    fileprivate func range(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) {
                return start..<index(start, offsetBy: needle.count)
            }
            start = index(after: start)
        }
        return nil
    }
}
