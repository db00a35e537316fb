import GitOpsAPI

/// kustomize's default output order (`sortOptions.order: legacy`): kinds in a fixed order, the
/// rest alphabetically between the first and last groups, then by namespace and name.
enum LegacyOrder {
    static let first = [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
        "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet",
        "CronJob", "PodDisruptionBudget",
    ]
    static let last = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]

    static func rank(_ kind: String) -> Int {
        if let i = first.firstIndex(of: kind) { return i }
        if let i = last.firstIndex(of: kind) { return 10_000 + i }
        return 1_000
    }

    static func sort(_ objects: inout [KubeObject]) {
        // Stable: objects equal in every key keep their input order.
        let indexed = objects.enumerated().map { ($0.offset, $0.element) }
        objects = indexed.sorted { a, b in
            let (x, y) = (a.1, b.1)
            let (rx, ry) = (rank(x.kind), rank(y.kind))
            if rx != ry { return rx < ry }
            // Kinds outside the fixed list sort by group, version, then kind (kustomize
            // compares their GVK strings).
            if x.group != y.group { return x.group < y.group }
            if x.version != y.version { return x.version < y.version }
            if x.kind != y.kind { return x.kind < y.kind }
            if (x.namespace ?? "") != (y.namespace ?? "") { return (x.namespace ?? "") < (y.namespace ?? "") }
            if x.name != y.name { return x.name < y.name }
            return a.0 < b.0
        }.map(\.1)
    }
}
