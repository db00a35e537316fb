import ArgumentParser
import Cluster
import Foundation
import GitOpsAPI

/// `gitops suspend KIND NAME`: sets `spec.suspend: true`, so the agent leaves the object alone.
struct SuspendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suspend",
        abstract: "Suspend reconciliation of an object (spec.suspend: true).",
        discussion: "KIND is one of: \(FluxKind.spellings)."
    )
    @OptionGroup var target: TargetOptions

    func run() async throws {
        let (cluster, ref) = try await target.resolve()
        try await Suspension.set(true, ref, cluster: cluster)
        print("✔ \(ref.kind) \(ref.namespace ?? "")/\(ref.name) suspended")
    }
}

/// `gitops resume KIND NAME`: clears `spec.suspend`, then requests a reconcile and waits for it.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume reconciliation of an object, then reconcile it now and wait for the result.",
        discussion: "KIND is one of: \(FluxKind.spellings)."
    )
    @OptionGroup var target: TargetOptions
    @Option(help: "How long to wait (Go duration).") var timeout = "5m"

    func run() async throws {
        guard let wait = GoDuration(timeout) else { throw ValidationError("--timeout \(timeout): not a Go duration (e.g. 1m, 30s)") }
        let (cluster, ref) = try await target.resolve()
        try await Suspension.set(false, ref, cluster: cluster)
        print("► \(ref.kind) \(ref.namespace ?? "")/\(ref.name) resumed")
        // Providers and Alerts have no Ready condition to wait for.
        guard FluxKind.named(ref.kind)?.hasReady ?? true else { return }
        try await Reconcile.request(ref, cluster: cluster, timeout: wait.duration)
    }
}

/// KIND NAME [-n NAMESPACE], resolved to an object that exists.
struct TargetOptions: ParsableArguments {
    @OptionGroup var state: StateOptions
    @Argument(help: "The kind: kustomization (ks), source git, source helm, helmrelease (hr), provider, alert, receiver.")
    var kind: String
    @Argument(help: "The name (after `git`/`helm` for sources).") var names: [String] = []
    @Option(name: .shortAndLong, help: "Namespace.") var namespace = "flux-system"

    func validate() throws { _ = try parsed() }

    /// `source git NAME` takes two words; every other kind one.
    func parsed() throws -> (FluxKind, String) {
        var words = names
        var kindWord = kind
        if ["source", "sources"].contains(kind.lowercased()), let sub = words.first {
            kindWord = sub
            words.removeFirst()
        }
        guard let kind = FluxKind.named(kindWord) else {
            throw ValidationError("unknown kind '\(kindWord)': use one of \(FluxKind.spellings)")
        }
        guard words.count == 1 else { throw ValidationError("expected KIND NAME, e.g. `kustomization apps`") }
        return (kind, words[0])
    }

    func resolve() async throws -> (any ClusterClient, ObjectRef) {
        let (kind, name) = try parsed()
        let cluster = try openCluster(state)
        let ref = ObjectRef(apiVersion: kind.apiVersion, kind: kind.kind, namespace: namespace, name: name)
        guard try await cluster.get(ref) != nil else {
            throw CLIError("\(kind.kind) '\(namespace)/\(name)' not found; `gitops get \(kind.command) -A` lists what exists")
        }
        return (cluster, ref)
    }
}

enum Suspension {
    /// Writes `spec.suspend` through an update, as `flux suspend` patches it.
    static func set(_ suspend: Bool, _ ref: ObjectRef, cluster: any ClusterClient) async throws {
        guard var object = try await cluster.get(ref) else { throw CLIError("\(ref) was deleted") }
        object.body.set(["spec", "suspend"], suspend ? .bool(true) : nil)
        object.body["status"] = nil
        _ = try await cluster.update(object, options: WriteOptions(fieldManager: "gitops-cli"))
    }
}
