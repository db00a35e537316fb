import Cluster
import Foundation
import GitOpsAPI
import Logging

/// Leader election through a `coordination.k8s.io/v1` Lease, as client-go's `leaderelection`
/// package does it: the holder renews `spec.renewTime` every `retryPeriod`; a candidate takes the
/// Lease over once it has seen the same record unchanged for `leaseDuration` (measured on its own
/// clock, never by comparing clocks across machines); every write is an optimistic update
/// guarded by `resourceVersion`, so two candidates never both win. A leader that cannot renew
/// within `renewDeadline` stops leading. On a graceful stop the leader releases the Lease
/// (empty holder, one-second duration) so a standby takes over at once.
public actor LeaderElection {
    public struct Settings: Sendable {
        public var namespace: String
        public var name: String
        public var identity: String
        public var leaseDuration: Duration = .seconds(15)
        public var renewDeadline: Duration = .seconds(10)
        public var retryPeriod: Duration = .seconds(2)

        public init(namespace: String, name: String, identity: String) {
            self.namespace = namespace
            self.name = name
            self.identity = identity
        }
    }

    /// Why `lead` returned.
    public enum Ending: Sendable, Equatable {
        /// The work finished or was cancelled; the Lease was released.
        case finished
        /// The Lease could not be renewed within `renewDeadline`, or another holder took it.
        case lost(String)
    }

    public let settings: Settings
    let cluster: any ClusterClient
    let logger = Logger(label: "leader-election")
    /// The last record seen and when (on this clock) it was first seen unchanged.
    private var observed: (holder: String, renewTime: String, transitions: Int, at: ContinuousClock.Instant)?

    public init(cluster: any ClusterClient, settings: Settings) {
        self.cluster = cluster
        self.settings = settings
    }

    static let leaseAPIVersion = "coordination.k8s.io/v1"
    var ref: ObjectRef { ObjectRef(apiVersion: Self.leaseAPIVersion, kind: "Lease", namespace: settings.namespace, name: settings.name) }

    /// Waits until this candidate holds the Lease, then runs `work` while renewing it. Returns
    /// when `work` returns (after releasing the Lease) or when leadership is lost (after
    /// cancelling `work`).
    public func lead(_ work: @escaping @Sendable () async -> Void) async -> Ending {
        while !Task.isCancelled {
            if await tryAcquireOrRenew() { break }
            try? await Task.sleep(for: settings.retryPeriod)
        }
        if Task.isCancelled { return .finished }
        logger.info("became leader", metadata: ["lease": "\(settings.namespace)/\(settings.name)", "identity": "\(settings.identity)"])
        let ending: Ending = await withTaskGroup(of: Ending?.self) { group in
            group.addTask { await work(); return .finished }
            group.addTask { await self.renewLoop() }
            let first = await group.next() ?? .finished
            group.cancelAll()
            return first ?? .finished
        }
        if ending == .finished { await release() }
        return ending
    }

    /// Renews every `retryPeriod` until cancelled; returns `.lost` when a renewal has not
    /// succeeded for `renewDeadline`, or nil when cancelled.
    func renewLoop() async -> Ending? {
        var lastRenewal = ContinuousClock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: settings.retryPeriod)
            if Task.isCancelled { return nil }
            if await tryAcquireOrRenew() {
                lastRenewal = .now
            } else if let holder = observed?.holder, holder != settings.identity, !holder.isEmpty {
                return .lost("the Lease \(settings.namespace)/\(settings.name) is now held by \(holder)")
            } else if ContinuousClock.now - lastRenewal > settings.renewDeadline {
                return .lost("could not renew the Lease \(settings.namespace)/\(settings.name) within \(settings.renewDeadline)")
            }
        }
        return nil
    }

    /// One attempt (client-go's `tryAcquireOrRenew`): true when this candidate holds the Lease
    /// after it.
    public func tryAcquireOrRenew() async -> Bool {
        let now = Self.microTime(Date())
        do {
            guard var lease = try await cluster.get(ref) else {
                var lease = KubeObject(apiVersion: Self.leaseAPIVersion, kind: "Lease", name: settings.name, namespace: settings.namespace)
                lease.body["spec"] = record(acquireTime: now, renewTime: now, transitions: 0)
                _ = try await cluster.create(lease, options: WriteOptions())
                observe(holder: settings.identity, renewTime: now, transitions: 0)
                return true
            }
            let spec = lease.body["spec"] ?? .object([:])
            let holder = spec["holderIdentity"]?.stringValue ?? ""
            let renewTime = spec["renewTime"]?.stringValue ?? ""
            let transitions = spec["leaseTransitions"]?.intValue ?? 0
            observe(holder: holder, renewTime: renewTime, transitions: transitions)
            let durationSeconds = spec["leaseDurationSeconds"]?.intValue ?? Int(settings.leaseDuration.components.seconds)
            let held = !holder.isEmpty && holder != settings.identity
            if held, let seen = observed?.at, ContinuousClock.now - seen < .seconds(durationSeconds) {
                return false
            }
            let acquiring = holder != settings.identity
            lease.body["spec"] = record(acquireTime: acquiring ? now : (spec["acquireTime"]?.stringValue ?? now), renewTime: now,
                                        transitions: acquiring && !holder.isEmpty ? transitions + 1 : transitions)
            _ = try await cluster.update(lease, options: WriteOptions())
            observe(holder: settings.identity, renewTime: now, transitions: transitions)
            if acquiring, !holder.isEmpty { logger.info("took over the Lease", metadata: ["from": "\(holder)"]) }
            return true
        } catch {
            // A conflict means another candidate wrote first; anything else is retried the same way.
            logger.debug("lease attempt failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Gives the Lease up so a standby need not wait for it to expire.
    public func release() async {
        guard var lease = try? await cluster.get(ref),
              lease.body[path: ["spec", "holderIdentity"]]?.stringValue == settings.identity else { return }
        let now = Self.microTime(Date())
        lease.body["spec"] = [
            "holderIdentity": "", "leaseDurationSeconds": 1, "acquireTime": .string(now), "renewTime": .string(now),
            "leaseTransitions": .int(lease.body[path: ["spec", "leaseTransitions"]]?.intValue ?? 0),
        ]
        _ = try? await cluster.update(lease, options: WriteOptions())
        logger.info("released the Lease", metadata: ["lease": "\(settings.namespace)/\(settings.name)"])
    }

    private func record(acquireTime: String, renewTime: String, transitions: Int) -> JSONValue {
        [
            "holderIdentity": .string(settings.identity),
            "leaseDurationSeconds": .int(Int(settings.leaseDuration.components.seconds)),
            "acquireTime": .string(acquireTime),
            "renewTime": .string(renewTime),
            "leaseTransitions": .int(transitions),
        ]
    }

    /// Remembers when the record last changed, on this machine's clock.
    private func observe(holder: String, renewTime: String, transitions: Int) {
        if let o = observed, o.holder == holder, o.renewTime == renewTime, o.transitions == transitions { return }
        observed = (holder, renewTime, transitions, .now)
    }

    /// `metav1.MicroTime`: RFC 3339 with microseconds, UTC.
    static func microTime(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let micros = Int((date.timeIntervalSince1970 - seconds) * 1_000_000)
        let base = Timestamp.format(Date(timeIntervalSince1970: seconds))
        return String(base.dropLast()) + String(format: ".%06dZ", micros)
    }
}
