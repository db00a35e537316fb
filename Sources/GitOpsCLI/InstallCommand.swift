import Agent
import ArgumentParser
import Foundation
import YAML

/// `gitops install`: the manifests that run the agent in a cluster.
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Print the manifests that run the agent in a cluster (apply them with kubectl apply -f -).",
        discussion: """
            Namespace, the CustomResourceDefinitions of the seven kinds, a ServiceAccount with its \
            ClusterRole and bindings, a Role for the leader-election Lease, the Deployment (two \
            replicas electing a leader, probes on /healthz and /readyz) and a Service for \
            receivers' hooks and /metrics. `--crds-only` prints just the CRDs.
            """
    )

    @Option(name: .shortAndLong, help: "Namespace of the agent.") var namespace = "gitops-system"
    @Option(help: "Container image of the agent.") var image = InstallManifests.Options().image
    @Option(help: "Replicas (they elect one leader).") var replicas = 2
    @Flag(name: .customLong("crds-only"), help: "Print only the CustomResourceDefinitions.") var crdsOnly = false
    @Flag(name: .customLong("no-cluster-admin"),
          help: "Do not bind cluster-admin: grant only what the agent itself needs; bind what your repository applies yourself.")
    var noClusterAdmin = false
    @Option(name: .customLong("watch-label-selector"), help: "Make this installation a shard (e.g. sharding.fluxcd.io/key=shard1).")
    var watchLabelSelector: String?

    func validate() throws {
        guard replicas >= 1 else { throw ValidationError("--replicas must be at least 1") }
    }

    func run() throws {
        var options = InstallManifests.Options()
        options.namespace = namespace
        options.image = image
        options.replicas = replicas
        options.clusterAdmin = !noClusterAdmin
        options.watchLabelSelector = watchLabelSelector
        let objects = crdsOnly ? InstallManifests.crds() : InstallManifests.all(options)
        FileHandle.standardOutput.write(Data(YAML.emitDocuments(objects.map(\.body)).utf8))
    }
}
