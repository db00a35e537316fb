import ArgumentParser
import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI

/// `gitops status`: every Flux object at a glance, failing first, with what failed and why.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every source, Kustomization, HelmRelease, Provider, Alert and Receiver: ready or not, revision, age, message.",
        discussion: """
            Reads the cluster directly, so it works whether or not the agent is running. A failing \
            object's Ready message (for a Kustomization: the objects that failed and why) is printed \
            under its row. Exit code 1 when something that is not suspended is not ready.
            """
    )

    @OptionGroup var state: StateOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let cluster = try openCluster(state)
        let rows = try await StatusReport.collect(cluster, namespace: listing.scope(defaultNamespace: nil))
        switch listing.output {
        case .table: print(StatusReport.table(rows), terminator: "")
        case .json, .yaml: printStructured(StatusReport.json(rows), listing.output)
        }
        if rows.contains(where: \.failing) { throw ExitCode(1) }
    }
}

/// Opens the embedded cluster of a state directory, or explains how to start one.
func openCluster(_ state: StateOptions) throws -> EmbeddedCluster {
    let path = state.resolved + "/cluster.db"
    guard FileManager.default.fileExists(atPath: path) else {
        throw CLIError("no agent state in \(state.resolved): start the agent with `gitops run --url <repo> --path <dir>`, or pass --state-dir")
    }
    return try EmbeddedCluster(path: path)
}

/// One Flux object as `status` and `get` show it.
struct StatusRow: Sendable {
    var kind: String
    var namespace: String
    var name: String
    /// True, False, Unknown, or Configured for kinds without a Ready condition.
    var ready: String
    var suspended: Bool
    var revision: String
    var lastTransition: String
    var reason: String
    var message: String

    /// Not ready and not suspended: what `status` puts first and exits 1 for.
    var failing: Bool { !suspended && ready != "True" && ready != "Configured" }

    init(_ object: KubeObject, kind: FluxKind) {
        let conditions = Conditions(json: object.status?["conditions"])
        let ready = conditions[ConditionType.ready]
        let stale = (object.status?["observedGeneration"]?.intValue ?? 0) != object.generation
        self.kind = kind.kind
        namespace = object.namespace ?? ""
        name = object.name
        suspended = object.body[path: ["spec", "suspend"]]?.boolValue ?? false
        revision = object.status?[path: ["artifact", "revision"]]?.stringValue
            ?? object.status?["lastAppliedRevision"]?.stringValue ?? object.status?["lastAttemptedRevision"]?.stringValue ?? ""
        lastTransition = ready?.lastTransitionTime ?? object.creationTimestamp ?? ""
        reason = ready?.reason ?? ""
        if !kind.hasReady {
            self.ready = "Configured"
            message = suspended ? "suspended" : "configured"
        } else {
            self.ready = ready.map { stale && $0.status == .true ? "Unknown" : $0.status.rawValue } ?? "Unknown"
            if let ready {
                message = ready.message
            } else if kind == .helmRelease {
                // Say why nothing happens rather than suggest something is under way.
                message = "not reconciled: the Release component (helm-controller) is not implemented yet"
            } else {
                message = stale && object.status?["observedGeneration"] != nil ? "reconciliation in progress" : "not reconciled yet"
            }
        }
    }
}

enum StatusReport {
    static func collect(_ cluster: any ClusterClient, namespace: String?, kinds: [FluxKind] = FluxKind.all) async throws -> [StatusRow] {
        var rows: [StatusRow] = []
        for kind in kinds {
            for object in try await cluster.list(ListQuery(apiVersion: kind.apiVersion, kind: kind.kind, namespace: namespace)) {
                rows.append(StatusRow(object, kind: kind))
            }
        }
        let order = FluxKind.all.map(\.kind)
        // Failing first, then by kind (status's order), namespace and name.
        return rows.sorted { a, b in
            if a.failing != b.failing { return a.failing }
            let ka = order.firstIndex(of: a.kind) ?? 0, kb = order.firstIndex(of: b.kind) ?? 0
            return (ka, a.namespace, a.name) < (kb, b.namespace, b.name)
        }
    }

    static func shortRevision(_ r: String) -> String {
        // main@sha1:0123456789abcdef… → main@sha1:0123456789ab
        guard let range = r.range(of: "sha1:") else { return r }
        let hex = r[range.upperBound...]
        return String(r[..<range.upperBound]) + hex.prefix(12)
    }

    static func table(_ rows: [StatusRow], now: Date = Date()) -> String {
        var table = TextTable(header: ["KIND", "NAME", "READY", "REVISION", "AGE", "MESSAGE"], readyColumn: 2)
        for r in rows {
            let ready = r.suspended ? "\(r.ready) (suspended)" : r.ready
            // A failing row shows its reason; the full message goes under it, wrapped.
            let messageLines = r.message.split(separator: "\n")
            let summary = r.failing && (messageLines.count > 1 || r.message.count > 60) ? r.reason : messageLines.joined(separator: " | ")
            if r.failing && summary == r.reason { table.details[table.rows.count] = wrapped(r.message) }
            table.rows.append([r.kind.lowercased(), "\(r.namespace)/\(r.name)", ready, shortRevision(r.revision),
                               r.lastTransition.isEmpty ? "-" : Timestamp.age(of: r.lastTransition, now: now), summary])
        }
        let ready = rows.filter { !$0.failing && !$0.suspended }.count
        let failing = rows.filter(\.failing).count
        let suspended = rows.filter(\.suspended).count
        var summary = "\n\(ready)/\(rows.count) ready"
        if failing > 0 { summary += ", " + Colour.red("\(failing) failing") }
        if suspended > 0 { summary += ", \(suspended) suspended" }
        return table.render() + summary + "\n"
    }

    static func json(_ rows: [StatusRow]) -> JSONValue {
        .array(rows.map { r in
            ["kind": .string(r.kind), "namespace": .string(r.namespace), "name": .string(r.name), "ready": .string(r.ready),
             "suspended": .bool(r.suspended), "revision": .string(r.revision), "lastTransitionTime": .string(r.lastTransition),
             "reason": .string(r.reason), "message": .string(r.message)]
        })
    }
}
