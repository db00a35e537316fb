import Cluster
import GitOpsAPI

/// A kind the embedded cluster serves, with every version it serves it at.
struct KindInfo: Sendable, Hashable {
    var group: String
    var versions: [String]
    var kind: String
    var plural: String
    var namespaced: Bool
    var statusSubresource: Bool

    func resource(version: String) -> ResourceInfo {
        ResourceInfo(group: group, version: version, kind: kind, plural: plural, namespaced: namespaced,
            hasStatusSubresource: statusSubresource)
    }

    /// `deployments.apps`, the way kube names a resource in messages.
    var qualifiedPlural: String { group.isEmpty ? plural : "\(plural).\(group)" }
    /// `Deployment.apps`, the way kube names a kind in "is invalid" messages.
    var qualifiedKind: String { group.isEmpty ? kind : "\(kind).\(group)" }
}

/// Kinds every Kubernetes API server serves, with their real group versions, scope and whether
/// `status` is a subresource. Anything else must come from a CustomResourceDefinition.
enum BuiltinKinds {
    private static func k(_ group: String, _ versions: [String], _ kind: String, _ plural: String,
        namespaced: Bool, status: Bool) -> KindInfo
    {
        KindInfo(group: group, versions: versions, kind: kind, plural: plural, namespaced: namespaced,
            statusSubresource: status)
    }

    static let all: [KindInfo] = [
        // Cluster-scoped.
        k("", ["v1"], "Namespace", "namespaces", namespaced: false, status: true),
        k("", ["v1"], "Node", "nodes", namespaced: false, status: true),
        k("", ["v1"], "PersistentVolume", "persistentvolumes", namespaced: false, status: true),
        k("rbac.authorization.k8s.io", ["v1"], "ClusterRole", "clusterroles", namespaced: false, status: false),
        k("rbac.authorization.k8s.io", ["v1"], "ClusterRoleBinding", "clusterrolebindings", namespaced: false, status: false),
        k("apiextensions.k8s.io", ["v1"], "CustomResourceDefinition", "customresourcedefinitions", namespaced: false, status: true),
        k("scheduling.k8s.io", ["v1"], "PriorityClass", "priorityclasses", namespaced: false, status: false),
        k("storage.k8s.io", ["v1"], "StorageClass", "storageclasses", namespaced: false, status: false),
        k("storage.k8s.io", ["v1"], "CSIDriver", "csidrivers", namespaced: false, status: false),
        k("storage.k8s.io", ["v1"], "VolumeAttachment", "volumeattachments", namespaced: false, status: true),
        k("networking.k8s.io", ["v1"], "IngressClass", "ingressclasses", namespaced: false, status: false),
        k("apiregistration.k8s.io", ["v1"], "APIService", "apiservices", namespaced: false, status: true),
        k("admissionregistration.k8s.io", ["v1"], "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", namespaced: false, status: false),
        k("admissionregistration.k8s.io", ["v1"], "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", namespaced: false, status: false),
        // Namespaced, core group.
        k("", ["v1"], "Pod", "pods", namespaced: true, status: true),
        k("", ["v1"], "Service", "services", namespaced: true, status: true),
        k("", ["v1"], "ConfigMap", "configmaps", namespaced: true, status: false),
        k("", ["v1"], "Secret", "secrets", namespaced: true, status: false),
        k("", ["v1"], "ServiceAccount", "serviceaccounts", namespaced: true, status: false),
        k("", ["v1"], "PersistentVolumeClaim", "persistentvolumeclaims", namespaced: true, status: true),
        k("", ["v1"], "Event", "events", namespaced: true, status: false),
        k("", ["v1"], "Endpoints", "endpoints", namespaced: true, status: false),
        k("", ["v1"], "LimitRange", "limitranges", namespaced: true, status: false),
        k("", ["v1"], "ResourceQuota", "resourcequotas", namespaced: true, status: true),
        k("", ["v1"], "ReplicationController", "replicationcontrollers", namespaced: true, status: true),
        k("", ["v1"], "PodTemplate", "podtemplates", namespaced: true, status: false),
        // Namespaced, named groups.
        k("events.k8s.io", ["v1"], "Event", "events", namespaced: true, status: false),
        k("apps", ["v1"], "Deployment", "deployments", namespaced: true, status: true),
        k("apps", ["v1"], "StatefulSet", "statefulsets", namespaced: true, status: true),
        k("apps", ["v1"], "DaemonSet", "daemonsets", namespaced: true, status: true),
        k("apps", ["v1"], "ReplicaSet", "replicasets", namespaced: true, status: true),
        k("apps", ["v1"], "ControllerRevision", "controllerrevisions", namespaced: true, status: false),
        k("batch", ["v1"], "Job", "jobs", namespaced: true, status: true),
        k("batch", ["v1"], "CronJob", "cronjobs", namespaced: true, status: true),
        k("autoscaling", ["v2", "v1"], "HorizontalPodAutoscaler", "horizontalpodautoscalers", namespaced: true, status: true),
        k("policy", ["v1"], "PodDisruptionBudget", "poddisruptionbudgets", namespaced: true, status: true),
        k("networking.k8s.io", ["v1"], "NetworkPolicy", "networkpolicies", namespaced: true, status: false),
        k("networking.k8s.io", ["v1"], "Ingress", "ingresses", namespaced: true, status: true),
        k("rbac.authorization.k8s.io", ["v1"], "Role", "roles", namespaced: true, status: false),
        k("rbac.authorization.k8s.io", ["v1"], "RoleBinding", "rolebindings", namespaced: true, status: false),
        k("coordination.k8s.io", ["v1"], "Lease", "leases", namespaced: true, status: false),
        k("discovery.k8s.io", ["v1"], "EndpointSlice", "endpointslices", namespaced: true, status: false),
    ]

