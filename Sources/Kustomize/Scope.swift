import GitOpsAPI

/// Kinds the API server serves cluster-scoped (kustomize reads the same from its built-in
/// OpenAPI schema); everything else, custom kinds included, is treated as namespaced.
public enum Scope {
    public static let clusterScopedKinds: Set<String> = [
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
        "PriorityClass", "StorageClass", "IngressClass", "APIService", "MutatingWebhookConfiguration",
        "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
        "CSIDriver", "CSINode", "VolumeAttachment", "RuntimeClass", "PodSecurityPolicy", "ComponentStatus",
        "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration", "ClusterIssuer",
    ]

    public static func isNamespaced(_ object: KubeObject) -> Bool { !clusterScopedKinds.contains(object.kind) }
}
