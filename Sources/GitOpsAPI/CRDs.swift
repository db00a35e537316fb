/// CustomResourceDefinitions for the seven kinds, installed by the agent (and `gitops install`)
/// so a cluster serves them. The schemas keep unknown fields: the agent validates specs itself,
/// strictly, and reports errors as conditions that name the field.
public enum CRDs {
    struct Definition {
        let kind: String
        let plural: String
        let group: String
        let versions: [String]
        let shortNames: [String]
    }

    static let definitions = [
        Definition(kind: "GitRepository", plural: "gitrepositories", group: "source.toolkit.fluxcd.io", versions: ["v1"], shortNames: ["gitrepo"]),
        Definition(kind: "HelmRepository", plural: "helmrepositories", group: "source.toolkit.fluxcd.io", versions: ["v1"], shortNames: ["helmrepo"]),
        Definition(kind: "Kustomization", plural: "kustomizations", group: "kustomize.toolkit.fluxcd.io", versions: ["v1"], shortNames: ["ks"]),
        Definition(kind: "HelmRelease", plural: "helmreleases", group: "helm.toolkit.fluxcd.io", versions: ["v2"], shortNames: ["hr"]),
        Definition(kind: "Provider", plural: "providers", group: "notification.toolkit.fluxcd.io", versions: ["v1beta3"], shortNames: []),
        Definition(kind: "Alert", plural: "alerts", group: "notification.toolkit.fluxcd.io", versions: ["v1beta3"], shortNames: []),
        Definition(kind: "Receiver", plural: "receivers", group: "notification.toolkit.fluxcd.io", versions: ["v1"], shortNames: []),
    ]

    /// The CRD objects, in a stable order.
    public static var all: [KubeObject] {
        definitions.map { d in
            let versions: [JSONValue] = d.versions.map { v in
                [
                    "name": .string(v), "served": true, "storage": true,
                    "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]],
                    "subresources": ["status": [:]],
                    "additionalPrinterColumns": [
                        ["jsonPath": ".status.conditions[?(@.type==\"Ready\")].status", "name": "Ready", "type": "string"],
                        ["jsonPath": ".status.conditions[?(@.type==\"Ready\")].message", "name": "Status", "type": "string"],
                    ],
                ]
            }
            var crd = KubeObject(apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", name: "\(d.plural).\(d.group)")
            crd.labels = ["app.kubernetes.io/part-of": "gitops"]
            crd.body["spec"] = [
                "group": .string(d.group),
                "names": ["kind": .string(d.kind), "listKind": .string(d.kind + "List"), "plural": .string(d.plural),
                          "singular": .string(d.kind.lowercased()), "shortNames": .array(d.shortNames.map { .string($0) })],
                "scope": "Namespaced",
                "versions": .array(versions),
            ]
            return crd
        }
    }
}
