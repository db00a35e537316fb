import GitOpsAPI

/// What `gitops install` prints: everything needed to run the agent inside a cluster — the
/// namespace, the CRDs of our kinds, a ServiceAccount with its RBAC, the Deployment (leader
/// election on, probes on /healthz and /readyz) and a Service for receivers' hooks and metrics.
public enum InstallManifests {
    public struct Options: Sendable {
        public var namespace = "gitops-system"
        public var image = "ghcr.io/gitops-agent/gitops:\(AgentVersion.current)"
        public var replicas = 2
        /// Bind `cluster-admin` so the agent can apply any kind (what Flux's install does). Without
        /// it, only the agent's own needs are granted and the user binds what their repository applies.
        public var clusterAdmin = true
        /// `--watch-label-selector` for a shard.
        public var watchLabelSelector: String?
        public init() {}
    }

    static let partOf = ["app.kubernetes.io/part-of": "gitops", "app.kubernetes.io/name": "gitops"]
    public static let serviceAccount = "gitops"
    public static let httpPort = 9292

    public static func crds() -> [KubeObject] { CRDs.all }

    public static func all(_ o: Options = Options()) -> [KubeObject] {
        [namespace(o)] + CRDs.all + [serviceAccount(o), clusterRole(), clusterRoleBinding(o, role: "gitops-agent", name: "gitops-agent")]
            + (o.clusterAdmin ? [clusterRoleBinding(o, role: "cluster-admin", name: "gitops-cluster-reconciler")] : [])
            + [leaseRole(o), leaseRoleBinding(o), deployment(o), service(o)]
    }

    static func labelled(_ object: KubeObject) -> KubeObject {
        var object = object
        object.labels = partOf
        return object
    }

    static func namespace(_ o: Options) -> KubeObject {
        labelled(KubeObject(apiVersion: "v1", kind: "Namespace", name: o.namespace))
    }

    static func serviceAccount(_ o: Options) -> KubeObject {
        labelled(KubeObject(apiVersion: "v1", kind: "ServiceAccount", name: serviceAccount, namespace: o.namespace))
    }

    /// What the agent itself reads and writes, whatever the repository applies.
    public static let agentRules: [JSONValue] = [
        rule(["source.toolkit.fluxcd.io", "kustomize.toolkit.fluxcd.io", "helm.toolkit.fluxcd.io", "notification.toolkit.fluxcd.io"],
             ["*"], ["get", "list", "watch", "create", "update", "patch", "delete"]),
        rule(["source.toolkit.fluxcd.io", "kustomize.toolkit.fluxcd.io", "helm.toolkit.fluxcd.io", "notification.toolkit.fluxcd.io"],
             ["*/status"], ["get", "update", "patch"]),
        // Git credentials, HMAC tokens, valuesFrom, substituteFrom; Helm release records.
        rule([""], ["secrets", "configmaps"], ["get", "list", "watch", "create", "update", "patch", "delete"]),
        rule([""], ["events"], ["create", "patch"]),
        rule([""], ["namespaces"], ["get", "list", "watch"]),
        rule(["apiextensions.k8s.io"], ["customresourcedefinitions"], ["get", "list", "watch", "create", "update", "patch"]),
        rule(["authorization.k8s.io"], ["selfsubjectaccessreviews"], ["create"]),
        // serviceAccountName: a Kustomization or HelmRelease acts as its service account.
        rule([""], ["serviceaccounts"], ["impersonate"]),
    ]

    static func rule(_ groups: [String], _ resources: [String], _ verbs: [String]) -> JSONValue {
        ["apiGroups": .array(groups.map { .string($0) }), "resources": .array(resources.map { .string($0) }),
         "verbs": .array(verbs.map { .string($0) })]
    }

    static func clusterRole() -> KubeObject {
        var role = labelled(KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", name: "gitops-agent"))
        role.body["rules"] = .array(agentRules)
        return role
    }

    static func clusterRoleBinding(_ o: Options, role: String, name: String) -> KubeObject {
        var binding = labelled(KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", name: name))
        binding.body["roleRef"] = ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(role)]
        binding.body["subjects"] = [["kind": "ServiceAccount", "name": .string(serviceAccount), "namespace": .string(o.namespace)]]
        return binding
    }

    /// Leader election: the Lease in the agent's own namespace.
    static func leaseRole(_ o: Options) -> KubeObject {
        var role = labelled(KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", name: "gitops-leader-election", namespace: o.namespace))
        role.body["rules"] = [rule(["coordination.k8s.io"], ["leases"], ["get", "list", "watch", "create", "update", "patch"])]
        return role
    }

    static func leaseRoleBinding(_ o: Options) -> KubeObject {
        var binding = labelled(KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", name: "gitops-leader-election", namespace: o.namespace))
        binding.body["roleRef"] = ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "gitops-leader-election"]
        binding.body["subjects"] = [["kind": "ServiceAccount", "name": .string(serviceAccount), "namespace": .string(o.namespace)]]
        return binding
    }

    static func deployment(_ o: Options) -> KubeObject {
        var d = labelled(KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: "gitops", namespace: o.namespace))
        var args: [JSONValue] = ["run", "--in-cluster", "--leader-elect", .string("--http-address=:\(httpPort)"), "--state-dir=/var/lib/gitops",
                                 "--log-format=json"]
        if let selector = o.watchLabelSelector { args.append(.string("--watch-label-selector=\(selector)")) }
        let probe = { (path: String) -> JSONValue in
            ["httpGet": ["path": .string(path), "port": "http"], "initialDelaySeconds": 5, "periodSeconds": 10]
        }
        d.body["spec"] = [
            "replicas": .int(o.replicas),
            "selector": ["matchLabels": ["app.kubernetes.io/name": "gitops"]],
            "template": [
                "metadata": ["labels": ["app.kubernetes.io/name": "gitops", "app.kubernetes.io/part-of": "gitops"]],
                "spec": [
                    "serviceAccountName": .string(serviceAccount),
                    "securityContext": ["runAsNonRoot": true, "fsGroup": 1337, "seccompProfile": ["type": "RuntimeDefault"]],
                    "containers": [[
                        "name": "agent",
                        "image": .string(o.image),
                        "args": .array(args),
                        "env": [["name": "POD_NAMESPACE", "valueFrom": ["fieldRef": ["fieldPath": "metadata.namespace"]]],
                                ["name": "POD_NAME", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]]],
                        "ports": [["name": "http", "containerPort": .int(httpPort), "protocol": "TCP"]],
                        "livenessProbe": probe("/healthz"),
                        "readinessProbe": probe("/readyz"),
                        "resources": ["requests": ["cpu": "100m", "memory": "128Mi"], "limits": ["memory": "1Gi"]],
                        "securityContext": ["allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                                            "capabilities": ["drop": ["ALL"]]],
                        "volumeMounts": [["name": "state", "mountPath": "/var/lib/gitops"], ["name": "tmp", "mountPath": "/tmp"]],
                    ]],
                    "volumes": [["name": "state", "emptyDir": [:]], ["name": "tmp", "emptyDir": [:]]],
                ],
            ],
        ]
        return d
    }

    static func service(_ o: Options) -> KubeObject {
        var s = labelled(KubeObject(apiVersion: "v1", kind: "Service", name: "gitops", namespace: o.namespace))
        s.body["spec"] = [
            "type": "ClusterIP",
            "selector": ["app.kubernetes.io/name": "gitops"],
            "ports": [["name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"]],
        ]
        return s
    }
}

/// The agent's version, shared by `gitops version` and the install manifests' image tag.
public enum AgentVersion {
    public static let current = "0.1.0"
}
