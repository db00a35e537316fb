import Cluster
import Foundation
import GitOpsAPI
import HelmStorage
import Runtime

extension ReleaseController {
    /// Writes the outcome as status (through the status subresource) and events, and returns
    /// when to run again: the interval when ready, backoff after a failure, never when stalled
    /// (a change to the HelmRelease or a user request wakes it).
    func commit(_ hr: HelmRelease, _ outcome: ReleaseOutcome) async -> Duration? {
        let key = ObjectKey(hr.object)
        let generation = hr.metadata.generation
        var status = outcome.status
        status.observedGeneration = generation
        if let requested = hr.object.annotations[Annotations.requestedAt] { status.lastHandledReconcileAt = requested }
        status.conditions.remove(ConditionType.reconciling)
        var next: Duration?
        switch outcome.result {
        case .ready(let reason, let message):
            status.conditions.remove(ConditionType.stalled)
            status.conditions.set(Condition(type: ConditionType.ready, status: .true, reason: reason, message: message, observedGeneration: generation))
            failures[key] = nil
            next = Backoff.jitter(hr.spec.interval.duration)
        case .failed(let reason, let message):
            status.conditions.remove(ConditionType.stalled)
            status.conditions.set(Condition(type: ConditionType.ready, status: .false, reason: reason, message: message, observedGeneration: generation))
            let count = (failures[key] ?? 0) + 1
            failures[key] = count
            next = Backoff.delay(base: hr.spec.interval.duration, failures: count, cap: max(settings.maxRetryDelay, hr.spec.interval.duration))
        case .waiting(let reason, let message):
            status.conditions.set(Condition(type: ConditionType.ready, status: .false, reason: reason, message: message, observedGeneration: generation))
            if hr.status.conditions[ConditionType.ready]?.message != message {
                events.record(hr.object, severity: .info, reason: reason, message: message, revision: outcome.chartVersion)
            }
            next = reason == Reason.dependencyNotReady ? settings.dependencyRequeue : min(hr.spec.interval.duration, .seconds(30))
        case .stalled(let reason, let message):
            let ready = status.conditions[ConditionType.released]?.message ?? message
            status.conditions.set(Condition(type: ConditionType.ready, status: .false, reason: reason, message: ready, observedGeneration: generation))
            status.conditions.set(Condition(type: ConditionType.stalled, status: .true, reason: reason, message: message, observedGeneration: generation))
            if hr.status.conditions[ConditionType.stalled]?.message != message {
                events.record(hr.object, severity: .error, reason: reason, message: message, revision: outcome.chartVersion)
            }
            next = nil
        }
        for (severity, reason, message) in outcome.events {
            events.record(hr.object, severity: severity, reason: reason, message: message, revision: outcome.chartVersion)
        }
        await writeStatus(hr.object, status)
        return next
    }

    func writeStatus(_ object: KubeObject, _ status: HelmReleaseStatus) async {
        do {
            // With the resourceVersion read, retried on a conflict.
            _ = try await cluster.updateStatus(of: object.ref, fieldManager: "gitops") { live in
                live.status = status.json
            }
        } catch {
            logger.error("could not write status", metadata: ["helmrelease": "\(ObjectKey(object))", "error": "\(error)"])
        }
    }

    /// An invalid spec: Ready=False and Stalled=True with the decoding error (which names the field).
    func setStalled(_ object: KubeObject, reason: String, message: String) async {
        var status = HelmReleaseStatus(json: object.status)
        let alreadyReported = status.conditions[ConditionType.stalled]?.message == message
        status.observedGeneration = object.generation
        status.conditions.set(Condition(type: ConditionType.ready, status: .false, reason: reason, message: message, observedGeneration: object.generation))
        status.conditions.set(Condition(type: ConditionType.stalled, status: .true, reason: reason, message: message, observedGeneration: object.generation))
        await writeStatus(object, status)
        if !alreadyReported { events.record(object, severity: .error, reason: reason, message: message) }
    }

    /// A deleted HelmRelease takes its release with it (`helm uninstall`), unless suspended.
    func finalize(_ object: KubeObject) async {
        guard let hr = try? HelmRelease(object), !hr.spec.suspend else { return }
        let location = Self.location(of: hr)
        let target = ReleaseTarget(releaseName: location.releaseName, namespace: location.namespace,
                                   owner: ObjectKey(object), timeout: hr.spec.timeout.duration, cluster: releaseCluster(hr))
        let store = ReleaseStore(cluster: target.cluster, namespace: location.storageNamespace)
        do {
            guard let latest = try await store.last(name: target.releaseName), latest.info.status != StoredRelease.Status.uninstalled else { return }
            try await uninstall(store: store, target: target, keepHistory: hr.spec.uninstall.keepHistory, disableHooks: hr.spec.uninstall.disableHooks)
            events.record(object, severity: .info, reason: Reason.uninstallSucceeded,
                          message: "Helm uninstall succeeded for release \(target.namespace)/\(target.releaseName)")
        } catch {
            logger.error("could not uninstall the release of a deleted HelmRelease", metadata: ["helmrelease": "\(ObjectKey(object))", "error": "\(error)"])
        }
    }
}

extension HelmRelease {
    var status: HelmReleaseStatus { HelmReleaseStatus(json: object.status) }
}
