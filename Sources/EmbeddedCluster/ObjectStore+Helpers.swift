import Cluster
import Foundation
import GitOpsAPI

extension ObjectStore {
    /// The kind of `object` and the object with its namespace settled: a namespaced kind without
    /// one goes to `default`; a cluster-scoped kind drops it, as the API server does.
    func prepare(_ object: KubeObject) throws -> (KindInfo, KubeObject) {
        let info = try kindInfo(apiVersion: object.apiVersion, kind: object.kind)
        var object = object
        if info.namespaced {
            if object.namespace == nil { object.namespace = "default" }
        } else if object.body[path: ["metadata", "namespace"]] != nil {
            object.namespace = nil
        }
        return (info, object)
    }

    /// Fails unless the object's namespace exists (kube's NamespaceLifecycle admission).
    func requireNamespace(of object: KubeObject, kind: KindInfo) throws {
        guard kind.namespaced, let namespace = object.namespace, !namespaceExists(namespace) else { return }
        throw ClusterError(.notFound, "namespaces \"\(namespace)\" not found", object: object.id)
    }

    /// The kind and identity a reference names.
    func resolve(_ ref: ObjectRef) throws -> (KindInfo, ObjectID) {
        let info = try kindInfo(apiVersion: ref.apiVersion, kind: ref.kind)
        let namespace = info.namespaced ? (ref.namespace ?? "default") : ""
        return (info, ObjectID(group: info.group, kind: info.kind, namespace: namespace, name: ref.name))
    }

    func notFound(_ info: KindInfo, _ id: ObjectID) -> ClusterError {
        ClusterError(.notFound, "\(info.qualifiedPlural) \"\(id.name)\" not found", object: id)
    }

    /// Sets what the server sets on a new object: uid, creationTimestamp, generation 1; drops
    /// client-supplied bookkeeping and, for kinds with a status subresource, the status (except
    /// a Namespace, which starts `Active`).
    func initializeNew(_ object: inout KubeObject, kind: KindInfo, now: Date) {
        var metadata = object.metadata.objectValue ?? [:]
        for key in ["resourceVersion", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"] {
            metadata[key] = nil
        }
        metadata["uid"] = .string(UUID().uuidString.lowercased())
        metadata["creationTimestamp"] = .string(Timestamp.rfc3339(now))
        metadata["generation"] = 1
        object.metadata = .object(metadata)
        if kind.statusSubresource { object.status = nil }
        if kind.group.isEmpty, kind.kind == "Namespace" { object.status = ["phase": "Active"] }
    }

    /// Copies the server-owned metadata of `live` onto a replacement object.
    func keepSystemMetadata(of live: KubeObject, in object: inout KubeObject) {
        for key in ["uid", "creationTimestamp", "generation", "managedFields", "resourceVersion", "deletionTimestamp"] {
            object.body.set(["metadata", key], live.body[path: ["metadata", key]])
        }
    }

    /// Bumps `metadata.generation` when anything outside metadata and status changed.
    func bumpGenerationIfNeeded(from live: KubeObject, to object: inout KubeObject) {
        let changed = !sameValue(SystemFields.generationContent(live.body), SystemFields.generationContent(object.body))
        object.body.set(["metadata", "generation"], .int(live.generation + (changed ? 1 : 0)))
    }

    /// Whether storing `object` over `live` would change nothing (timestamps in managedFields
    /// and the resourceVersion aside).
    func isUnchanged(_ object: KubeObject, comparedTo live: KubeObject) -> Bool {
        func strip(_ o: KubeObject) -> JSONValue {
            var body = o.body
            body.set(["metadata", "managedFields"], nil)
            body.set(["metadata", "resourceVersion"], nil)
            body["apiVersion"] = nil
            return body
        }
        return sameValue(strip(object), strip(live))
            && ManagedFields.equivalent(ManagedFields.read(object), ManagedFields.read(live))
    }

    /// Stores `object` with the next resourceVersion. Call inside `write`.
    func commit(_ object: inout KubeObject) throws {
        object.resourceVersion = String(nextResourceVersion())
        try put(object)
    }

    /// Runs a write: in a transaction, or — for a dry run — without storing anything.
    func perform<T>(dryRun: Bool, _ body: () throws -> T) throws -> T {
        dryRun ? try body() : try write(body)
    }
}
