import ArgumentParser
import EmbeddedCluster
import Foundation
import KubeAPIServer

/// `gitops-apiserver`: a Kubernetes API server on loopback (the embedded cluster behind the
/// documented REST API), with a kubeconfig for it. For benchmarks of the real-cluster path and
/// for trying `gitops run --kubeconfig` without a cluster. Not a Kubernetes distribution: no
/// controllers but the optional workload simulator, no admission, plain HTTP on 127.0.0.1.
@main
struct APIServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gitops-apiserver",
        abstract: "Serve an embedded cluster through the Kubernetes REST API on 127.0.0.1 (benchmarks, local trials)."
    )

    @Option(help: "SQLite file of the cluster (created if missing).") var database: String
    @Option(help: "Port on 127.0.0.1 (0: any free port).") var port = 0
    @Option(help: "Write a kubeconfig for this server here.") var kubeconfig: String?
    @Option(name: .customLong("request-log"), help: "Append one line per request here: METHOD PATH?QUERY.") var requestLog: String?
    @Flag(help: "Run the workload simulator (Deployments become available, …), as a cluster's controllers would.") var simulate = false

    func run() async throws {
        let cluster = try EmbeddedCluster(path: database)
        let server = KubeAPIServer(cluster: cluster)
        let url = try await server.start(port: port)
        if let kubeconfig {
            try """
                apiVersion: v1
                kind: Config
                clusters:
                - name: loopback
                  cluster:
                    server: \(url)
                users:
                - name: loopback
                  user: {}
                contexts:
                - name: loopback
                  context:
                    cluster: loopback
                    user: loopback
                current-context: loopback

                """.write(toFile: kubeconfig, atomically: true, encoding: .utf8)
        }
        FileHandle.standardOutput.write(Data("listening on \(url)\n".utf8))
        let log = try requestLog.map { path -> FileHandle in
            FileManager.default.createFile(atPath: path, contents: nil)
            return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        }
        let simulator = simulate ? WorkloadSimulator(cluster: cluster, progressDeadline: .seconds(10)) : nil
        var written = 0
        while !Task.isCancelled {
            _ = try? simulator?.step()
            if let log {
                let requests = server.requests
                if requests.count > written {
                    let lines = requests[written...].map { "\($0.method) \($0.path)" + ($0.query.map { "?" + $0 } ?? "") + "\n" }
                    log.write(Data(lines.joined().utf8))
                    written = requests.count
                }
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
