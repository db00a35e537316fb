import Cluster
import GitOpsAPI

/// The rows of `gitops status` for the HTTP API: every GitRepository and Kustomization with its
/// Ready condition, failing first. Mirrors `StatusReport` in the CLI, which cannot be imported
/// here (the CLI depends on the agent, not the other way round).
public enum StatusRows {
    /// One object's row; `ready` is `True`, `False` or `Unknown` (also while a new generation
    /// has not been reconciled yet).
    public struct Row: Sendable {
        public var kind: String
        public var namespace: String
        public var name: String
        public var ready: String
        public var suspended: Bool
        public var revision: String
        public var lastTransitionTime: String
        public var reason: String
        public var message: String
    }

    public static func collect(_ cluster: any ClusterClient) async throws -> [Row] {
        var rows: [Row] = []
        for (apiVersion, kind) in [(GitRepository.apiVersion, GitRepository.kind), (Kustomization.apiVersion, Kustomization.kind)] {
            for object in try await cluster.list(ListQuery(apiVersion: apiVersion, kind: kind)) {
                let ready = Conditions(json: object.status?["conditions"])[ConditionType.ready]
                let stale = (object.status?["observedGeneration"]?.intValue ?? 0) != object.generation
                rows.append(Row(
                    kind: kind, namespace: object.namespace ?? "", name: object.name,
                    ready: ready.map { stale && $0.status == .true ? "Unknown" : $0.status.rawValue } ?? "Unknown",
                    suspended: object.body[path: ["spec", "suspend"]]?.boolValue ?? false,
                    revision: object.status?[path: ["artifact", "revision"]]?.stringValue ?? object.status?["lastAppliedRevision"]?.stringValue ?? "",
                    lastTransitionTime: ready?.lastTransitionTime ?? "", reason: ready?.reason ?? "",
                    message: ready?.message ?? (stale ? "reconciliation in progress" : "not reconciled yet")))
            }
        }
        return rows.sorted { a, b in
            let fa = a.ready == "True" ? 1 : 0, fb = b.ready == "True" ? 1 : 0
            if fa != fb { return fa < fb }
            return (a.kind, a.namespace, a.name) < (b.kind, b.namespace, b.name)
        }
    }

    /// The same keys as `gitops status -o json`.
    public static func json(_ rows: [Row]) -> JSONValue {
        .array(rows.map { r in
            ["kind": .string(r.kind), "namespace": .string(r.namespace), "name": .string(r.name), "ready": .string(r.ready),
             "suspended": .bool(r.suspended), "revision": .string(r.revision), "lastTransitionTime": .string(r.lastTransitionTime),
             "reason": .string(r.reason), "message": .string(r.message)]
        })
    }
}
