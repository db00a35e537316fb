import GitOpsAPI

/// The part of kustomize's built-in Kubernetes v1.21.2 schema that strategic merge reads: the
/// list fields the API types tag with `patchStrategy:"merge"` and their `patchMergeKey` (and
/// `listMapKeys`), on the paths that lead to them. A known kind's other lists are replaced by a
/// patch, as they are for kinds the schema does not know (custom resources), so only the
/// associative lists need listing.
extension OpenAPISchema {
    static let builtin: OpenAPISchema = OpenAPISchema(definitions: BuiltinDefinitions.make())
}

private enum BuiltinDefinitions {
    static let core = "io.k8s.api.core.v1."
    static let meta = "io.k8s.apimachinery.pkg.apis.meta.v1."

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/definitions/" + name)] }

    /// A list field; with a strategy, its merge key(s).
    static func list(_ item: String? = nil, _ strategy: String? = nil, key: String? = nil, mapKeys: [String]? = nil) -> JSONValue {
        var s: JSONObject = ["type": "array", "items": item.map(ref) ?? ["type": "string"]]
        if let strategy { s["x-kubernetes-patch-strategy"] = .string(strategy) }
        if let key { s["x-kubernetes-patch-merge-key"] = .string(key) }
        if let mapKeys { s["x-kubernetes-list-map-keys"] = .array(mapKeys.map(JSONValue.string)) }
        return .object(s)
    }

    static func object(_ properties: JSONObject, kinds: [(String, String, String)] = []) -> JSONValue {
        var d: JSONObject = ["type": "object", "properties": .object(properties)]
        if !kinds.isEmpty {
            d["x-kubernetes-group-version-kind"] = .array(kinds.map { ["group": .string($0.0), "version": .string($0.1), "kind": .string($0.2)] })
        }
        return .object(d)
    }

    static func make() -> [String: JSONValue] {
        var d: [String: JSONValue] = [:]
        let objectMeta = ref(meta + "ObjectMeta")
        d[meta + "ObjectMeta"] = object([
            "finalizers": list(nil, "merge"),
            "ownerReferences": list(meta + "OwnerReference", "merge", key: "uid"),
        ])
        let container = object([
            "env": list(core + "EnvVar", "merge", key: "name"),
            "ports": list(core + "ContainerPort", "merge", key: "containerPort", mapKeys: ["containerPort", "protocol"]),
            "volumeMounts": list(core + "VolumeMount", "merge", key: "mountPath"),
            "volumeDevices": list(core + "VolumeDevice", "merge", key: "devicePath"),
        ])
        d[core + "Container"] = container
        d[core + "EphemeralContainer"] = container
        for leaf in [meta + "OwnerReference", core + "EnvVar", core + "ContainerPort", core + "VolumeMount", core + "VolumeDevice",
                     core + "Volume", core + "LocalObjectReference", core + "HostAlias", core + "TopologySpreadConstraint",
                     core + "ServicePort", core + "ObjectReference", core + "PodCondition"] {
            d[leaf] = object([:])
        }
        d[core + "PodSpec"] = object([
            "containers": list(core + "Container", "merge", key: "name"),
            "initContainers": list(core + "Container", "merge", key: "name"),
            "ephemeralContainers": list(core + "EphemeralContainer", "merge", key: "name"),
            "volumes": list(core + "Volume", "merge,retainKeys", key: "name"),
            "imagePullSecrets": list(core + "LocalObjectReference", "merge", key: "name"),
            "hostAliases": list(core + "HostAlias", "merge", key: "ip"),
            "topologySpreadConstraints": list(core + "TopologySpreadConstraint", "merge", key: "topologyKey",
                                              mapKeys: ["topologyKey", "whenUnsatisfiable"]),
        ])
        let template = ref(core + "PodTemplateSpec")
        d[core + "PodTemplateSpec"] = object(["metadata": objectMeta, "spec": ref(core + "PodSpec")])
        d[core + "Pod"] = object([
            "metadata": objectMeta, "spec": ref(core + "PodSpec"),
            "status": object(["conditions": list(core + "PodCondition", "merge", key: "type")]),
        ], kinds: [("", "v1", "Pod")])
        d[core + "PodTemplate"] = object(["metadata": objectMeta, "template": template], kinds: [("", "v1", "PodTemplate")])
        d[core + "ReplicationController"] = object(["metadata": objectMeta, "spec": object(["template": template])],
                                                   kinds: [("", "v1", "ReplicationController")])
        d[core + "Service"] = object([
            "metadata": objectMeta,
            "spec": object(["ports": list(core + "ServicePort", "merge", key: "port", mapKeys: ["port", "protocol"])]),
        ], kinds: [("", "v1", "Service")])
        d[core + "ServiceAccount"] = object([
            "metadata": objectMeta, "secrets": list(core + "ObjectReference", "merge", key: "name"),
            "imagePullSecrets": list(core + "LocalObjectReference"),
        ], kinds: [("", "v1", "ServiceAccount")])

        // Workloads with a pod template at spec.template.
        var workloads: [(String, String, String)] = [("batch", "v1", "Job")]
        for kind in ["Deployment", "DaemonSet", "ReplicaSet", "StatefulSet"] {
            for version in ["v1", "v1beta1", "v1beta2"] { workloads.append(("apps", version, kind)) }
        }
        for kind in ["Deployment", "DaemonSet", "ReplicaSet"] { workloads.append(("extensions", "v1beta1", kind)) }
        d["io.k8s.api.apps.v1.Workload"] = object(["metadata": objectMeta, "spec": object(["template": template])], kinds: workloads)
        d["io.k8s.api.batch.v1.CronJob"] = object([
            "metadata": objectMeta,
            "spec": object(["jobTemplate": object(["metadata": objectMeta, "spec": object(["template": template])])]),
        ], kinds: [("batch", "v1", "CronJob"), ("batch", "v1beta1", "CronJob")])

        let admission = "io.k8s.api.admissionregistration.v1."
        d[admission + "Webhook"] = object([:])
        for kind in ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"] {
            d[admission + kind] = object([
                "metadata": objectMeta, "webhooks": list(admission + "Webhook", "merge", key: "name"),
            ], kinds: [("admissionregistration.k8s.io", "v1", kind), ("admissionregistration.k8s.io", "v1beta1", kind)])
        }

