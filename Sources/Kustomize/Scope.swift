import GitOpsAPI

/// Kinds the API server serves cluster-scoped (kustomize reads the same from its built-in
/// OpenAPI schema), by group and kind: a custom `Namespace` kind in another group is namespaced.
/// Everything not listed, custom kinds included, is treated as namespaced.
public enum Scope {
    static let clusterScoped: [String: Set<String>] = [
        "": ["Namespace", "Node", "PersistentVolume", "ComponentStatus"],
        "rbac.authorization.k8s.io": ["ClusterRole", "ClusterRoleBinding"],
        "apiextensions.k8s.io": ["CustomResourceDefinition"],
        "apiregistration.k8s.io": ["APIService"],
        "scheduling.k8s.io": ["PriorityClass"],
        "storage.k8s.io": ["StorageClass", "CSIDriver", "CSINode", "VolumeAttachment"],
        "networking.k8s.io": ["IngressClass"],
        // ValidatingAdmissionPolicy(Binding) is missing from kustomize v5.5's built-in schema, so
        // kustomize namespaces it (corpus TestNamespaceNotAddedToValidatingAdmissionPolicies).
        "admissionregistration.k8s.io": ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"],
        "node.k8s.io": ["RuntimeClass"],
        "policy": ["PodSecurityPolicy"],
        "certificates.k8s.io": ["CertificateSigningRequest"],
        "flowcontrol.apiserver.k8s.io": ["FlowSchema", "PriorityLevelConfiguration"],
        "cert-manager.io": ["ClusterIssuer"],
    ]

    public static func isNamespaced(_ object: KubeObject) -> Bool { isNamespaced(group: object.group, kind: object.kind) }

    public static func isNamespaced(group: String, kind: String) -> Bool {
        !(clusterScoped[group]?.contains(kind) ?? false)
    }
}
