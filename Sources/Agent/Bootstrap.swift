import Cluster
import GitOpsAPI

/// Installs the CRDs of our kinds and the root sync objects, the way `flux bootstrap` does:
/// a GitRepository and a Kustomization named `flux-system` in namespace `flux-system`.
enum BootstrapObjects {
    /// Applies the CRDs of our kinds. With `waitEstablished` (a real API server), waits until
    /// the server serves every one of them.
    static func installCRDs(_ cluster: any ClusterClient, waitEstablished: Bool, timeout: Duration = .seconds(60)) async throws {
        for crd in CRDs.all {
            do {
                _ = try await cluster.apply(crd, options: ApplyOptions(fieldManager: "gitops-install", force: true))
            } catch let error as ClusterError where error.reason == .forbidden {
                // Without the right to install CRDs, carry on if they are already there.
                guard try await cluster.get(crd.ref) != nil else {
                    throw ClusterError(.forbidden, "cannot install CustomResourceDefinition \(crd.name): \(error.message). "
                        + "Install them once with `gitops install --crds-only | kubectl apply -f -` as a cluster admin.")
                }
            }
        }
        guard waitEstablished else { return }
        // Established means served: wait until discovery lists each kind.
        let deadline = ContinuousClock.now + timeout
        for crd in CRDs.all where try await !cluster.waitUntilServed(crd, deadline: deadline, poll: .milliseconds(200)) {
            throw ClusterError(.timeout, "CustomResourceDefinition \(crd.name) is not served after \(timeout)")
        }
    }

    static func objects(_ b: AgentOptions.Bootstrap) -> [KubeObject] {
        var namespace = KubeObject(apiVersion: "v1", kind: "Namespace", name: b.namespace)
        namespace.labels = ["app.kubernetes.io/part-of": "gitops"]
        var repo = KubeObject(apiVersion: GitRepository.apiVersion, kind: GitRepository.kind, name: b.name, namespace: b.namespace)
        var repoSpec: JSONValue = ["interval": .string(b.interval.description), "ref": ["branch": .string(b.branch)], "url": .string(b.url)]
        if let secret = b.secretName { repoSpec["secretRef"] = ["name": .string(secret)] }
        repo.body["spec"] = repoSpec
        var ks = KubeObject(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, name: b.name, namespace: b.namespace)
        ks.body["spec"] = [
            "interval": .string(b.interval.description),
            "path": .string(b.path),
            "prune": true,
            "sourceRef": ["kind": "GitRepository", "name": .string(b.name)],
        ]
        return [namespace, repo, ks]
    }

    static func apply(_ b: AgentOptions.Bootstrap, to cluster: any ClusterClient) async throws {
        for object in objects(b) {
            _ = try await cluster.apply(object, options: ApplyOptions(fieldManager: "gitops-bootstrap", force: true))
        }
    }
}
