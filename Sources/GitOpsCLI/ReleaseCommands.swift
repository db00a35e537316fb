import ArgumentParser
import Cluster
import Curl
import Foundation
import GitOpsAPI
import HelmStorage
import ReleaseController
import Runtime

/// Loads a HelmRelease for the release commands, or says how to find one.
private func loadRelease(_ state: StateOptions, name: String, namespace: String) async throws -> (any ClusterClient, HelmRelease) {
    let cluster = try openCluster(state)
    let ref = ObjectRef(apiVersion: HelmRelease.apiVersion, kind: HelmRelease.kind, namespace: namespace, name: name)
    guard let object = try await cluster.get(ref) else {
        throw CLIError("HelmRelease '\(namespace)/\(name)' not found; `gitops get releases -A` lists what exists")
    }
    do { return (cluster, try HelmRelease(object)) } catch { throw CLIError("\(error)", code: 1) }
}

/// `gitops history release NAME`: the Helm revisions of a HelmRelease, as `helm history` prints them.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show the Helm revisions of a HelmRelease (like `helm history`).",
        subcommands: [Release.self])

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "release", abstract: "Show a HelmRelease's revisions.",
                                                        aliases: ["helmrelease", "hr"])
        @OptionGroup var state: StateOptions
        @Argument var name: String
        @Option(name: .shortAndLong) var namespace = "flux-system"
        @Option(name: .shortAndLong, help: "table, json or yaml.") var output: OutputFormat = .table

        func run() async throws {
            let (cluster, hr) = try await loadRelease(state, name: name, namespace: namespace)
            let location = ReleaseController.location(of: hr)
            let records = try await ReleaseStore(cluster: cluster, namespace: location.storageNamespace).history(name: location.releaseName)
            guard !records.isEmpty else {
                throw CLIError("release \(location.releaseName) has no revisions in namespace \(location.storageNamespace) yet", code: 1)
            }
            switch output {
            case .table:
                var table = TextTable(header: ["REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION"], readyColumn: nil)
                for r in records {
                    let chart = "\(r.chart?.metadata?.name ?? "")-\(r.chart?.metadata?.version ?? "")"
                    table.rows.append([String(r.version), r.info.lastDeployed.map { Timestamp.format($0.date) } ?? "",
                                       r.info.status.rawValue, chart, r.chart?.metadata?.appVersion ?? "", r.info.description])
                }
                print(table.render(), terminator: "")
            case .json, .yaml:
                printStructured(.array(records.map { r in
                    ["revision": .int(r.version), "updated": .string(r.info.lastDeployed.map { Timestamp.format($0.date) } ?? ""),
                     "status": .string(r.info.status.rawValue), "chart": .string("\(r.chart?.metadata?.name ?? "")-\(r.chart?.metadata?.version ?? "")"),
                     "app_version": .string(r.chart?.metadata?.appVersion ?? ""), "description": .string(r.info.description)]
                }), output)
            }
        }
    }
}

/// `gitops rollback release NAME [--to N]`: suspends the HelmRelease (so the agent does not
/// apply Git's version again) and rolls the Helm release back, as `helm rollback` does.
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback", abstract: "Roll a HelmRelease's Helm release back to an earlier revision (and suspend it).",
        subcommands: [Release.self])

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "release", abstract: "Roll a HelmRelease back.",
            discussion: """
                The HelmRelease is suspended first, as `flux suspend hr` would: Git still says the newer \
                version, and the agent would apply it again. Resume it (`gitops resume hr NAME`) once \
                Git is fixed.
                """, aliases: ["helmrelease", "hr"])
        @OptionGroup var state: StateOptions
        @Argument var name: String
        @Option(name: .shortAndLong) var namespace = "flux-system"
        @Option(help: "The revision to roll back to (default: the previous one).") var to: Int?

        func run() async throws {
            let (cluster, hr) = try await loadRelease(state, name: name, namespace: namespace)
            if !hr.spec.suspend {
                try await Suspension.set(true, hr.ref, cluster: cluster)
                print("► suspended HelmRelease \(namespace)/\(name)")
            }
            let events = try EventLog(path: FileManager.default.fileExists(atPath: state.resolved) && !state.cluster.namesRealCluster
                                      ? state.resolved + "/events.db" : NSTemporaryDirectory() + "/gitops-cli-events-\(getpid()).db")
            let controller = ReleaseController(cluster: cluster, events: events, http: CurlClient(maxConcurrent: 1))
            do {
                let record = try await controller.rollback(hr, to: to)
                print("✔ rolled back: revision \(record.version) (\(record.info.description)); the HelmRelease stays suspended until `gitops resume hr \(name) -n \(namespace)`")
            } catch {
                throw CLIError("rollback of HelmRelease \(namespace)/\(name) failed: \(error)", code: 1)
            }
        }
    }
}
