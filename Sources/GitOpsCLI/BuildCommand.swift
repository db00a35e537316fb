import ArgumentParser
import Foundation
import GitOpsAPI
import Kustomize
import YAML

/// `gitops build DIR`: what `kubectl kustomize DIR` prints, built natively.
/// `gitops build kustomization NAME`: what a Kustomization would apply (after substitution).
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a kustomization directory (like `kubectl kustomize DIR`), or what a Kustomization would apply.",
        discussion: """
            `gitops build DIR` builds a directory. `gitops build kustomization NAME [-n NS]` builds \
            the Kustomization's current source artifact with its spec (targetNamespace, patches, \
            images, commonMetadata, postBuild substitution) from the agent's state, as the agent \
            would apply it. Only the kustomization fields listed in the README are implemented so \
            far; others are refused by name.
            """
    )

    @Argument(help: ArgumentHelp("The directory to build, or `kustomization NAME`.", valueName: "DIR | kustomization NAME"))
    var arguments: [String]

    @Option(name: .customLong("load-restrictor"), help: "LoadRestrictionsRootOnly (default) or LoadRestrictionsNone.")
    var loadRestrictor = "LoadRestrictionsRootOnly"
    @OptionGroup var state: StateOptions
    @Option(name: .shortAndLong, help: "Namespace of the Kustomization.") var namespace = "flux-system"

    func validate() throws {
        guard !arguments.isEmpty else { throw ValidationError("missing DIR (or `kustomization NAME`)") }
        if isKustomization {
            guard arguments.count == 2 else { throw ValidationError("usage: gitops build kustomization NAME [-n NAMESPACE]") }
        } else if arguments.count > 1 {
            throw ValidationError("build takes one directory, or `kustomization NAME`")
        }
    }

    /// A first argument `kustomization` (or `ks`) names the subcommand, unless a directory of that name exists and nothing follows.
    var isKustomization: Bool {
        ["kustomization", "ks"].contains(arguments.first ?? "") && !(arguments.count == 1 && FileManager.default.fileExists(atPath: arguments[0]))
    }

    func run() async throws {
        if isKustomization {
            let cluster = try openCluster(state)
            let ks = try await loadKustomization(arguments[1], namespace: namespace, cluster: cluster)
            let objects = try await renderKustomization(ks, cluster: cluster)
            FileHandle.standardOutput.write(Data(YAML.emitDocuments(objects.map(\.body)).utf8))
            return
        }
        let dir = URL(fileURLWithPath: arguments[0]).standardizedFileURL.path
        guard let restrictor = Builder.LoadRestrictor(rawValue: loadRestrictor) else {
            throw ValidationError("--load-restrictor must be LoadRestrictionsRootOnly or LoadRestrictionsNone")
        }
        let builder = Builder(root: "/", loadRestrictor: restrictor)
        do {
            let objects = try builder.build(dir)
            FileHandle.standardOutput.write(Data(YAML.emitDocuments(objects.map(\.body)).utf8))
        } catch {
            throw CLIError("\(error)", code: 1)
        }
    }
}
