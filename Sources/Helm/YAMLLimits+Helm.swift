import YAML

extension YAMLLimits {
    /// How Helm reads YAML (`sigs.k8s.io/yaml` on go-yaml v2, not strict): YAML 1.1 booleans,
    /// and a repeated mapping key is allowed, the last one winning. Charts rely on the latter:
    /// kube-prometheus-stack's non-default values render an Alertmanager with `logFormat` twice.
    static let helm: YAMLLimits = {
        var limits = YAMLLimits()
        limits.allowsDuplicateKeys = true
        return limits
    }()
}
