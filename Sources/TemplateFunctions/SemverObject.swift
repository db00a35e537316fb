import GoTemplate

/// `*semver.Version` as Sprig's `semver` returns it: `(semver "1.2.3-rc.1").Major`,
/// `.Prerelease`, `.Compare`, and `String()` for printing.
struct SemverObject: TemplateObject {
    let version: SemverVersion

    var goTypeName: String { "*semver.Version" }

    /// Masterminds' `Version.String()`: the normalised `major.minor.patch[-pre][+meta]`.
    var goFormatted: String {
        var text = "\(version.major).\(version.minor).\(version.patch)"
        if !version.prerelease.isEmpty { text += "-" + version.prerelease }
        if !version.metadata.isEmpty { text += "+" + version.metadata }
        return text
    }

    var jsonValue: Value? { .string(goFormatted) }

    func field(_ name: String) -> Value? { nil }

    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? {
        func other() throws -> SemverVersion {
            guard arguments.count == 1, case .object(let object as SemverObject) = arguments[0] else {
                throw FunctionError("wrong number of args for \(name): want 1 got \(arguments.count)")
            }
            return object.version
        }
        switch name {
        case "Major": return .int(Int(version.major))
        case "Minor": return .int(Int(version.minor))
        case "Patch": return .int(Int(version.patch))
        case "Prerelease": return .string(version.prerelease)
        case "Metadata": return .string(version.metadata)
        case "Original": return .string(version.original)
        case "String": return .string(goFormatted)
        case "Compare": return .int(SemverVersion.compare(version, try other()))
        case "LessThan": return .bool(SemverVersion.compare(version, try other()) < 0)
        case "GreaterThan": return .bool(SemverVersion.compare(version, try other()) > 0)
        case "Equal": return .bool(SemverVersion.compare(version, try other()) == 0)
        case "IncPatch", "IncMinor", "IncMajor":
            guard arguments.isEmpty else { throw FunctionError("wrong number of args for \(name): want 0 got \(arguments.count)") }
            return .object(SemverObject(version: incremented(name)))
        default: return nil
        }
    }

    /// Masterminds v3's `IncPatch`/`IncMinor`/`IncMajor`: pre-release and metadata dropped; a
    /// pre-release `IncPatch` only drops them (1.2.3-rc.1 → 1.2.3); the original text becomes
    /// the new version, with the old `v` prefix.
    private func incremented(_ method: String) -> SemverVersion {
        var next = version
        let hadPrerelease = !version.prerelease.isEmpty
        next.prerelease = ""
        next.metadata = ""
        switch method {
        case "IncPatch": if !hadPrerelease { next.patch += 1 }
        case "IncMinor": next.minor += 1; next.patch = 0
        default: next.major += 1; next.minor = 0; next.patch = 0
        }
        next.original = (version.original.hasPrefix("v") ? "v" : "") + SemverObject(version: next).goFormatted
        return next
    }
}
