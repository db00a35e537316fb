import ArgumentParser
import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI

/// `gitops status`: every source and Kustomization at a glance, failing first.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every source and Kustomization: ready or not, revision, age of the last change, message.",
        discussion: "Reads the cluster directly, so it works whether or not the agent is running. Exit code 1 when something is not ready."
    )

    @OptionGroup var state: StateOptions
    @Option(name: .shortAndLong, help: "Output format: table or json.")
    var output: OutputFormat = .table

    func run() async throws {
        let cluster = try openCluster(state)
        let rows = try await StatusReport.collect(cluster)
        switch output {
        case .table: print(StatusReport.table(rows), terminator: "")
        case .json: print(StatusReport.json(rows).jsonString(sortedKeys: false))
        }
        if rows.contains(where: { $0.ready != "True" && !$0.suspended }) { throw ExitCode(1) }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// Opens the embedded cluster of a state directory, or explains how to start one.
func openCluster(_ state: StateOptions) throws -> EmbeddedCluster {
    let path = state.resolved + "/cluster.db"
    guard FileManager.default.fileExists(atPath: path) else {
        throw CLIError("no agent state in \(state.resolved): start the agent with `gitops run --url <repo> --path <dir>`, or pass --state-dir")
    }
    return try EmbeddedCluster(path: path)
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// One line of `gitops status`.
struct StatusRow: Sendable {
    var kind: String
    var namespace: String
    var name: String
    var ready: String
    var suspended: Bool
    var revision: String
    var lastTransition: String
    var reason: String
    var message: String
}

enum StatusReport {
    static let kinds: [(String, String, String)] = [
        (GitRepository.apiVersion, GitRepository.kind, "gitrepository"),
        (Kustomization.apiVersion, Kustomization.kind, "kustomization"),
    ]

    static func collect(_ cluster: any ClusterClient) async throws -> [StatusRow] {
        var rows: [StatusRow] = []
        for (apiVersion, kind, _) in kinds {
            for object in try await cluster.list(ListQuery(apiVersion: apiVersion, kind: kind)) {
                let conditions = Conditions(json: object.status?["conditions"])
                let ready = conditions[ConditionType.ready]
                let stale = (object.status?["observedGeneration"]?.intValue ?? 0) != object.generation
                let revision = object.status?[path: ["artifact", "revision"]]?.stringValue
                    ?? object.status?["lastAppliedRevision"]?.stringValue ?? ""
                rows.append(StatusRow(
                    kind: kind, namespace: object.namespace ?? "", name: object.name,
                    ready: ready.map { stale && $0.status == .true ? "Unknown" : $0.status.rawValue } ?? "Unknown",
                    suspended: object.body[path: ["spec", "suspend"]]?.boolValue ?? false,
                    revision: revision, lastTransition: ready?.lastTransitionTime ?? "",
                    reason: ready?.reason ?? "", message: ready?.message ?? (stale ? "reconciliation in progress" : "not reconciled yet")))
            }
        }
        // Failing first, then by kind, namespace and name.
        return rows.sorted { a, b in
            let fa = a.ready == "True" ? 1 : 0, fb = b.ready == "True" ? 1 : 0
            if fa != fb { return fa < fb }
            return (a.kind, a.namespace, a.name) < (b.kind, b.namespace, b.name)
        }
    }

    static func shortRevision(_ r: String) -> String {
        // main@sha1:0123456789abcdef… → main@sha1:0123456789ab
        guard let range = r.range(of: "sha1:") else { return r }
        let hex = r[range.upperBound...]
        return String(r[..<range.upperBound]) + hex.prefix(12)
    }

    static func table(_ rows: [StatusRow], now: Date = Date()) -> String {
        let header = ["KIND", "NAME", "READY", "REVISION", "AGE", "MESSAGE"]
        var lines: [[String]] = [header]
        for r in rows {
            let ready = r.suspended ? "\(r.ready) (suspended)" : r.ready
            let message = r.message.split(separator: "\n").joined(separator: " | ")
            lines.append(["\(r.kind.lowercased())", "\(r.namespace)/\(r.name)", ready, shortRevision(r.revision),
                          r.lastTransition.isEmpty ? "-" : Timestamp.age(of: r.lastTransition, now: now), message])
        }
        let widths = (0..<header.count - 1).map { i in lines.map { $0[i].count }.max() ?? 0 }
        var out = ""
        for line in lines {
            for i in 0..<header.count - 1 { out += line[i].padding(toLength: widths[i] + 2, withPad: " ", startingAt: 0) }
            out += line[header.count - 1] + "\n"
        }
        let ready = rows.filter { $0.ready == "True" }.count
        let suspended = rows.filter(\.suspended).count
        out += "\n\(ready)/\(rows.count) ready" + (suspended > 0 ? ", \(suspended) suspended" : "") + "\n"
        return out
    }

    static func json(_ rows: [StatusRow]) -> JSONValue {
        .array(rows.map { r in
            ["kind": .string(r.kind), "namespace": .string(r.namespace), "name": .string(r.name), "ready": .string(r.ready),
             "suspended": .bool(r.suspended), "revision": .string(r.revision), "lastTransitionTime": .string(r.lastTransition),
             "reason": .string(r.reason), "message": .string(r.message)]
        })
    }
}
