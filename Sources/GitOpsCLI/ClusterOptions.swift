import Cluster
import EmbeddedCluster
import Foundation
import KubeClient
import KubeConfig

/// Which cluster a command talks to: the embedded one in the state directory (the default), or
/// a real API server — only ever when named with --kubeconfig, --context or --in-cluster.
struct ClusterSelection {
    var kubeconfig: String?
    var context: String?
    var inCluster: Bool

    var namesRealCluster: Bool { kubeconfig != nil || context != nil || inCluster }

    /// The connection to the named real cluster, nil for the embedded one.
    func connection(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ClusterConnection? {
        guard namesRealCluster else { return nil }
        if inCluster {
            guard kubeconfig == nil, context == nil else {
                throw CLIError("--in-cluster uses the pod's service account; drop --kubeconfig/--context, or drop --in-cluster")
            }
            return try KubeConfig.inCluster(environment: environment)
        }
        // --context alone uses $KUBECONFIG or ~/.kube/config, as kubectl does.
        return try KubeConfig.load(explicitPath: kubeconfig, environment: environment).resolve(context: context)
    }

    /// A short description for logs and `check`: the server and, when given, the context.
    static func describe(_ connection: ClusterConnection, context: String?) -> String {
        connection.server + (context.map { " (context \($0))" } ?? "")
    }
}

/// Opens the cluster a command works on: a real one when named, else the embedded cluster of
/// the state directory (explaining how to start one when there is none).
func openCluster(_ state: StateOptions) throws -> any ClusterClient {
    do {
        if let connection = try state.cluster.connection() {
            return KubeClient(connection: connection)
        }
    } catch let error as CLIError {
        throw error
    } catch {
        throw CLIError("\(error)")
    }
    let path = state.resolved + "/cluster.db"
    guard FileManager.default.fileExists(atPath: path) else {
        throw CLIError("no agent state in \(state.resolved): start the agent with `gitops run --url <repo> --path <dir>`, "
            + "pass --state-dir, or name a real cluster with --kubeconfig/--context")
    }
    return try EmbeddedCluster(path: path)
}
