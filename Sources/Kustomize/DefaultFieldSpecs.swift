import GitOpsAPI

/// kustomize's built-in field specs for prefix/suffix, namespace, labels, annotations, images,
/// replicas and var references (`api/internal/konfig/builtinpluginconsts` at kustomize v5.5:
/// commonlabels.go, metadatalabels.go, namespace.go, …). The name-reference table is in
/// `DefaultNameReferences.swift`.
enum DefaultFieldSpecs {
    static var config: TransformerConfig {
        var config = TransformerConfig()
        config.namePrefix = [FieldSpec(path: "metadata/name")]
        config.nameSuffix = [FieldSpec(path: "metadata/name")]
        config.namespace = namespace
        config.commonLabels = selectorLabels + templateLabels
        config.templateLabels = templateLabels
        config.commonAnnotations = commonAnnotations
        config.images = images
        config.replicas = replicas
        config.varReference = varReference
        return config
    }

    private static func spec(_ path: String, _ kind: String? = nil, group: String? = nil, version: String? = nil, create: Bool = false) -> FieldSpec {
        FieldSpec(group: group, version: version, kind: kind, path: path, create: create)
    }

    /// metadata/labels everywhere, and the pod (and claim) templates of workloads: what
    /// `labels:` with `includeTemplates` writes (kustomize's `templateLabels`).
    static let templateLabels: [FieldSpec] = [
        spec("metadata/labels", create: true),
        spec("spec/template/metadata/labels", "ReplicationController", version: "v1", create: true),
        spec("spec/template/metadata/labels", "Deployment", create: true),
        spec("spec/template/metadata/labels", "ReplicaSet", create: true),
        spec("spec/template/metadata/labels", "DaemonSet", create: true),
        spec("spec/template/metadata/labels", "StatefulSet", group: "apps", create: true),
        spec("spec/volumeClaimTemplates[]/metadata/labels", "StatefulSet", group: "apps", create: true),
        spec("spec/template/metadata/labels", "Job", group: "batch", create: true),
        spec("spec/jobTemplate/metadata/labels", "CronJob", group: "batch", create: true),
        spec("spec/jobTemplate/spec/template/metadata/labels", "CronJob", group: "batch", create: true),
    ]

    /// The selectors `commonLabels` (and `labels:` with `includeSelectors`) also write.
    static let selectorLabels: [FieldSpec] = {
        // Pod (anti-)affinity and topology-spread selectors of Deployments and StatefulSets
        // are only changed where they exist.
        let affinity = [
            "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
            "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
            "spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
            "spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
            "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
        ]
        var specs = [
            spec("spec/selector", "Service", version: "v1", create: true),
            spec("spec/selector", "ReplicationController", version: "v1", create: true),
            spec("spec/selector/matchLabels", "Deployment", create: true),
        ]
        specs += affinity.map { spec($0, "Deployment", group: "apps") }
        specs += [
            spec("spec/selector/matchLabels", "ReplicaSet", create: true),
            spec("spec/selector/matchLabels", "DaemonSet", create: true),
            spec("spec/selector/matchLabels", "StatefulSet", group: "apps", create: true),
        ]
        specs += affinity.map { spec($0, "StatefulSet", group: "apps") }
        specs += [
            spec("spec/selector/matchLabels", "Job", group: "batch"),
            spec("spec/jobTemplate/spec/selector/matchLabels", "CronJob", group: "batch"),
            spec("spec/selector/matchLabels", "PodDisruptionBudget", group: "policy"),
            spec("spec/podSelector/matchLabels", "NetworkPolicy", group: "networking.k8s.io"),
            spec("spec/ingress/from/podSelector/matchLabels", "NetworkPolicy", group: "networking.k8s.io"),
            spec("spec/egress/to/podSelector/matchLabels", "NetworkPolicy", group: "networking.k8s.io"),
        ]
        return specs
    }()

    static let commonAnnotations: [FieldSpec] = [
        spec("metadata/annotations", create: true),
        spec("spec/template/metadata/annotations", "ReplicationController", version: "v1", create: true),
        spec("spec/template/metadata/annotations", "Deployment", create: true),
        spec("spec/template/metadata/annotations", "ReplicaSet", create: true),
        spec("spec/template/metadata/annotations", "DaemonSet", create: true),
        spec("spec/template/metadata/annotations", "StatefulSet", create: true),
        spec("spec/template/metadata/annotations", "Job", group: "batch", create: true),
        spec("spec/jobTemplate/metadata/annotations", "CronJob", group: "batch", create: true),
        spec("spec/jobTemplate/spec/template/metadata/annotations", "CronJob", group: "batch", create: true),
    ]

    static let namespace: [FieldSpec] = [
        spec("metadata/name", "Namespace", create: true),
        spec("spec/service/namespace", "APIService", group: "apiregistration.k8s.io", create: true),
        spec("spec/conversion/webhook/clientConfig/service/namespace", "CustomResourceDefinition", group: "apiextensions.k8s.io"),
    ]

    /// Container images of pods and pod templates (`create` is never honoured for images).
    static let images: [FieldSpec] = [
        spec("spec/containers[]/image", create: true),
        spec("spec/initContainers[]/image", create: true),
        spec("spec/template/spec/containers[]/image", create: true),
        spec("spec/template/spec/initContainers[]/image", create: true),
    ]

    static let replicas: [FieldSpec] = ["Deployment", "ReplicationController", "ReplicaSet", "StatefulSet"].map {
        spec("spec/replicas", $0, create: true)
    }

    /// Fields where `$(VAR)` references are resolved.
    static let varReference: [FieldSpec] = {
        let container = ["args", "command", "env/value", "volumeMounts/mountPath"]
        func pod(_ prefix: String, _ kind: String, volumes: String) -> [FieldSpec] {
            container.map { spec("\(prefix)containers/\($0)", kind) } + container.map { spec("\(prefix)initContainers/\($0)", kind) }
                + [spec(volumes, kind)]
        }
        var specs = pod("spec/jobTemplate/spec/template/spec/", "CronJob", volumes: "spec/jobTemplate/spec/template/volumes/nfs/server")
        specs += pod("spec/template/spec/", "DaemonSet", volumes: "spec/template/spec/volumes/nfs/server")
        specs += pod("spec/template/spec/", "Deployment", volumes: "spec/template/spec/volumes/nfs/server")
        specs += [
            spec("spec/template/metadata/annotations", "Deployment"),
            spec("spec/rules/host", "Ingress"), spec("spec/tls/hosts", "Ingress"), spec("spec/tls/secretName", "Ingress"),
        ]
        specs += pod("spec/template/spec/", "Job", volumes: "spec/template/spec/volumes/nfs/server")
        specs += pod("spec/", "Pod", volumes: "spec/volumes/nfs/server")
        specs += pod("spec/template/spec/", "ReplicaSet", volumes: "spec/template/spec/volumes/nfs/server")
        specs += [spec("spec/ports/port", "Service"), spec("spec/ports/targetPort", "Service")]
        specs += container.map { spec("spec/template/spec/containers/\($0)", "StatefulSet") }
            + container.map { spec("spec/template/spec/initContainers/\($0)", "StatefulSet") }
        specs += [
            spec("spec/volumeClaimTemplates/spec/nfs/server", "StatefulSet"), spec("spec/nfs/server", "PersistentVolume"),
            spec("metadata/labels"), spec("metadata/annotations"),
        ]
        return specs
    }()
}
