import Foundation
import GitOpsAPI

/// Assesses live objects through a cluster and, for workloads that are not ready, finds the
/// reason a person would look up next: their pods' waiting reasons (ImagePullBackOff and the
/// image, CrashLoopBackOff, …).
public struct HealthChecker: Sendable {
    let cluster: any ClusterClient

    public init(cluster: any ClusterClient) { self.cluster = cluster }

    public func assess(_ ref: ObjectRef) async throws -> HealthResult {
        guard let object = try await cluster.get(ref) else {
            return HealthResult(.notFound, "\(ref) not found")
        }
        var result = Health.assess(object)
        if result.status != .current, ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"].contains(object.kind) {
            let reasons = try await podReasons(for: object)
            if !reasons.isEmpty { result.message += "; " + reasons.joined(separator: "; ") }
        }
        return result
    }

    /// Waiting reasons of the pods a workload selects (deduplicated).
    func podReasons(for workload: KubeObject) async throws -> [String] {
        guard let match = workload.body[path: ["spec", "selector", "matchLabels"]]?.objectValue, !match.isEmpty else { return [] }
        let selector = match.compactMap { k, v in v.stringValue.map { "\(k)=\($0)" } }.sorted().joined(separator: ",")
        let pods = try await cluster.list(ListQuery(apiVersion: "v1", kind: "Pod", namespace: workload.namespace, labelSelector: selector))
        var seen = Set<String>(), out: [String] = []
        for pod in pods {
            for w in Health.waitingReasons(of: pod) {
                let key = "\(w.container)|\(w.reason)|\(w.image)"
                if seen.insert(key).inserted { out.append("pod \(pod.name): \(w.summary)") }
            }
        }
        return out
    }
}

/// Why objects did not all become healthy in time, worded for Flux-style messages.
public struct HealthWaitFailure: Error, Sendable, CustomStringConvertible {
    /// `5.2s`
    public var elapsed: String
    /// `[Deployment/apps/web: …; …]` or `timeout waiting for: […]`
    public var details: String

    /// `after 5.2s: [Deployment/apps/web: Progress deadline exceeded; …]`
    public var afterElapsed: String { "after \(elapsed): \(details)" }
    /// `health check failed after 5.2s: […]`
    public var description: String { "health check failed \(afterElapsed)" }
}

extension HealthChecker {
    /// Polls every object until all are Current (kstatus), at most `timeout`.
    /// - Returns: nil when healthy; else each failing object and why (for workloads, their
    ///   pods' waiting reasons), stopping early when one has Failed.
    public func waitUntilCurrent(_ refs: [ObjectRef], timeout: Duration, poll: Duration) async throws -> HealthWaitFailure? {
        var pending = refs
        guard !pending.isEmpty else { return nil }
        let started = ContinuousClock.now
        var last: [ObjectRef: HealthResult] = [:]
        while true {
            var still: [ObjectRef] = [], failed: [String] = []
            for ref in pending {
                let result = try await assess(ref)
                last[ref] = result
                switch result.status {
                case .current: continue
                case .failed: failed.append("\(ref): \(result.message)")
                default: still.append(ref)
                }
            }
            let seconds = ContinuousClock.now - started
            let elapsed = String(format: "%.1fs", Double(seconds.components.seconds) + Double(seconds.components.attoseconds) / 1e18)
            if !failed.isEmpty { return HealthWaitFailure(elapsed: elapsed, details: "[\(failed.joined(separator: "; "))]") }
            pending = still
            if pending.isEmpty { return nil }
            if seconds >= timeout {
                let waiting = pending.map { "\($0) status: '\(last[$0]?.status.rawValue ?? "Unknown")': \(last[$0]?.message ?? "")" }
                return HealthWaitFailure(elapsed: elapsed, details: "timeout waiting for: [\(waiting.joined(separator: "; "))]")
            }
            try await Task.sleep(for: poll)
        }
    }
}
