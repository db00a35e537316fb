/// The meaning of each operator, following Masterminds/semver v3 (what Flux runs), including its
/// treatment of partial versions: `>1.2` means "from 1.3", `<=1.2` includes every 1.2.x.
extension Comparator {
    func matches(_ candidate: Version) -> Bool {
        // A constraint that names no pre-release admits none (Masterminds issue 21), except
        // `!=` on an exact version, which Masterminds leaves unfiltered.
        if candidate.isPrerelease && !version.isPrerelease && !(op == .notEqual && !dirty) { return false }
        switch op {
        case .equal: return dirty ? tilde(candidate) : candidate == version
        case .notEqual: return notEqual(candidate)
        case .greater: return greater(candidate)
        case .less: return candidate < version
        case .greaterOrEqual: return candidate >= version
        case .lessOrEqual: return lessOrEqual(candidate)
        case .tilde: return tilde(candidate)
        case .caret: return caret(candidate)
        }
    }

    /// `~1.2.3` → `>=1.2.3 <1.3.0`; `~1` → `>=1.0.0 <2.0.0`; `~0.0.0`/`*` → any.
    private func tilde(_ v: Version) -> Bool {
        if v < version { return false }
        if version.major == 0 && version.minor == 0 && version.patch == 0 && !minorDirty && !patchDirty { return true }
        if v.major != version.major { return false }
        return v.minor == version.minor || minorDirty
    }

    /// `^1.2.3` → `<2.0.0`; `^0.2.3` → `<0.3.0`; `^0.0.3` → `<0.0.4`; `^0` → `<1.0.0`; `^0.0` → `<0.1.0`.
    private func caret(_ v: Version) -> Bool {
        if v < version { return false }
        if version.major > 0 || minorDirty { return v.major == version.major }
        if v.major > 0 { return false }
        if version.minor > 0 || patchDirty { return v.minor == version.minor }
        if v.minor > 0 { return false }
        return v.patch == version.patch
    }

    private func greater(_ v: Version) -> Bool {
        guard dirty else { return v > version }
        if v.major != version.major { return v.major > version.major }
        if minorDirty { return false }          // >1 needs 2.0.0 or later
        if patchDirty { return v.minor > version.minor } // >1.2 needs 1.3.0 or later
        return v > version
    }

    private func lessOrEqual(_ v: Version) -> Bool {
        guard dirty else { return v <= version }
        if v.major > version.major { return false }
        if v.major == version.major && v.minor > version.minor && !minorDirty { return false }
        return true
    }

    private func notEqual(_ v: Version) -> Bool {
        guard dirty else { return v != version }
        if v.major != version.major { return true }
        if minorDirty { return false }
        if v.minor != version.minor { return true }
        if patchDirty {
            if v.isPrerelease || version.isPrerelease { return comparePrerelease(v.prerelease, version.prerelease) != 0 }
            return false
        }
        return v != version
    }
}
