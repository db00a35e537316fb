import Cluster
import Foundation
import GitOpsAPI
import Runtime

extension KustomizeController {
    /// What a Kustomization would apply right now: its source's current artifact built with its
    /// spec (overrides, commonMetadata, post-build substitution, ownership labels), exactly as the
    /// controller builds it, without applying anything. `gitops build|diff kustomization` use it.
    ///
    /// Throws a message naming the source when it is missing or has no artifact yet.
    public static func render(_ ks: Kustomization, cluster: any ClusterClient) async throws -> [KubeObject] {
        let sourceRef = ObjectRef(apiVersion: GitRepository.apiVersion, kind: GitRepository.kind,
                                  namespace: ks.spec.sourceRef.namespace, name: ks.spec.sourceRef.name)
        guard let object = try await cluster.get(sourceRef) else {
            throw RenderError(reason: Reason.artifactFailed, message: "Source \(sourceRef) not found")
        }
        guard let artifact = try GitRepository(object).artifact else {
            throw RenderError(reason: Reason.artifactFailed, message: "Source \(sourceRef) has no artifact yet; is the agent running?")
        }
        // A throwaway controller: `build` reads the cluster for substitution but records no event.
        let controller = KustomizeController(cluster: cluster, events: try EventLog(path: ":memory:"))
        do {
            return try await controller.build(ks, artifact: artifact)
        } catch let error as PhaseError {
            throw RenderError(reason: error.reason, message: error.message)
        }
    }
}

/// Why a Kustomization could not be rendered, with the reason the controller would report.
public struct RenderError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var message: String
    public var description: String { "\(reason): \(message)" }
}
