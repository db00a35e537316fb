/// A semantic version (semver.org 2.0.0): `major.minor.patch[-prerelease][+build]`.
///
/// Parsing is as lenient as Masterminds/semver's `NewVersion`, which Flux and Helm use for tags
/// and chart versions: a leading `v` is allowed and a missing minor or patch reads as 0
/// (`v1.2` is 1.2.0). Equality and ordering follow semver precedence, so build metadata is
/// ignored: `1.0.0+a == 1.0.0+b`.
public struct Version: Sendable, CustomStringConvertible {
    public var major: UInt64
    public var minor: UInt64
    public var patch: UInt64
    /// Dot-separated pre-release identifiers (`rc.1` → `["rc", "1"]`); empty for a release.
    public var prerelease: [String]
    /// Dot-separated build metadata identifiers; ignored for precedence.
    public var buildMetadata: [String]

    public init(major: UInt64, minor: UInt64, patch: UInt64, prerelease: [String] = [], buildMetadata: [String] = []) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.buildMetadata = buildMetadata
    }

    /// Reads `1.2.3`, `v1.2.3`, `1.2`, `1.2.3-rc.1+build.5`.
    public static func parse(_ text: String) throws -> Version {
        var rest = Substring(text)
        if rest.hasPrefix("v") { rest = rest.dropFirst() }
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            build = try identifiers(rest[rest.index(after: plus)...], in: text, kind: "build metadata")
            rest = rest[..<plus]
        }
        var pre: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            pre = try identifiers(rest[rest.index(after: dash)...], in: text, kind: "pre-release")
            for identifier in pre where identifier.count > 1 && identifier.hasPrefix("0") && identifier.allSatisfy(\.isASCIIDigit) {
                throw SemVerError(input: text, reason: "numeric pre-release identifier '\(identifier)' has a leading zero")
            }
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(core.count) else {
            throw SemVerError(input: text, reason: "expected major.minor.patch")
        }
        var numbers: [UInt64] = []
        for part in core {
            guard !part.isEmpty, part.allSatisfy(\.isASCIIDigit), let value = UInt64(part) else {
                throw SemVerError(input: text, reason: "'\(part)' is not a number")
            }
            guard part.count == 1 || !part.hasPrefix("0") else {
                throw SemVerError(input: text, reason: "'\(part)' has a leading zero")
            }
            numbers.append(value)
        }
        while numbers.count < 3 { numbers.append(0) }
        return Version(major: numbers[0], minor: numbers[1], patch: numbers[2], prerelease: pre, buildMetadata: build)
    }

    /// Non-throwing parse: nil when `text` is not a version (for filtering tag lists).
    public init?(_ text: String) {
        guard let parsed = try? Version.parse(text) else { return nil }
        self = parsed
    }

    /// True when this is a pre-release (`1.0.0-rc.1`).
    public var isPrerelease: Bool { !prerelease.isEmpty }

    /// Canonical form without a `v`: `1.2.3-rc.1+build`.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.joined(separator: ".") }
        if !buildMetadata.isEmpty { text += "+" + buildMetadata.joined(separator: ".") }
        return text
    }

    private static func identifiers(_ text: Substring, in input: String, kind: String) throws -> [String] {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCIIAlphanumeric || $0 == "-" }) else {
                throw SemVerError(input: input, reason: "\(kind) identifier '\(part)' must be non-empty [0-9A-Za-z-]")
            }
        }
        return parts.map(String.init)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIIAlphanumeric: Bool { isASCII && (isLetter || isNumber) }
}
