import ArgumentParser
import Foundation
import Kustomize
import YAML

/// `gitops build DIR`: what `kubectl kustomize DIR` prints, built natively.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a kustomization directory and print the objects (like `kubectl kustomize DIR`).",
        discussion: "Only the kustomization fields listed in the README are implemented so far; others are refused by name."
    )

    @Argument(help: "The directory to build.") var directory: String
    @Option(name: .customLong("load-restrictor"), help: "LoadRestrictionsRootOnly (default) or LoadRestrictionsNone.")
    var loadRestrictor = "LoadRestrictionsRootOnly"

    func run() throws {
        let dir = URL(fileURLWithPath: directory).standardizedFileURL.path
        guard let restrictor = Builder.LoadRestrictor(rawValue: loadRestrictor) else {
            throw ValidationError("--load-restrictor must be LoadRestrictionsRootOnly or LoadRestrictionsNone")
        }
        let builder = Builder(root: "/", loadRestrictor: restrictor)
        do {
            let objects = try builder.build(dir)
            FileHandle.standardOutput.write(Data(YAML.emitDocuments(objects.map(\.body)).utf8))
        } catch {
            throw CLIError("\(error)")
        }
    }
}
