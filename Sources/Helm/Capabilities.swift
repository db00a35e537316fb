import GoTemplate

/// `.Capabilities` (`chartutil.Capabilities`): the cluster's version, its API group/versions and
/// Helm's build. In template mode (`helm template`) these are Helm's defaults plus the flags.
public struct Capabilities: TemplateObject {
    public var kubeVersion: KubeVersion
    public var apiVersions: VersionSet
    public var helmVersion: HelmBuildInfo

    public init(kubeVersion: KubeVersion = .default, apiVersions: [String] = [], helmVersion: HelmBuildInfo = .helm3_19) {
        self.kubeVersion = kubeVersion
        self.apiVersions = VersionSet(VersionSet.defaults + apiVersions)
        self.helmVersion = helmVersion
    }

    public var goTypeName: String { "*chartutil.Capabilities" }

    public func field(_ name: String) -> Value? {
        switch name {
        case "KubeVersion": return .object(kubeVersion)
        case "APIVersions": return .object(apiVersions)
        case "HelmVersion": return .object(helmVersion)
        default: return nil
        }
    }

    public func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? { nil }

    public var goFormatted: String {
        "{\(kubeVersion.goFormatted) \(apiVersions.goFormatted) \(helmVersion.goFormatted)}"
    }

    public var jsonFields: [(String, Value)]? {
        [("KubeVersion", .object(kubeVersion)), ("APIVersions", apiVersions.jsonValue ?? .null), ("HelmVersion", .object(helmVersion))]
    }

    public var jsonValue: Value? { .map(GoMap(Dictionary(uniqueKeysWithValues: jsonFields!))) }
}

/// `chartutil.KubeVersion`: `Version` ("v1.33.0"), `Major`, `Minor`, and the methods `String`
/// and `GitVersion`.
public struct KubeVersion: TemplateObject, Equatable {
    public var version: String
    public var major: String
    public var minor: String

    /// Helm 3.19's default when `--kube-version` is absent (its client-go is v0.34).
    public static let `default` = KubeVersion(version: "v1.34.0", major: "1", minor: "34")

    public init(version: String, major: String, minor: String) {
        self.version = version
        self.major = major
        self.minor = minor
    }

    /// `chartutil.ParseKubeVersion` (apimachinery's `ParseGeneric`: `[v]MAJOR.MINOR[.PATCH]`,
    /// anything after the numbers dropped). `Version` keeps the components given, as
    /// apimachinery prints them: `1.30` is `v1.30`, `1.33.0` is `v1.33.0`.
    public static func parse(_ text: String) throws -> KubeVersion {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        if s.hasPrefix("v") { s = s.dropFirst() }
        let numeric = s.prefix { $0.isNumber || $0 == "." }
        let parts = numeric.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty && UInt($0) != nil }),
              numeric.count == s.count || ["-", "+"].contains(s[numeric.endIndex])
        else {
            throw HelmError("invalid kube version '\(text)': could not parse \"\(text)\" as version")
        }
        let numbers = parts.map { String(UInt($0)!) }
        return KubeVersion(version: "v" + numbers.joined(separator: "."), major: numbers[0], minor: numbers[1])
    }

    public var goTypeName: String { "chartutil.KubeVersion" }

    public func field(_ name: String) -> Value? {
        switch name {
        case "Version": return .string(version)
        case "Major": return .string(major)
        case "Minor": return .string(minor)
        default: return nil
        }
    }

    public func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? {
        switch name {
        case "String", "GitVersion":
            guard arguments.isEmpty else { throw FunctionError("wrong number of args for \(name): want 0 got \(arguments.count)") }
            return .string(version)
        default: return nil
        }
    }

    public var goFormatted: String { version }

    public var jsonFields: [(String, Value)]? { [("Version", .string(version)), ("Major", .string(major)), ("Minor", .string(minor))] }

    public var jsonValue: Value? { .map(GoMap(Dictionary(uniqueKeysWithValues: jsonFields!))) }
}

/// `chartutil.VersionSet` (`[]string` with a `Has` method).
public struct VersionSet: TemplateObject {
    public var versions: [String]

    public init(_ versions: [String]) {
        self.versions = versions
    }

    public var goTypeName: String { "chartutil.VersionSet" }

    public func field(_ name: String) -> Value? { nil }

    public func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? {
        guard name == "Has" else { return nil }
        guard arguments.count == 1 else { throw FunctionError("wrong number of args for Has: want 1 got \(arguments.count)") }
        guard case .string(let s) = arguments[0] else { throw FunctionError("wrong type for value; expected string") }
        return .bool(versions.contains(s))
    }

    public var goFormatted: String { "[" + versions.joined(separator: " ") + "]" }

    public var jsonValue: Value? { .list(versions.map(Value.string)) }

    /// A named `[]string`: `len`, `index`, `range` see its elements.
    public var goCollection: Value? { .list(versions.map(Value.string)) }

    /// Helm 3.19's `DefaultVersionSet`: client-go v0.34's scheme plus apiextensions v1beta1 and
    /// v1, in the scheme's priority order (as `helm template` prints them).
    public static let defaults: [String] = [
        "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
        "admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1", "apps/v1beta1",
        "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1",
        "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1", "autoscaling/v1", "autoscaling/v2",
        "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1", "batch/v1beta1", "certificates.k8s.io/v1",
        "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2",
        "coordination.k8s.io/v1beta1", "coordination.k8s.io/v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1",
        "events.k8s.io/v1", "events.k8s.io/v1beta1", "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1",
        "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
        "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1beta1", "node.k8s.io/v1",
        "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1",
        "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1",
        "resource.k8s.io/v1beta2", "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha1",
        "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1", "storage.k8s.io/v1",
        "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1alpha1", "apiextensions.k8s.io/v1beta1",
        "apiextensions.k8s.io/v1",
    ]
}

/// `.Capabilities.HelmVersion` (`version.BuildInfo`). Charts branch on it (`semverCompare`), so
/// this renderer reports the Helm release whose behaviour it reproduces.
public struct HelmBuildInfo: TemplateObject {
    public var version: String
    public var gitCommit: String
    public var gitTreeState: String
    public var goVersion: String

    public static let helm3_19 = HelmBuildInfo(
        version: "v3.19.0", gitCommit: "3d8990f0836691f0229297773f3524598f46bda6", gitTreeState: "clean",
        goVersion: "go1.24.7")

    public var goTypeName: String { "version.BuildInfo" }

    public func field(_ name: String) -> Value? {
        switch name {
        case "Version": return .string(version)
        case "GitCommit": return .string(gitCommit)
        case "GitTreeState": return .string(gitTreeState)
        case "GoVersion": return .string(goVersion)
        default: return nil
        }
    }

    public func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? { nil }

    public var goFormatted: String { "{\(version) \(gitCommit) \(gitTreeState) \(goVersion)}" }

    public var jsonFields: [(String, Value)]? {
        [("version", .string(version)), ("git_commit", .string(gitCommit)), ("git_tree_state", .string(gitTreeState)), ("go_version", .string(goVersion))]
    }

    public var jsonValue: Value? { .map(GoMap(Dictionary(uniqueKeysWithValues: jsonFields!))) }
}
