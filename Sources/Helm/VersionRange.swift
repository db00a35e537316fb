import SemVer

/// Helm's `chartutil.IsCompatibleRange`: whether `version` satisfies the Masterminds/semver
/// constraint `range`; a constraint or version that does not parse is incompatible.
enum VersionRange {
    static func isCompatible(_ range: String, _ version: String) -> Bool {
        guard let constraint = try? Constraint.parse(range), let v = Version(version) else { return false }
        return constraint.matches(v)
    }
}
