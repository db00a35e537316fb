import ArgumentParser
import Cluster
import Foundation
import GitOpsAPI

/// `gitops reconcile kustomization NAME` / `gitops reconcile source git NAME`: asks the agent to
/// reconcile now (Flux's `reconcile.fluxcd.io/requestedAt` annotation) and waits for the result.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Reconcile an object now and wait for the result.",
        discussion: "For a Kustomization whose revision was rolled back, this tries that revision again.",
        subcommands: [KustomizationTarget.self, SourceTarget.self, ReleaseTarget.self]
    )

    struct KustomizationTarget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "kustomization", abstract: "Reconcile a Kustomization.", aliases: ["ks"])
        @OptionGroup var state: StateOptions
        @Argument var name: String
        @Option(name: .shortAndLong) var namespace = "flux-system"
        @Flag(name: .customLong("with-source"), help: "Reconcile its source first.") var withSource = false
        @Option(help: "How long to wait (Go duration).") var timeout = "5m"

        func run() async throws {
            let cluster = try openCluster(state)
            let ref = ObjectRef(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, namespace: namespace, name: name)
            guard let object = try await cluster.get(ref) else {
                throw CLIError("Kustomization '\(namespace)/\(name)' not found; `gitops get kustomizations -A` lists what exists")
            }
            if withSource, let source = try? Kustomization(object) {
                let sref = ObjectRef(apiVersion: GitRepository.apiVersion, kind: GitRepository.kind, namespace: source.spec.sourceRef.namespace, name: source.spec.sourceRef.name)
                try await Reconcile.request(sref, cluster: cluster, timeout: GoDuration(timeout)?.duration ?? .seconds(300))
            }
            try await Reconcile.request(ref, cluster: cluster, timeout: GoDuration(timeout)?.duration ?? .seconds(300))
        }
    }

    struct SourceTarget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "source", abstract: "Reconcile a source.", subcommands: [Git.self])

        struct Git: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "git", abstract: "Reconcile a GitRepository.")
            @OptionGroup var state: StateOptions
            @Argument var name: String
            @Option(name: .shortAndLong) var namespace = "flux-system"
            @Option(help: "How long to wait (Go duration).") var timeout = "5m"

            func run() async throws {
                let cluster = try openCluster(state)
                let ref = ObjectRef(apiVersion: GitRepository.apiVersion, kind: GitRepository.kind, namespace: namespace, name: name)
                try await Reconcile.request(ref, cluster: cluster, timeout: GoDuration(timeout)?.duration ?? .seconds(300))
            }
        }
    }
}

extension ReconcileCommand {
    /// `gitops reconcile release NAME`: requests a HelmRelease reconcile and waits for it.
    struct ReleaseTarget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "release", abstract: "Reconcile a HelmRelease.",
                                                        aliases: ["helmrelease", "hr"])
        @OptionGroup var state: StateOptions
        @Argument var name: String
        @Option(name: .shortAndLong) var namespace = "flux-system"
        @Option(help: "How long to wait (Go duration).") var timeout = "30s"

        func run() async throws {
            guard let wait = GoDuration(timeout) else { throw ValidationError("--timeout \(timeout): not a Go duration (e.g. 1m, 30s)") }
            let cluster = try openCluster(state)
            let ref = ObjectRef(apiVersion: HelmRelease.apiVersion, kind: HelmRelease.kind, namespace: namespace, name: name)
            guard try await cluster.get(ref) != nil else {
                throw CLIError("HelmRelease '\(namespace)/\(name)' not found; `gitops get releases -A` lists what exists")
            }
            try await Reconcile.request(ref, cluster: cluster, timeout: wait.duration)
        }
    }
}

enum Reconcile {
    /// Sets `reconcile.fluxcd.io/requestedAt` and waits until the agent reports it handled.
    /// - Parameter unhandled: what to say when nothing handled the request before the timeout.
    static func request(_ ref: ObjectRef, cluster: any ClusterClient, timeout: Duration, unhandled: String? = nil) async throws {
        guard var object = try await cluster.get(ref) else { throw CLIError("\(ref) not found; `gitops status` lists what exists") }
        let token = Timestamp.now() + "." + String(Int(Date().timeIntervalSince1970 * 1000) % 1000)
        object.setAnnotation(Annotations.requestedAt, token)
        object.body["status"] = nil
        _ = try await cluster.update(object, options: WriteOptions(fieldManager: "gitops-cli"))
        print("► annotating \(ref) in \(ref.namespace ?? "") namespace")
        print("◎ waiting for \(ref) reconciliation")
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            guard let current = try await cluster.get(ref) else { throw CLIError("\(ref) was deleted") }
            guard current.status?["lastHandledReconcileAt"]?.stringValue == token else { continue }
            let ready = Conditions(json: current.status?["conditions"])[ConditionType.ready]
            if ready?.status == .true {
                print("✔ \(ref) reconciled: \(ready?.message ?? "")")
                return
            }
            FileHandle.standardError.write(Data("✗ \(ref): \(ready?.reason ?? "NotReady"): \(ready?.message ?? "")\n".utf8))
            throw ExitCode(1)
        }
        throw CLIError(unhandled ?? "timed out after \(timeout) waiting for \(ref); is the agent running (`gitops run`)?", code: 1)
    }
}
