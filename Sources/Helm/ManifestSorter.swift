import Foundation
import GitOpsAPI
import TemplateFunctions
import YAML

/// Helm's `releaseutil.SortManifests` and `SplitManifests`: rendered files (sorted by path,
/// partials and blank files skipped) are split into documents; documents annotated
/// `helm.sh/hook` with known events become hooks, the rest manifests; both sorted stably by
/// `InstallOrder` of their kind.
enum ManifestSorter {
    static let hookEvents: Set<String> = [
        "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade",
        "pre-rollback", "post-rollback", "test",
    ]

    static func sort(files: [String: String]) throws -> (manifests: [Rendering.Manifest], hooks: [Rendering.Hook]) {
        var manifests: [Rendering.Manifest] = []
        var hooks: [Rendering.Hook] = []
        for path in files.keys.sorted() {
            let content = files[path]!
            if (path.split(separator: "/").last ?? "").hasPrefix("_") { continue }
            if GoStrings.isBlank(content) { continue }
            for document in split(content) {
                let head = try Head(document, path: path)
                guard let hookTypes = head.annotations["helm.sh/hook"] else {
                    manifests.append(Rendering.Manifest(
                        sourcePath: path, content: document, apiVersion: head.apiVersion, kind: head.kind, name: head.name))
                    continue
                }
                var events: [String] = []
                var unknown = false
                for type in hookTypes.split(separator: ",", omittingEmptySubsequences: false) {
                    var event = GoStrings.trimSpace(type).lowercased()
                    if event == "test-success" { event = "test" }
                    guard hookEvents.contains(event) else { unknown = true; break }
                    events.append(event)
                }
                // Helm logs `info: skipping unknown hook` and drops the document.
                if unknown { continue }
                hooks.append(Rendering.Hook(
                    name: head.name, kind: head.kind, sourcePath: path, manifest: document, events: events,
                    weight: Int(head.annotations["helm.sh/hook-weight"] ?? "") ?? 0,
                    deletePolicies: policies(head.annotations["helm.sh/hook-delete-policy"]),
                    outputLogPolicies: policies(head.annotations["helm.sh/hook-output-log-policy"])))
            }
        }
        return (KindOrder.sorted(manifests, kind: \.kind), KindOrder.sorted(hooks, kind: \.kind))
    }

    private static func policies(_ annotation: String?) -> [String] {
        guard let annotation else { return [] }
        return annotation.split(separator: ",", omittingEmptySubsequences: false).map {
            GoStrings.trimSpace($0).lowercased()
        }
    }

    /// `SplitManifests`: the documents of a rendered file, trimmed, empty ones dropped.
    static func split(_ text: String) -> [String] {
        GoStrings.splitOnDocumentSeparators(GoStrings.trimSpace(text)).filter { !$0.isEmpty }.map(GoStrings.trimSpace)
    }

    /// `releaseutil.SimpleHead`: apiVersion, kind, metadata.name and metadata.annotations.
    struct Head {
        var apiVersion = "", kind = "", name = ""
        var annotations: [String: String] = [:]

        init(_ document: String, path: String) throws {
            let value: JSONValue
            do {
                // go-yaml reads the first document only: a later one (after `...`) is not parsed.
                value = try YAML.parse(Self.firstDocument(document), limits: .helm)
            } catch {
                throw HelmError("YAML parse error on \(path): error converting YAML to JSON: \(Self.goYAMLMessage(error))")
            }
            guard case .object(let o) = value else {
                if value.isNull { return }
                throw HelmError("YAML parse error on \(path): error unmarshaling JSON: json: cannot unmarshal into Go value of type releaseutil.SimpleHead")
            }
            // sigs.k8s.io/yaml converts YAML scalars to the Go field's type: a string field
            // takes `5` or `true` as text (`helm.sh/hook-weight: 5` works unquoted).
            // encoding/json reports the first field (in sigs.k8s.io/yaml's sorted key order) whose
            // value does not fit the struct.
            func string(_ v: JSONValue?, _ field: String) throws -> String {
                guard let v else { return "" }
                guard let text = Self.text(v) else {
                    throw HelmError("YAML parse error on \(path): error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(Self.jsonType(v)) into Go struct field \(field) of type string")
                }
                return text
            }
            apiVersion = try string(o["apiVersion"], "SimpleHead.apiVersion")
            kind = try string(o["kind"], "SimpleHead.kind")
            if let metadata = o["metadata"]?.objectValue {
                if let a = metadata["annotations"], !a.isNull, a.objectValue == nil {
                    throw HelmError("YAML parse error on \(path): error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(Self.jsonType(a)) into Go struct field .metadata.annotations of type map[string]string")
                }
                if let a = metadata["annotations"]?.objectValue {
                    for (key, v) in a {
                        guard let text = Self.text(v) else {
                            throw HelmError("YAML parse error on \(path): error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(Self.jsonType(v)) into Go struct field .metadata.annotations of type string")
                        }
                        annotations[key] = text
                    }
                }
                name = try string(metadata["name"], ".metadata.name")
            }
        }

        /// The text up to a `...` document end marker at the start of a line.
        static func firstDocument(_ text: String) -> String {
            // Byte by byte: a manifest can be large, and only line starts matter.
            let utf8 = text.utf8
            var start = utf8.startIndex
            while start < utf8.endIndex {
                let end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
                let line = utf8[start..<end]
                if line.starts(with: "...".utf8),
                   line.dropFirst(3).allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) {
                    return String(text[..<start])
                }
                start = end < utf8.endIndex ? utf8.index(after: end) : end
            }
            return text
        }

        /// go-yaml v2's wording: `yaml: line N: problem` (`GoYAMLError`).
        static func goYAMLMessage(_ error: Error) -> String { GoYAMLError.message(error) }

        /// A scalar as a Go string field receives it; nil for a list or map.
        static func text(_ v: JSONValue) -> String? {
            if case .null = v { return "" }
            return ChartMetadata.scalarString(v)
        }

        static func jsonType(_ v: JSONValue) -> String {
            switch v {
            case .bool: return "bool"
            case .int, .double: return "number"
            case .array: return "array"
            case .object: return "object"
            default: return "string"
            }
        }
    }
}

/// Helm 3.19's `releaseutil.InstallOrder` and `lessByKind`: known kinds by their position, then
/// unknown kinds alphabetically; stable, so documents of one kind keep their file order.
enum KindOrder {
    static let install = [
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
        "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
        "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
        "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
        "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
        "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
    ]
    static let rank: [String: Int] = Dictionary(uniqueKeysWithValues: install.enumerated().map { ($1, $0) })

    static func less(_ a: String, _ b: String) -> Bool {
        switch (rank[a], rank[b]) {
        case (nil, nil): return a < b
        case (nil, _): return false
        case (_, nil): return true
        case (let x?, let y?): return x < y
        }
    }

    static func sorted<T>(_ items: [T], kind: KeyPath<T, String>) -> [T] {
        // A stable sort: ties keep input order (Go's sort.SliceStable).
        items.enumerated().sorted { l, r in
            let a = l.element[keyPath: kind], b = r.element[keyPath: kind]
            if less(a, b) { return true }
            if less(b, a) { return false }
            return l.offset < r.offset
        }.map(\.element)
    }
}
