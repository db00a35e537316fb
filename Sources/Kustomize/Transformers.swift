import GitOpsAPI

/// The transformers of a kustomization, applied in kustomize's order.
public enum Transformers {
    static func apply(_ k: KustomizationFile, to objects: inout [KubeObject]) throws {
        if let ns = k.namespace, !ns.isEmpty { setNamespace(ns, on: &objects) }
        if k.namePrefix != nil || k.nameSuffix != nil {
            addNamePrefixSuffix(prefix: k.namePrefix ?? "", suffix: k.nameSuffix ?? "", to: &objects)
        }
        for set in k.labels {
            addLabels(set.pairs, includeSelectors: set.includeSelectors, includeTemplates: set.includeTemplates, to: &objects)
        }
        if !k.commonAnnotations.isEmpty { addAnnotations(k.commonAnnotations, to: &objects) }
        for r in k.replicas { setReplicas(name: r.name, count: r.count, on: &objects) }
        for image in k.images {
            setImage(ImageOverride(name: image.name, newName: image.newName, newTag: image.newTag, digest: image.digest), on: &objects)
        }
    }

    /// Sets the namespace of every namespaced object (kustomize's NamespaceTransformer).
    public static func setNamespace(_ namespace: String, on objects: inout [KubeObject]) {
        // ServiceAccounts being moved: bindings that name them follow them.
        let movingAccounts = Set(objects.filter { $0.kind == "ServiceAccount" }.map { "\($0.namespace ?? "")/\($0.name)" })
        for i in objects.indices {
            let old = objects[i].namespace
            if Scope.isNamespaced(objects[i]) { objects[i].namespace = namespace }
            // Bindings follow their ServiceAccount subjects into the new namespace when the
            // subject had none, shared the binding's old namespace, or names an account that moves.
            if ["RoleBinding", "ClusterRoleBinding"].contains(objects[i].kind),
               let subjects = objects[i].body["subjects"]?.arrayValue
            {
                let moved: [JSONValue] = subjects.map { subject in
                    guard subject["kind"]?.stringValue == "ServiceAccount" else { return subject }
                    let ns = subject["namespace"]?.stringValue
                    let name = subject["name"]?.stringValue ?? ""
                    guard ns == nil || ns == "" || ns == old || movingAccounts.contains("\(ns ?? "")/\(name)") else { return subject }
                    var s = subject
                    s["namespace"] = .string(namespace)
                    return s
                }
                objects[i].body["subjects"] = .array(moved)
            }
        }
    }

    /// Prefixes and suffixes names of everything but Namespaces and CRDs, whose names are
    /// fixed by what they define.
    public static func addNamePrefixSuffix(prefix: String, suffix: String, to objects: inout [KubeObject]) {
        for i in objects.indices where !["Namespace", "CustomResourceDefinition"].contains(objects[i].kind) {
            objects[i].name = prefix + objects[i].name + suffix
        }
    }

