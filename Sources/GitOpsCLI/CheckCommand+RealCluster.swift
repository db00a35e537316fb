import Agent
import Cluster
import Foundation
import GitOpsAPI

/// `gitops check --kubeconfig …`: can the agent work with this cluster? Connectivity and
/// credentials, the CRDs of our kinds, and the permissions the agent needs (asked of the server
/// with SelfSubjectAccessReviews, as `kubectl auth can-i` does).
enum RealClusterChecks {
    typealias Check = CheckCommand.Check

    /// The permissions the agent needs for itself: (verb, group, resource, namespace).
    static let required: [(String, String, String, String?)] = [
        ("list", "kustomize.toolkit.fluxcd.io", "kustomizations", nil),
        ("update", "kustomize.toolkit.fluxcd.io", "kustomizations/status", nil),
        ("list", "source.toolkit.fluxcd.io", "gitrepositories", nil),
        ("update", "source.toolkit.fluxcd.io", "gitrepositories/status", nil),
        ("list", "helm.toolkit.fluxcd.io", "helmreleases", nil),
        ("list", "notification.toolkit.fluxcd.io", "alerts", nil),
        ("get", "", "secrets", nil),
        ("create", "", "events", nil),
        ("patch", "apps", "deployments", nil),
        ("delete", "apps", "deployments", nil),
        ("create", "coordination.k8s.io", "leases", "gitops-system"),
    ]

    static func run(_ state: StateOptions) async -> [Check] {
        let cluster: any ClusterClient
        let server: String
        do {
            guard let connection = try state.cluster.connection() else { return [] }
            server = ClusterSelection.describe(connection, context: state.context)
            cluster = try openCluster(state)
        } catch {
            return [Check(ok: false, what: "cluster configuration: \(error)", fix: "check --kubeconfig/--context (kubectl config get-contexts)")]
        }
        do {
            _ = try await cluster.resource(apiVersion: "v1", kind: "Namespace")
            _ = try await cluster.list(ListQuery(apiVersion: "v1", kind: "Namespace"))
        } catch let error as ClusterError where error.reason == .unauthorized {
            return [Check(ok: false, what: "API server \(server) refused the credentials: \(error.message)",
                          fix: "refresh the credentials of the context (token, certificate or exec plugin)")]
        } catch {
            return [Check(ok: false, what: "API server \(server) not reachable: \(error)",
                          fix: "check the server address, the network and the CA (kubectl --context … get ns)")]
        }
        var checks = [Check(ok: true, what: "API server \(server) reachable, credentials accepted")]

        var missing: [String] = []
        for kind in FluxKind.all {
            do { _ = try await cluster.resource(apiVersion: kind.apiVersion, kind: kind.kind) } catch { missing.append("\(kind.kind) (\(kind.apiVersion))") }
        }
        checks.append(missing.isEmpty
            ? Check(ok: true, what: "CRDs installed: " + FluxKind.all.map(\.kind).joined(separator: ", "))
            : Check(ok: false, what: "kinds not served: " + missing.joined(separator: ", "),
                    fix: "install the CRDs: gitops install --crds-only | kubectl apply -f -"))

        var denied: [String] = []
        for (verb, group, resource, namespace) in required {
            switch await canI(cluster, verb: verb, group: group, resource: resource, namespace: namespace) {
            case .some(true): continue
            case .some(false): denied.append("\(verb) \(resource)\(group.isEmpty ? "" : "." + group)")
            case .none:
                checks.append(Check(ok: false, what: "could not ask the server about permissions (SelfSubjectAccessReview refused)",
                                    fix: "grant create on selfsubjectaccessreviews.authorization.k8s.io, or check RBAC by hand (README, \"Running in a cluster\")"))
                return checks
            }
        }
        checks.append(denied.isEmpty
            ? Check(ok: true, what: "permissions: the agent's \(required.count) checked verbs are allowed")
            : Check(ok: false, what: "permissions missing: " + denied.joined(separator: ", "),
                    fix: "bind the ClusterRole of `gitops install` (or cluster-admin) to the identity of this context"))
        return checks
    }

    /// Asks the server whether the current identity may do something; nil when it cannot say.
    static func canI(_ cluster: any ClusterClient, verb: String, group: String, resource: String, namespace: String?) async -> Bool? {
        let parts = resource.split(separator: "/", maxSplits: 1).map(String.init)
        var attributes: JSONObject = ["verb": .string(verb), "group": .string(group), "resource": .string(parts[0])]
        if parts.count > 1 { attributes["subresource"] = .string(parts[1]) }
        if let namespace { attributes["namespace"] = .string(namespace) }
        var review = KubeObject(.object(["apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                                         "metadata": .object([:])]))
        review.body["spec"] = ["resourceAttributes": .object(attributes)]
        guard let answer = try? await cluster.create(review, options: WriteOptions()) else { return nil }
        return answer.body[path: ["status", "allowed"]]?.boolValue ?? false
    }
}
