import ArgumentParser

/// The `gitops` command line.
public struct GitOpsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gitops",
        abstract: "A GitOps reconciliation agent: Git to Kubernetes, Flux's API."
    )
    public init() {}
}
