import ArgumentParser
import Cluster
import Foundation
import GitOpsAPI
import KustomizeController
import YAML

/// `gitops diff kustomization NAME`: what applying the Kustomization now would change.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a Kustomization would change in the cluster.",
        subcommands: [KustomizationTarget.self]
    )

    struct KustomizationTarget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kustomization", abstract: "Diff a Kustomization's build against the cluster.",
            discussion: """
                Builds the Kustomization's source artifact with its spec, server-side dry-run applies \
                each object and prints a unified diff of live vs result, ignoring fields the server \
                sets (managedFields, resourceVersion, uid, creationTimestamp, generation, status). \
                Objects in the inventory that the build no longer has are shown as deleted when \
                prune is on. Exit code 1 when there is drift, 0 when none.
                """,
            aliases: ["ks"])
        @OptionGroup var state: StateOptions
        @Argument var name: String
        @Option(name: .shortAndLong) var namespace = "flux-system"

        func run() async throws {
            let cluster = try openCluster(state)
            let ks = try await loadKustomization(name, namespace: namespace, cluster: cluster)
            let objects = try await renderKustomization(ks, cluster: cluster)
            var drift = false
            var failures: [String] = []
            for object in objects {
                let live = try await cluster.get(object.ref)
                let result: ApplyResult
                do {
                    result = try await cluster.apply(object, options: ApplyOptions(fieldManager: "gitops", force: ks.spec.force, dryRun: true))
                } catch {
                    failures.append("\(object.id) dry-run failed: \(error)")
                    continue
                }
                let before = live.map { YAML.emit(Self.comparable($0)) } ?? ""
                let after = YAML.emit(Self.comparable(result.object))
                let diff = UnifiedDiff.render(old: before, new: after, oldName: live == nil ? "/dev/null" : "live/\(object.id)",
                                              newName: "merged/\(object.id)")
                if !diff.isEmpty {
                    drift = true
                    print(Self.colourise(diff), terminator: "")
                }
            }
            // What pruning would delete: in the inventory, not in the build.
            if ks.spec.prune {
                let built = Set(objects.map(\.id))
                for entry in ks.status.inventory where !built.contains(entry.id) {
                    let ref = ObjectRef(apiVersion: GroupVersion(group: entry.id.group, version: entry.version).apiVersion,
                                        kind: entry.id.kind, namespace: entry.id.namespace.isEmpty ? nil : entry.id.namespace, name: entry.id.name)
                    guard let live = try await cluster.get(ref) else { continue }
                    drift = true
                    print(Self.colourise(UnifiedDiff.render(old: YAML.emit(Self.comparable(live)), new: "",
                                                            oldName: "live/\(entry.id)", newName: "/dev/null")), terminator: "")
                }
            }
            for failure in failures { FileHandle.standardError.write(Data("✗ \(failure)\n".utf8)) }
            if !failures.isEmpty { throw ExitCode(1) }
            if drift { throw ExitCode(1) }
            FileHandle.standardError.write(Data("✔ no drift: the cluster matches \(ks.metadata.namespace)/\(ks.metadata.name)\n".utf8))
        }

        /// The object without what the server sets, so only intent is compared.
        static func comparable(_ object: KubeObject) -> JSONValue {
            var body = object.body
            for field in KubeObject.serverSetMetadata {
                body.set(["metadata", field], nil)
            }
            body.set(["status"], nil)
            return body
        }

        static func colourise(_ diff: String) -> String {
            guard Colour.enabled else { return diff }
            return diff.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                if line.hasPrefix("+") && !line.hasPrefix("+++") { return Colour.green(String(line)) }
                if line.hasPrefix("-") && !line.hasPrefix("---") { return Colour.red(String(line)) }
                return String(line)
            }.joined(separator: "\n")
        }
    }
}

/// The Kustomization NAME in NAMESPACE, or an error suggesting how to find it.
func loadKustomization(_ name: String, namespace: String, cluster: any ClusterClient) async throws -> Kustomization {
    let ref = ObjectRef(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, namespace: namespace, name: name)
    guard let object = try await cluster.get(ref) else {
        throw CLIError("Kustomization '\(namespace)/\(name)' not found; `gitops get kustomizations -A` lists what exists")
    }
    return try Kustomization(object)
}

/// What the Kustomization would apply, or why it cannot be built (exit 1: the build fails).
func renderKustomization(_ ks: Kustomization, cluster: any ClusterClient) async throws -> [KubeObject] {
    do {
        return try await KustomizeController.render(ks, cluster: cluster)
    } catch let error as RenderError {
        throw CLIError("Kustomization '\(ks.metadata.namespace)/\(ks.metadata.name)': \(error.message)", code: 1)
    }
}
