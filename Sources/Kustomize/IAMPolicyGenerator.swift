import GitOpsAPI

/// kustomize's built-in `IAMPolicyGenerator` (`api/filters/iampolicygenerator`): for GKE
/// workload identity it generates the Kubernetes ServiceAccount bound to a Google service
/// account, annotated `iam.gke.io/gcp-service-account: <name>@<projectId>.iam.gserviceaccount.com`.
/// GKE is the only cloud kustomize supports.
enum IAMPolicyGenerator {
    static let annotation = "iam.gke.io/gcp-service-account"

    static func serviceAccount(_ config: KubeObject, file: String) throws -> KubeObject {
        let body = config.body
        let at = "generators: IAMPolicyGenerator \(config.name)"
        let cloud = body["cloud"]?.stringValue ?? ""
        guard cloud == "gke" else {
            throw BuildError.invalid(file: file, message: "\(at): cloud provider \(cloud) not supported yet; kustomize's IAMPolicyGenerator supports cloud: gke only")
        }
        let service = body["kubernetesService"]?.objectValue ?? [:]
        let account = body["serviceAccount"]?.objectValue ?? [:]
        guard let name = service["name"]?.stringValue, !name.isEmpty else {
            throw BuildError.invalid(file: file, message: "\(at): kubernetesService.name is missing; set the name of the ServiceAccount to generate")
        }
        let gsa = account["name"].map(Generators.scalarText) ?? ""
        let project = account["projectId"].map(Generators.scalarText) ?? ""
        var metadata: JSONObject = ["annotations": .object([annotation: .string("\(gsa)@\(project).iam.gserviceaccount.com")]),
                                    "name": .string(name)]
        if let namespace = service["namespace"]?.stringValue, !namespace.isEmpty { metadata["namespace"] = .string(namespace) }
        return KubeObject(.object(["apiVersion": "v1", "kind": "ServiceAccount", "metadata": .object(metadata)]))
    }
}
