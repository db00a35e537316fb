import Cluster
import GitOpsAPI

extension NotificationController {
    /// Sets `reconcile.fluxcd.io/requestedAt` on the objects one Receiver resource names — one
    /// by name, or every object of the kind matching `matchLabels` when the name is `*` — in
    /// the resource's namespace or else the Receiver's. Returns what was annotated
    /// (`GitRepository/flux-system/flux-system`).
    nonisolated func requestReconcile(_ target: ReceiverConfig.Target, defaultNamespace: String, value: String) async throws -> [String] {
        let namespace = target.namespace ?? defaultNamespace
        guard let apiVersion = target.apiVersion ?? ReceiverConfig.defaultAPIVersions[target.kind] else {
            throw ReceiverProblem(reason: Reason.invalidSpec, message: "apiVersion must be specified for kind '\(target.kind)'")
        }
        if target.name == "*" {
            guard let labels = target.matchLabels else {
                throw ReceiverProblem(reason: Reason.invalidSpec, message: "matchLabels field not set when using wildcard '*' as name (\(target.kind))")
            }
            let selector = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            let matched = try await cluster.list(ListQuery(apiVersion: apiVersion, kind: target.kind, namespace: namespace,
                                                           labelSelector: selector.isEmpty ? nil : selector))
            var done: [String] = []
            for object in matched {
                try await annotate(object.ref, value: value)
                done.append(object.ref.description)
            }
            return done
        }
        let ref = ObjectRef(apiVersion: apiVersion, kind: target.kind, namespace: namespace, name: target.name)
        try await annotate(ref, value: value)
        return [ref.description]
    }

    /// Writes the annotation with an update carrying the resourceVersion just read, so a
    /// concurrent writer (the Source component's status, a person's edit) is never overwritten:
    /// a conflict means "read again and retry".
    nonisolated func annotate(_ ref: ObjectRef, value: String) async throws {
        for _ in 0..<5 {
            guard var object = try await cluster.get(ref) else {
                throw ReceiverProblem(reason: "NotFound", message: "unable to read \(ref): not found")
            }
            object.setAnnotation(Annotations.requestedAt, value)
            do {
                _ = try await cluster.update(object, options: WriteOptions(fieldManager: name))
                return
            } catch let error as ClusterError where error.reason == .conflict {
                continue
            }
        }
        throw ReceiverProblem(reason: "Conflict", message: "unable to annotate \(ref): it kept changing (5 conflicts)")
    }
}
