import Agent
import ArgumentParser
import Foundation

/// The `gitops` command line.
@available(macOS 14, *)
public struct GitOpsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gitops",
        abstract: "A GitOps reconciliation agent: Git to Kubernetes, with Flux's API.",
        discussion: "Exit codes: 0 ok, 1 not ready / drift / failure, 2 usage or environment error.",
        subcommands: [RunCommand.self, StatusCommand.self, GetCommand.self, ReconcileCommand.self, SuspendCommand.self,
                      ResumeCommand.self, DiffCommand.self, BuildCommand.self, TreeCommand.self, EventsCommand.self,
                      CheckCommand.self, InstallCommand.self, HistoryCommand.self, RollbackCommand.self, TemplateCommand.self, VersionCommand.self]
    )
    public init() {}

    /// Runs the command and maps errors to the documented exit codes: argument-parser's usage
    /// errors (64) become 2, a `CLIError` carries its own code, anything else is a failure (1).
    public static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            Foundation.exit(error.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code.rawValue == 1 && error is ExitCode {
                exit(withError: error)
            }
            // Usage errors (ValidationError, unknown flag or subcommand) print argument-parser's message.
            if code.rawValue == ExitCode.validationFailure.rawValue {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// A failure with a message telling the user what to do next, and the exit code it means:
/// 2 for usage or environment errors (no state, unknown object), 1 for failures.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var code: Int32
    init(_ message: String, code: Int32 = 2) {
        description = message
        self.code = code
    }
}

/// Options every command that reads the agent's state takes.
struct StateOptions: ParsableArguments {
    @Option(name: .customLong("state-dir"), help: ArgumentHelp("Where the agent keeps its embedded cluster and state (default: $GITOPS_STATE_DIR, else ~/.local/state/gitops).", valueName: "dir"))
    var stateDirectory: String?
    @Option(help: ArgumentHelp("Kubeconfig of a real cluster (else $KUBECONFIG or ~/.kube/config when --context is given).", valueName: "file"))
    var kubeconfig: String?
    @Option(help: ArgumentHelp("Context of the kubeconfig to use (default: its current-context).", valueName: "name"))
    var context: String?
    @Flag(name: .customLong("in-cluster"), help: "Use the pod's service account (inside a cluster).")
    var inCluster = false

    /// A real cluster only when one is named; else the embedded cluster of the state directory.
    var cluster: ClusterSelection { ClusterSelection(kubeconfig: kubeconfig, context: context, inCluster: inCluster) }

    var resolved: String {
        if let stateDirectory { return stateDirectory }
        if let env = ProcessInfoEnv.get("GITOPS_STATE_DIR"), !env.isEmpty { return env }
        return (ProcessInfoEnv.get("HOME") ?? ".") + "/.local/state/gitops"
    }
}

enum ProcessInfoEnv {
    static func get(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")
    static let version = AgentVersion.current
    func run() { print("gitops \(Self.version)") }
}
