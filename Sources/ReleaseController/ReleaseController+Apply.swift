import Cluster
import Foundation
import GitOpsAPI
import Runtime
import YAML

/// Where one release puts its objects, and how long it may wait for them.
struct ReleaseTarget: Sendable {
    var releaseName: String
    var namespace: String
    /// The HelmRelease, for the ownership labels helm-controller puts on every object.
    var owner: ObjectKey
    var timeout: Duration
    /// The cluster as the release sees it: as the HelmRelease's `serviceAccountName` when it
    /// names one (impersonation), else as the agent.
    var cluster: any ClusterClient
}

extension ReleaseController {
    static let fieldManager = "helm-controller"

    /// The cluster a HelmRelease's release is made in: as its `serviceAccountName` (in the
    /// HelmRelease's namespace) when it names one — objects, hooks, lookups and the release
    /// records alike, as helm-controller's impersonated client — else as the agent.
    func releaseCluster(_ hr: HelmRelease) -> any ClusterClient {
        (hr.spec.serviceAccountName ?? settings.defaultServiceAccount)
            .map { cluster.impersonating(serviceAccount: $0, namespace: hr.metadata.namespace) } ?? cluster
    }

    /// The objects of a release manifest (`---`-separated documents), with the release namespace
    /// filled in for namespaced kinds (as Helm's kube client does) and helm-controller's
    /// ownership labels.
    func objects(ofManifest manifest: String, _ target: ReleaseTarget) async throws -> [KubeObject] {
        var objects: [KubeObject] = []
        do {
            for document in try YAML.parseDocuments(manifest, file: "manifest of release \(target.releaseName)") where document.value.objectValue != nil {
                objects.append(KubeObject(document.value))
            }
        } catch {
            throw ReleaseError(reason: Reason.reconciliationFailed, message: "\(error)")
        }
        var prepared: [KubeObject] = []
        for object in objects { prepared.append(try await prepare(object, target)) }
        return prepared
    }

    func prepare(_ object: KubeObject, _ target: ReleaseTarget) async throws -> KubeObject {
        var object = object
        if object.namespace == nil {
            let namespaced = (try? await target.cluster.resource(apiVersion: object.apiVersion, kind: object.kind))?.namespaced ?? true
            if namespaced { object.namespace = target.namespace }
        }
        object.setLabel("helm.toolkit.fluxcd.io/name", target.owner.name)
        object.setLabel("helm.toolkit.fluxcd.io/namespace", target.owner.namespace)
        return object
    }

    /// Server-side apply of every object, taking ownership of the fields (Helm replaces what
    /// others changed), then deletes what `previous` had and this release no longer has.
    func applyRelease(_ objects: [KubeObject], replacing previous: [KubeObject], _ target: ReleaseTarget) async throws {
        let cluster = target.cluster
        let options = ApplyOptions(fieldManager: Self.fieldManager, force: true)
        for object in objects {
            do {
                _ = try await cluster.apply(object, options: options)
            } catch let error as ClusterError {
                throw ReleaseError(reason: Reason.reconciliationFailed, message: "cannot apply \(object.id): \(error.reason.rawValue): \(error.message)")
            }
            if object.kind == "CustomResourceDefinition" { try await waitEstablished(object, cluster) }
        }
        let keep = Set(objects.map(\.id))
        for old in previous.reversed() where !keep.contains(old.id) {
            do {
                _ = try await cluster.delete(old.ref, options: DeleteOptions(propagationPolicy: .background))
            } catch {
                throw ReleaseError(reason: Reason.reconciliationFailed, message: "cannot delete \(old.id), which the release no longer has: \(error)")
            }
        }
    }

    /// The chart's `crds/`: created before anything else on install (Helm never updates them).
    func installCRDs(_ documents: [String], _ target: ReleaseTarget) async throws {
        for text in documents {
            for crd in try await objects(ofManifest: text, target) where crd.kind == "CustomResourceDefinition" {
                if try await target.cluster.get(crd.ref) == nil {
                    _ = try await target.cluster.apply(crd, options: ApplyOptions(fieldManager: Self.fieldManager, force: true))
                    try await waitEstablished(crd, target.cluster)
                }
            }
        }
    }

    /// Waits until the cluster serves the kind a CRD defines.
    func waitEstablished(_ crd: KubeObject, _ cluster: any ClusterClient) async throws {
        guard try await cluster.waitUntilServed(crd, deadline: .now + .seconds(60)) else {
            throw ReleaseError(reason: Reason.reconciliationFailed, message: "\(crd.id) was not established within 60s")
        }
    }

    /// Waits until every object is Current (kstatus), at most the release timeout.
    /// - Returns: nil when healthy, else what failed, naming each object and why (for workloads,
    ///   their pods' waiting reasons and images).
    func waitForHealth(_ objects: [KubeObject], _ target: ReleaseTarget) async throws -> String? {
        try await HealthChecker(cluster: target.cluster).waitUntilCurrent(objects.map(\.ref), timeout: target.timeout,
                                                                   poll: settings.healthPollInterval)?.description
    }
}