    /// Built-in kinds by (group, kind).
    static let byGroupKind: [GroupKind: KindInfo] = Dictionary(
        uniqueKeysWithValues: all.map { (GroupKind(group: $0.group, kind: $0.kind), $0) })
}

struct GroupKind: Hashable, Sendable {
    var group: String
    var kind: String
}

/// The kinds a CustomResourceDefinition object declares, or nil when the object is not a
/// usable CRD (it lacks a group, names or versions).
extension KindInfo {
    static func declared(by crd: KubeObject) -> KindInfo? {
        guard let spec = crd.spec,
            let group = spec["group"]?.stringValue, !group.isEmpty,
            let kind = spec[path: ["names", "kind"]]?.stringValue, !kind.isEmpty,
            let plural = spec[path: ["names", "plural"]]?.stringValue, !plural.isEmpty
        else { return nil }
        let versions = (spec["versions"]?.arrayValue ?? []).filter { $0["served"]?.boolValue ?? true }
        guard !versions.isEmpty else { return nil }
        // The status subresource is declared per version; the store keeps one object per kind, so
        // the kind has it when any served version does (versions normally agree).
        let status = versions.contains { $0[path: ["subresources", "status"]] != nil }
        return KindInfo(group: group, versions: versions.compactMap { $0["name"]?.stringValue }, kind: kind,
            plural: plural, namespaced: spec["scope"]?.stringValue != "Cluster", statusSubresource: status)
    }
}

extension ObjectStore {
    /// The kind served at `apiVersion`, from the built-in table or a stored CRD.
    func kindInfo(apiVersion: String, kind: String) throws -> KindInfo {
        let gv = GroupVersion(apiVersion)
        let info = BuiltinKinds.byGroupKind[GroupKind(group: gv.group, kind: kind)] ?? customKinds[GroupKind(group: gv.group, kind: kind)]
        guard let info, info.versions.contains(gv.version) else {
            if kind.isEmpty || apiVersion.isEmpty {
                throw ClusterError(.badRequest, "Object 'Kind' and 'apiVersion' are required (kind \"\(kind)\", apiVersion \"\(apiVersion)\")")
            }
            if let info {
                throw ClusterError(.notFound,
                    "the server does not serve \(kind) at \(apiVersion) (served versions: \(info.versions.map { GroupVersion(group: gv.group, version: $0).apiVersion }.joined(separator: ", ")))")
            }
            throw ClusterError(.notFound,
                "the server could not find the requested resource: no kind \"\(kind)\" is registered for version \"\(apiVersion)\" (is its CustomResourceDefinition applied?)")
        }
        return info
    }
}
