import GitOpsAPI

extension ClusterClient {
    /// Waits until the cluster serves the kind a CustomResourceDefinition defines (discovery
    /// lists it: what "established" means to a client). Returns false at `deadline`; true at
    /// once for an object that is not a CRD with a group, kind and version.
    public func waitUntilServed(_ crd: KubeObject, deadline: ContinuousClock.Instant,
                                poll: Duration = .milliseconds(100)) async throws -> Bool {
        guard crd.kind == "CustomResourceDefinition",
              let group = crd.body[path: ["spec", "group"]]?.stringValue,
              let kind = crd.body[path: ["spec", "names", "kind"]]?.stringValue,
              let version = crd.body[path: ["spec", "versions"]]?.arrayValue?.first?["name"]?.stringValue else { return true }
        while (try? await resource(apiVersion: "\(group)/\(version)", kind: kind)) == nil {
            if ContinuousClock.now > deadline { return false }
            try await Task.sleep(for: poll)
        }
        return true
    }
}
