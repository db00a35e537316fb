import SemVer
import Testing

@Suite("Constraint")
struct ConstraintTests {
    /// (constraint, version, matches) — behaviour of Masterminds/semver v3, which Flux uses.
    static let table: [(String, String, Bool)] = [
        // Exact and comparison operators.
        ("1.2.3", "1.2.3", true), ("1.2.3", "1.2.4", false), ("=1.2.3", "1.2.3", true),
        ("!=1.2.3", "1.2.4", true), ("!=1.2.3", "1.2.3", false),
        (">1.2.3", "1.2.4", true), (">1.2.3", "1.2.3", false),
        ("<1.2.3", "1.2.2", true), ("<1.2.3", "1.2.3", false),
        (">=1.2.3", "1.2.3", true), (">=1.2.3", "1.2.2", false), ("=>1.2.3", "1.2.3", true),
        ("<=1.2.3", "1.2.3", true), ("<=1.2.3", "1.2.4", false), ("=<1.2.3", "1.2.3", true),
        (">= 1.2.3", "1.3.0", true), ("v1.2.3", "1.2.3", true),
        // AND with spaces and commas.
        (">=1.0.0 <2.0.0", "1.9.9", true), (">=1.0.0 <2.0.0", "2.0.0", false), (">=1.0.0 <2.0.0", "0.9.0", false),
        (">=1.0.0, <2.0.0", "1.5.0", true), (">=1.0.0,<2.0.0", "2.1.0", false),
        // OR.
        ("<1.0.0 || >=3.0.0", "0.5.0", true), ("<1.0.0 || >=3.0.0", "2.0.0", false), ("<1.0.0 || >=3.0.0", "3.1.0", true),
        ("1.2.3 || 1.2.5", "1.2.5", true), ("1.2.3 || 1.2.5", "1.2.4", false),
        // Wildcards and partial versions.
        ("1.2.x", "1.2.0", true), ("1.2.x", "1.2.99", true), ("1.2.x", "1.3.0", false),
        ("1.2.*", "1.2.7", true), ("1.2.X", "1.2.7", true), ("1.x", "1.9.0", true), ("1.x", "2.0.0", false),
        ("1.2", "1.2.9", true), ("1.2", "1.3.0", false), ("1", "1.5.0", true), ("1", "2.0.0", false),
        ("*", "0.0.1", true), ("*", "99.0.0", true), ("x", "3.2.1", true),
        (">1.2", "1.2.9", false), (">1.2", "1.3.0", true), (">1", "1.9.0", false), (">1", "2.0.0", true),
        ("<=1.2", "1.2.9", true), ("<=1.2", "1.3.0", false), ("<1.2", "1.1.9", true), ("<1.2", "1.2.0", false),
        ("!=1.2.x", "1.2.5", false), ("!=1.2.x", "1.3.0", true),
        // Tilde.
        ("~1.2.3", "1.2.3", true), ("~1.2.3", "1.2.9", true), ("~1.2.3", "1.3.0", false), ("~1.2.3", "1.2.2", false),
        ("~1.2", "1.2.0", true), ("~1.2", "1.3.0", false), ("~1", "1.9.9", true), ("~1", "2.0.0", false),
        ("~>1.2", "1.2.5", true), ("~0.0.0", "5.0.0", true),
        // Caret.
        ("^1.2.3", "1.2.3", true), ("^1.2.3", "1.9.0", true), ("^1.2.3", "2.0.0", false), ("^1.2.3", "1.2.2", false),
        ("^1.2", "1.2.0", true), ("^1", "1.99.0", true), ("^0.2.3", "0.2.9", true), ("^0.2.3", "0.3.0", false),
        ("^0.0.3", "0.0.3", true), ("^0.0.3", "0.0.4", false), ("^0", "0.9.0", true), ("^0", "1.0.0", false),
        ("^0.0", "0.0.9", true), ("^0.0", "0.1.0", false), ("^1.x", "1.5.0", true),
        // Hyphen ranges.
        ("1.2 - 1.4", "1.2.0", true), ("1.2 - 1.4", "1.4.9", true), ("1.2 - 1.4", "1.5.0", false), ("1.2 - 1.4", "1.1.9", false),
        ("1.2.3 - 2.3.4", "2.3.4", true), ("1.2.3 - 2.3.4", "2.3.5", false),
        // Pre-releases match only comparators that carry a pre-release.
        (">=1.0.0", "1.1.0-rc.1", false), ("*", "1.0.0-beta", false), ("^1.0.0", "1.2.0-alpha", false),
        (">=1.0.0-0", "1.1.0-rc.1", true), (">=1.0.0-rc.1", "1.0.0-rc.2", true), (">=1.0.0-rc.1", "1.0.0-alpha", false),
        ("~1.2.3-beta.2", "1.2.3-beta.4", true), ("1.0.0-rc.1", "1.0.0-rc.1", true),
        (">=1.0.0-rc.1 <2.0.0", "1.0.0-rc.2", false), // Masterminds checks each comparator on its own
        // Build metadata is ignored.
        ("1.2.3", "1.2.3+build.7", true),
    ]

    @Test("matches the Masterminds table", arguments: 0..<table.count)
    func row(index: Int) throws {
        let (text, version, expected) = Self.table[index]
        let constraint = try Constraint.parse(text)
        #expect(constraint.matches(try Version.parse(version)) == expected, "'\(text)' vs \(version)")
    }

    @Test("rejects malformed constraints", arguments: ["", "   ", ">=", "1.2.3 ||", ">=abc", "1.2 -", "- 1.2", "?1.2", ">=1.2.3.4", "1.2.3-"])
    func rejects(text: String) {
        #expect(throws: SemVerError.self) { try Constraint.parse(text) }
    }

    @Test("picks the highest matching version")
    func best() throws {
        let versions = try ["1.0.0", "1.4.2", "1.5.0-rc.1", "2.0.0", "0.9.0"].map(Version.parse)
        #expect(try Constraint.parse("^1.0").best(of: versions) == Version(major: 1, minor: 4, patch: 2))
        #expect(try Constraint.parse(">=3").best(of: versions) == nil)
    }
}