        // Other built-in kinds: known to the schema (so their metadata merges by the rules
        // above), with no associative lists of their own.
        let plain: [(String, [String], [String])] = [
            ("", ["v1"], ["ConfigMap", "Secret", "Namespace", "Endpoints", "LimitRange", "ResourceQuota", "PersistentVolume",
                          "PersistentVolumeClaim", "Node", "Event", "ComponentStatus", "Binding"]),
            ("rbac.authorization.k8s.io", ["v1", "v1beta1"], ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]),
            ("networking.k8s.io", ["v1", "v1beta1"], ["NetworkPolicy", "Ingress", "IngressClass"]),
            ("storage.k8s.io", ["v1", "v1beta1"], ["StorageClass", "CSIDriver", "CSINode", "VolumeAttachment"]),
            ("scheduling.k8s.io", ["v1", "v1beta1"], ["PriorityClass"]),
            ("policy", ["v1", "v1beta1"], ["PodDisruptionBudget"]),
            ("policy", ["v1beta1"], ["PodSecurityPolicy"]),
            ("autoscaling", ["v1", "v2beta1", "v2beta2"], ["HorizontalPodAutoscaler"]),
            ("apiextensions.k8s.io", ["v1", "v1beta1"], ["CustomResourceDefinition"]),
            ("apiregistration.k8s.io", ["v1", "v1beta1"], ["APIService"]),
            ("coordination.k8s.io", ["v1", "v1beta1"], ["Lease"]),
            ("node.k8s.io", ["v1", "v1beta1"], ["RuntimeClass"]),
            ("discovery.k8s.io", ["v1", "v1beta1"], ["EndpointSlice"]),
            ("certificates.k8s.io", ["v1", "v1beta1"], ["CertificateSigningRequest"]),
        ]
        var kinds: [(String, String, String)] = []
        for (group, versions, names) in plain {
            for version in versions { for name in names { kinds.append((group, version, name)) } }
        }
        d["kustomize.builtin.Object"] = object(["metadata": objectMeta], kinds: kinds)
        return d
    }
}