    static let workloadKinds: Set<String> = ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "ReplicationController"]

    /// Adds labels to metadata and, when asked, to selectors and pod templates (commonLabels does
    /// both; `labels` without `includeSelectors` only metadata).
    public static func addLabels(_ labels: [String: String], includeSelectors: Bool, includeTemplates: Bool, to objects: inout [KubeObject]) {
        guard !labels.isEmpty else { return }
        let keys = labels.keys.sorted()
        func merge(_ path: [String], in body: inout JSONValue, create: Bool) {
            if body[path: path] == nil && !create { return }
            for key in keys { body.set(path + [key], .string(labels[key]!)) }
        }
        for i in objects.indices {
            var body = objects[i].body
            merge(["metadata", "labels"], in: &body, create: true)
            let kind = objects[i].kind
            if includeTemplates || includeSelectors {
                if workloadKinds.contains(kind) || kind == "Job" { merge(["spec", "template", "metadata", "labels"], in: &body, create: true) }
                if kind == "CronJob" {
                    merge(["spec", "jobTemplate", "metadata", "labels"], in: &body, create: true)
                    merge(["spec", "jobTemplate", "spec", "template", "metadata", "labels"], in: &body, create: true)
                }
                if kind == "StatefulSet", let claims = body[path: ["spec", "volumeClaimTemplates"]]?.arrayValue {
                    body.set(["spec", "volumeClaimTemplates"], .array(claims.map { claim in
                        var c = claim
                        merge(["metadata", "labels"], in: &c, create: true)
                        return c
                    }))
                }
            }
            if includeSelectors {
                if workloadKinds.contains(kind) { merge(["spec", "selector", "matchLabels"], in: &body, create: true) }
                if kind == "Service" || kind == "ReplicationController" { merge(["spec", "selector"], in: &body, create: true) }
                if kind == "PodDisruptionBudget" { merge(["spec", "selector", "matchLabels"], in: &body, create: false) }
                if kind == "NetworkPolicy" { merge(["spec", "podSelector", "matchLabels"], in: &body, create: false) }
            }
            objects[i].body = body
        }
    }

    public static func addAnnotations(_ annotations: [String: String], to objects: inout [KubeObject]) {
        let keys = annotations.keys.sorted()
        for i in objects.indices {
            for key in keys { objects[i].body.set(["metadata", "annotations", key], .string(annotations[key]!)) }
            if workloadKinds.contains(objects[i].kind) || objects[i].kind == "Job" {
                for key in keys { objects[i].body.set(["spec", "template", "metadata", "annotations", key], .string(annotations[key]!)) }
            }
        }
    }

    /// Sets `spec.replicas` of the workloads with this name.
    public static func setReplicas(name: String, count: Int, on objects: inout [KubeObject]) {
        for i in objects.indices where objects[i].name == name && workloadKinds.contains(objects[i].kind) && objects[i].kind != "DaemonSet" {
            objects[i].body.set(["spec", "replicas"], .int(count))
        }
    }
}

/// An `images:` entry.
public struct ImageOverride: Sendable, Hashable {
    public var name: String
    public var newName: String?
    public var newTag: String?
    public var digest: String?

    public init(name: String, newName: String? = nil, newTag: String? = nil, digest: String? = nil) {
        self.name = name
        self.newName = newName
        self.newTag = newTag
        self.digest = digest
    }

    /// Splits `registry/name:tag@digest` into name and the rest.
    static func split(_ image: String) -> (name: String, tag: String?, digest: String?) {
        var rest = Substring(image)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        // A tag follows the last ':' after the last '/', so registry ports are kept.
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[lastSlash...].lastIndex(of: ":") {
            return (String(rest[..<colon]), String(rest[rest.index(after: colon)...]), digest)
        }
        return (String(rest), nil, digest)
    }

    func rewrite(_ image: String) -> String? {
        let parts = Self.split(image)
        guard parts.name == name else { return nil }
        let newImageName = newName ?? parts.name
        if let digest { return "\(newImageName)@\(digest)" }
        if let newTag { return "\(newImageName):\(newTag)" }
        if let tag = parts.tag { return parts.digest.map { "\(newImageName):\(tag)@\($0)" } ?? "\(newImageName):\(tag)" }
        return parts.digest.map { "\(newImageName)@\($0)" } ?? newImageName
    }
}

extension Transformers {
    static let podSpecPaths: [[String]] = [
        ["spec"], ["spec", "template", "spec"], ["spec", "jobTemplate", "spec", "template", "spec"],
    ]

    /// Rewrites the images of containers and init containers wherever a pod spec lives.
    public static func setImage(_ override: ImageOverride, on objects: inout [KubeObject]) {
        for i in objects.indices {
            for path in podSpecPaths {
                for list in ["containers", "initContainers"] {
                    guard let containers = objects[i].body[path: path + [list]]?.arrayValue else { continue }
                    var changed = containers
                    for (j, c) in containers.enumerated() {
                        if let image = c["image"]?.stringValue, let rewritten = override.rewrite(image) {
                            changed[j]["image"] = .string(rewritten)
                        }
                    }
                    if changed != containers { objects[i].body.set(path + [list], .array(changed)) }
                }
            }
        }
    }
}
