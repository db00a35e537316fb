import ArgumentParser

/// The `gitops` command line.
@available(macOS 14, *)
public struct GitOpsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gitops",
        abstract: "A GitOps reconciliation agent: Git to Kubernetes, with Flux's API.",
        subcommands: [RunCommand.self, StatusCommand.self, ReconcileCommand.self, EventsCommand.self, BuildCommand.self, VersionCommand.self]
    )
    public init() {}
}

/// Options every command that reads the agent's state takes.
struct StateOptions: ParsableArguments {
    @Option(name: .customLong("state-dir"), help: ArgumentHelp("Where the agent keeps its embedded cluster and state (default: $GITOPS_STATE_DIR, else ~/.local/state/gitops).", valueName: "dir"))
    var stateDirectory: String?

    var resolved: String {
        if let stateDirectory { return stateDirectory }
        if let env = ProcessInfoEnv.get("GITOPS_STATE_DIR"), !env.isEmpty { return env }
        return (ProcessInfoEnv.get("HOME") ?? ".") + "/.local/state/gitops"
    }
}

import Foundation

enum ProcessInfoEnv {
    static func get(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")
    static let version = "0.1.0"
    func run() { print("gitops \(Self.version)") }
}
