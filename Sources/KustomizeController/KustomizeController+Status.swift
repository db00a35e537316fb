import Cluster
import Foundation
import GitOpsAPI
import Runtime

extension KustomizeController {
    /// Writes the outcome as status (through the status subresource) and events, and returns
    /// when to run again: the interval after success, backoff after failure, never for a
    /// revision that was rolled back (a new revision or a user request wakes it).
    func commit(_ ks: Kustomization, _ outcome: Outcome) async -> Duration? {
        let key = ObjectKey(namespace: ks.metadata.namespace, name: ks.metadata.name)
        let generation = ks.metadata.generation
        let previous = ks.status
        var next: Duration?
        await updateStatus(ks) { status in
            status.observedGeneration = generation
            if let requested = ks.requestedAt { status.lastHandledReconcileAt = requested }
            if let revision = outcome.revision { status.lastAttemptedRevision = revision }
            status.conditions.remove(ConditionType.reconciling)
            switch outcome.result {
            case .succeeded:
                status.lastAppliedRevision = outcome.revision
                status.lastAppliedArtifact = outcome.appliedArtifact
                status.rollback = nil
                status.conditions.remove(ConditionType.stalled)
                status.conditions.set(Condition(type: ConditionType.ready, status: .true, reason: Reason.reconciliationSucceeded,
                                                message: "Applied revision: \(outcome.revision ?? "")", observedGeneration: generation))
                if outcome.healthChecked {
                    status.conditions.set(Condition(type: ConditionType.healthy, status: .true, reason: Reason.succeeded,
                                                    message: "Health check passed", observedGeneration: generation))
                }
                if let drift = outcome.drift, !drift.isEmpty {
                    status.conditions.set(Condition(type: ConditionType.drifted, status: .true, reason: Reason.driftDetected,
                                                    message: Self.driftMessage(drift), observedGeneration: generation))
                } else if ks.spec.driftMode == .warn {
                    status.conditions.set(Condition(type: ConditionType.drifted, status: .false, reason: Reason.noDriftDetected,
                                                    message: "No object differs from revision \(outcome.revision ?? "")", observedGeneration: generation))
                } else {
                    status.conditions.remove(ConditionType.drifted)
                }
            case .rolledBack(let record), .heldBack(let record):
                if let applied = outcome.appliedArtifact {
                    status.lastAppliedRevision = applied.revision
                    status.lastAppliedArtifact = applied
                }
                status.rollback = record
                status.conditions.set(Condition(type: ConditionType.ready, status: .false, reason: Reason.healthCheckFailed,
                                                message: record.message, observedGeneration: generation))
                status.conditions.set(Condition(type: ConditionType.healthy, status: .false, reason: Reason.healthCheckFailed,
                                                message: record.message, observedGeneration: generation))
            case .failed(let reason, let message), .waiting(let reason, let message):
                status.conditions.set(Condition(type: ConditionType.ready, status: .false, reason: reason, message: message,
                                                observedGeneration: generation))
                if reason == Reason.healthCheckFailed {
                    status.conditions.set(Condition(type: ConditionType.healthy, status: .false, reason: reason, message: message,
                                                    observedGeneration: generation))
                }
            }
        }

        switch outcome.result {
        case .succeeded:
            failures[key] = nil
            let isNew = previous.lastAppliedRevision != outcome.revision || !previous.conditions.isTrue(ConditionType.ready)
            if !outcome.changes.isEmpty || isNew {
                var message = outcome.changes.joined(separator: "\n")
                if isNew { message += (message.isEmpty ? "" : "\n") + "Applied revision: \(outcome.revision ?? "")" }
                events.record(ks.object, severity: .info, reason: Reason.reconciliationSucceeded, message: message, revision: outcome.revision)
            }
            if let drift = outcome.drift {
                GitOpsMetrics.current?.drifted(kind: Kustomization.kind, namespace: ks.metadata.namespace, name: ks.metadata.name, objects: drift.count)
                let message = Self.driftMessage(drift)
                if !drift.isEmpty, previous.conditions[ConditionType.drifted]?.message != message {
                    events.record(ks.object, severity: .error, reason: Reason.driftDetected, message: message, revision: outcome.revision)
                }
            } else if ks.spec.driftMode == .warn {
                GitOpsMetrics.current?.drifted(kind: Kustomization.kind, namespace: ks.metadata.namespace, name: ks.metadata.name, objects: 0)
            }
            next = Backoff.jitter(ks.spec.interval.duration)
        case .rolledBack(let record):
            failures[key] = nil
            events.record(ks.object, severity: .error, reason: Reason.healthCheckFailed, message: record.message, revision: record.failedRevision)
            next = Backoff.jitter(ks.spec.interval.duration)
        case .heldBack:
            next = Backoff.jitter(ks.spec.interval.duration)
        case .failed(let reason, let message):
            let count = (failures[key] ?? 0) + 1
            failures[key] = count
            events.record(ks.object, severity: .error, reason: reason, message: message, revision: outcome.revision)
            next = Backoff.delay(base: ks.spec.effectiveRetryInterval.duration, failures: count, cap: max(settings.maxRetryDelay, ks.spec.effectiveRetryInterval.duration))
        case .waiting(let reason, let message):
            if previous.conditions[ConditionType.ready]?.message != message {
                events.record(ks.object, severity: .info, reason: reason, message: message, revision: outcome.revision)
            }
            next = reason == Reason.dependencyNotReady ? settings.dependencyRequeue : ks.spec.effectiveRetryInterval.duration
        }
        return next
    }

