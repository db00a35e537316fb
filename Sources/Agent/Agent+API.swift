import Cluster
import Foundation
import GitOpsAPI
import HTTPServer
import Runtime

/// The agent's read-only HTTP API under `/api/v1/`: what `gitops status` and `gitops events`
/// show, as JSON, plus the stored objects of the kinds the agent reconciles.
///
/// - `GET /api/v1/status`: one row per GitRepository and Kustomization, failing first.
/// - `GET /api/v1/objects/<kind>[?namespace=…]`: the objects of one kind, as stored.
/// - `GET /api/v1/objects/<kind>/<namespace>/<name>`: one object.
/// - `GET /api/v1/events[?kind=&namespace=&name=&limit=]`: recent events, oldest first.
///
/// Unknown paths, kinds and objects answer 404 with `{"error": …}`. Only the agent's own kinds
/// are served — never Secrets or other objects of the cluster.
struct AgentAPI: Sendable {
    let cluster: any ClusterClient
    let events: EventLog

    /// The kinds served, by the names a caller may use (`kustomization`, `kustomizations`, `ks`).
    static let kinds: [(apiVersion: String, kind: String, names: [String])] = [
        (GitRepository.apiVersion, GitRepository.kind, ["gitrepository", "gitrepositories", "gitrepo"]),
        (Kustomization.apiVersion, Kustomization.kind, ["kustomization", "kustomizations", "ks"]),
        (Provider.apiVersion, Provider.kind, ["provider", "providers"]),
        (Alert.apiVersion, Alert.kind, ["alert", "alerts"]),
        (Receiver.apiVersion, Receiver.kind, ["receiver", "receivers"]),
    ]

    /// `gitops events` caps its output the same way.
    static let maxEvents = 1000

    var route: ServerRoute {
        ServerRoute("/api/v1/") { request in await self.handle(request) }
    }

    func handle(_ request: ServerRequest) async -> ServerResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return Self.error(405, "method \(request.method) not allowed: the API is read-only")
        }
        let parts = request.path.dropFirst("/api/v1/".count).split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let query = Self.query(request.query)
        do {
            switch parts.first {
            case "status" where parts.count == 1:
                return Self.json(StatusRows.json(try await StatusRows.collect(cluster)))
            case "events" where parts.count == 1:
                return try eventsAnswer(query)
            case "objects" where (2...4).contains(parts.count) && parts.count != 3:
                return try await objectsAnswer(kindName: parts[1], namespace: parts.count == 4 ? parts[2] : query["namespace"],
                                               name: parts.count == 4 ? parts[3] : nil)
            default:
                return Self.error(404, "no such API path: \(request.path)")
            }
        } catch {
            return Self.error(500, "\(error)")
        }
    }

    func objectsAnswer(kindName: String, namespace: String?, name: String?) async throws -> ServerResponse {
        guard let kind = Self.kinds.first(where: { $0.names.contains(kindName.lowercased()) }) else {
            let known = Self.kinds.map { $0.names[0] }.joined(separator: ", ")
            return Self.error(404, "unknown kind '\(kindName)': expected one of \(known)")
        }
        if let name, let namespace {
            guard let object = try await cluster.get(ObjectRef(apiVersion: kind.apiVersion, kind: kind.kind, namespace: namespace, name: name)) else {
                return Self.error(404, "\(kind.kind) \(namespace)/\(name) not found")
            }
            return Self.json(object.body)
        }
        let objects = try await cluster.list(ListQuery(apiVersion: kind.apiVersion, kind: kind.kind, namespace: namespace))
        return Self.json(["apiVersion": "v1", "kind": .string(kind.kind + "List"), "items": .array(objects.map(\.body))])
    }

    func eventsAnswer(_ query: [String: String]) throws -> ServerResponse {
        var limit = 100
        if let text = query["limit"] {
            guard let value = Int(text), value > 0 else { return Self.error(400, "limit '\(text)' is not a positive number") }
            limit = min(value, Self.maxEvents)
        }
        // Events name the kind as Flux does (`Kustomization`); accept the API's lowercase names too.
        let kind = query["kind"].map { name in Self.kinds.first { $0.names.contains(name.lowercased()) }?.kind ?? name }
        let recent = try events.recent(kind: kind, namespace: query["namespace"], name: query["name"], limit: limit)
        return Self.json(.array(recent.map(\.json)))
    }

    /// `a=1&b=x%2Fy` → ["a": "1", "b": "x/y"]; the last value of a repeated key wins.
    static func query(_ text: String?) -> [String: String] {
        var out: [String: String] = [:]
        for pair in (text ?? "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ") }
            guard let key = kv.first?.removingPercentEncoding, !key.isEmpty else { continue }
            let value = kv.count > 1 ? (kv[1].removingPercentEncoding ?? kv[1]) : ""
            if !value.isEmpty { out[key] = value }
        }
        return out
    }

    static func json(_ value: JSONValue, status: Int = 200) -> ServerResponse {
        ServerResponse(status: status, headers: [("Content-Type", "application/json")], body: Array((value.jsonString(sortedKeys: true) + "\n").utf8))
    }

    static func error(_ status: Int, _ message: String) -> ServerResponse {
        json(["error": .string(message)], status: status)
    }
}
