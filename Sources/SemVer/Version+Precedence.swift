/// Precedence per semver.org §11: compare major, minor, patch numerically; a pre-release sorts
/// before its release; pre-release identifiers compare left to right (numbers numerically and
/// below alphanumerics, which compare in ASCII order); a shorter identifier list sorts first.
/// Build metadata never counts.
extension Version: Comparable, Hashable {
    public static func == (lhs: Version, rhs: Version) -> Bool {
        lhs.major == rhs.major && lhs.minor == rhs.minor && lhs.patch == rhs.patch && lhs.prerelease == rhs.prerelease
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease)
    }

    public static func < (lhs: Version, rhs: Version) -> Bool {
        if lhs.major != rhs.major { return lhs.major < rhs.major }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
        if lhs.patch != rhs.patch { return lhs.patch < rhs.patch }
        return comparePrerelease(lhs.prerelease, rhs.prerelease) < 0
    }
}

/// -1, 0 or 1 for two pre-release identifier lists; an empty list (a release) sorts last.
func comparePrerelease(_ lhs: [String], _ rhs: [String]) -> Int {
    switch (lhs.isEmpty, rhs.isEmpty) {
    case (true, true): return 0
    case (true, false): return 1
    case (false, true): return -1
    case (false, false): break
    }
    for (left, right) in zip(lhs, rhs) where left != right {
        switch (UInt64(left), UInt64(right)) {
        case let (l?, r?): return l < r ? -1 : 1
        case (_?, nil): return -1
        case (nil, _?): return 1
        case (nil, nil): return Array(left.utf8).lexicographicallyPrecedes(Array(right.utf8)) ? -1 : 1
        }
    }
    return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
}