    static func driftMessage(_ drift: [String]) -> String {
        let shown = drift.prefix(20).joined(separator: "\n")
        return "\(drift.count) object\(drift.count == 1 ? "" : "s") changed outside Git (not corrected, driftDetection.mode: warn):\n"
            + shown + (drift.count > 20 ? "\n… and \(drift.count - 20) more" : "")
    }

    /// Reads the object fresh, changes its status, writes it back.
    func updateStatus(_ ks: Kustomization, _ change: (inout KustomizationStatus) -> Void) async {
        do {
            // With the resourceVersion read (an API server refuses a custom resource's update
            // without one), retried on a conflict.
            guard let live = try await cluster.get(ks.ref) else { return }
            var status = KustomizationStatus(json: live.status)
            change(&status)
            let written = status.json
            _ = try await cluster.updateStatus(of: ks.ref, fieldManager: "gitops") { $0.status = written }
        } catch {
            logger.error("could not write status", metadata: ["kustomization": "\(ks.metadata.namespace)/\(ks.metadata.name)", "error": "\(error)"])
        }
    }

    func writeInventory(_ ks: Kustomization, _ entries: [InventoryEntry]) async throws {
        _ = try await cluster.updateStatus(of: ks.ref, fieldManager: "gitops") { object in
            var status = KustomizationStatus(json: object.status)
            status.inventory = entries
            object.status = status.json
        }
    }

    /// An invalid spec: Ready=False and Stalled=True with the decoding error (which names the field).
    func setStalled(_ object: KubeObject, reason: String, message: String) async {
        do {
            let alreadyReported = KustomizationStatus(json: object.status).conditions[ConditionType.stalled]?.message == message
            _ = try await cluster.updateStatus(of: object.ref, fieldManager: "gitops") { live in
                var status = KustomizationStatus(json: live.status)
                status.observedGeneration = live.generation
                status.conditions.set(Condition(type: ConditionType.ready, status: .false, reason: reason, message: message, observedGeneration: live.generation))
                status.conditions.set(Condition(type: ConditionType.stalled, status: .true, reason: reason, message: message, observedGeneration: live.generation))
                live.status = status.json
            }
            if !alreadyReported { events.record(object, severity: .error, reason: reason, message: message) }
        } catch {
            logger.error("could not write status", metadata: ["object": "\(object.id)", "error": "\(error)"])
        }
    }

    /// A deleted Kustomization with `prune: true` takes its objects with it (Flux's
    /// garbage collection on deletion).
    func finalize(_ object: KubeObject) async {
        guard object.body[path: ["spec", "prune"]]?.boolValue == true, object.body[path: ["spec", "suspend"]]?.boolValue != true,
              let ks = try? Kustomization(object) else { return }
        let inventory = KustomizationStatus(json: object.status).inventory
        do {
            let deleted = try await prune(inventory, owner: ks)
            if !deleted.isEmpty { logger.info("pruned objects of deleted Kustomization", metadata: ["kustomization": "\(ObjectKey(object))", "count": "\(deleted.count)"]) }
        } catch {
            logger.error("could not prune objects of deleted Kustomization", metadata: ["kustomization": "\(ObjectKey(object))", "error": "\(error)"])
        }
    }
}
