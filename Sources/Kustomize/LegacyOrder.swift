import GitOpsAPI

/// kustomize's legacy output order (`SortOrderTransformer`, `sortOptions.order: legacy`):
/// kinds listed first in their order, then every other kind, then the kinds listed last;
/// within a rank by group, version and kind (an empty group sorts after named ones: kustomize
/// compares `~G_v1_Kind` strings), then by namespace and name.
struct LegacyOrder {
    var orderFirst: [String]
    var orderLast: [String]

    static let defaultFirst = [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
        "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet",
        "CronJob", "PodDisruptionBudget",
    ]
    static let defaultLast = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]
    static let standard = LegacyOrder(orderFirst: defaultFirst, orderLast: defaultLast)

    /// Sorts in the default legacy order.
    static func sort(_ objects: inout [KubeObject]) { standard.sort(&objects) }

    func sort(_ objects: inout [KubeObject]) {
        // kustomize ranks listed-first kinds below zero, unlisted at zero, listed-last above;
        // a kind in both lists takes its last-list rank.
        var ranks: [String: Int] = [:]
        for (i, kind) in orderFirst.enumerated() { ranks[kind] = i - orderFirst.count }
        for (i, kind) in orderLast.enumerated() { ranks[kind] = i + 1 }
        let keyed = objects.enumerated().map { (offset: $0.offset, object: $0.element, gvk: Self.gvkString($0.element)) }
        objects = keyed.sorted { a, b in
            let (x, y) = (a.object, b.object)
            if x.group != y.group || x.version != y.version || x.kind != y.kind {
                let (rx, ry) = (ranks[x.kind] ?? 0, ranks[y.kind] ?? 0)
                if rx != ry { return rx < ry }
                // kustomize's quirk: a core Namespace sorts after a Namespace of another group.
                if x.kind == "Namespace" && y.kind == "Namespace" && (x.group.isEmpty || y.group.isEmpty) {
                    return a.gvk > b.gvk
                }
                return a.gvk < b.gvk
            }
            let (ix, iy) = (Self.idString(x), Self.idString(y))
            if ix != iy { return ix < iy }
            return a.offset < b.offset
        }.map(\.object)
    }

    static func gvkString(_ o: KubeObject) -> String {
        [o.group.isEmpty ? "~G" : o.group, o.version.isEmpty ? "~V" : o.version, o.kind.isEmpty ? "~K" : o.kind].joined(separator: "_")
    }

    /// kustomize's `legacyResIDSortString`: `Kind.version.group|namespace|name` with markers
    /// for empty parts.
    static func idString(_ o: KubeObject) -> String {
        let gvk = [o.kind.isEmpty ? "[noKind]" : o.kind, o.version.isEmpty ? "[noVer]" : o.version,
                   o.group.isEmpty ? "[noGrp]" : o.group].joined(separator: ".")
        let ns = (o.namespace ?? "").isEmpty ? "~X" : o.namespace!
        return [gvk, ns, o.name.isEmpty ? "~N" : o.name].joined(separator: "|")
    }
}
