import Agent
import ArgumentParser
import Cluster
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


enum StatusReport {
    /// The shared rows (Agent's `StatusRows`), for the CLI's kinds.
    static func collect(_ cluster: any ClusterClient, namespace: String?, kinds: [FluxKind] = FluxKind.all) async throws -> [StatusRow] {
        try await StatusRows.collect(cluster, namespace: namespace,
                                     kinds: kinds.map { StatusRows.Kind(apiVersion: $0.apiVersion, kind: $0.kind, hasReady: $0.hasReady) })
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

    static func json(_ rows: [StatusRow]) -> JSONValue { StatusRows.json(rows) }
}
