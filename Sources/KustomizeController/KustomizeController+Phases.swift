import Cluster
import GitOpsAPI
import Runtime

extension KustomizeController {
    /// Source → dependencies → choose the revision → build → apply → health → roll back.
    func runPhases(_ ks: Kustomization) async -> Outcome {
        // Source missing or without an artifact: wait for it (the source's change wakes us).
        let sourceRef = ObjectRef(apiVersion: GitRepository.apiVersion, kind: GitRepository.kind,
                                  namespace: ks.spec.sourceRef.namespace, name: ks.spec.sourceRef.name)
        let source: GitRepository
        do {
            guard let object = try await cluster.get(sourceRef) else {
                return Outcome(.waiting(reason: Reason.artifactFailed, message: "Source \(sourceRef) not found"))
            }
            source = try GitRepository(object)
        } catch {
            return Outcome(.failed(reason: Reason.artifactFailed, message: "Source \(sourceRef): \(error)"))
        }
        guard let artifact = source.artifact else {
            return Outcome(.waiting(reason: Reason.artifactFailed, message: "Source \(sourceRef) is not ready, artifact not found"))
        }
        // Dependencies not ready: wait.
        if let notReady = await firstUnreadyDependency(ks) {
            return Outcome(.waiting(reason: Reason.dependencyNotReady, message: notReady), revision: artifact.revision)
        }
        // The source still points at the revision that failed health checks: keep the last
        // healthy one in place, unless a user asked to try again.
        let status = ks.status
        let userAsked = ks.requestedAt != nil && ks.requestedAt != status.lastHandledReconcileAt
        var target = artifact
        var holding: RollbackRecord?
        if let record = status.rollback, record.failedRevision == artifact.revision, !userAsked, let good = status.lastAppliedArtifact {
            target = good
            holding = record
        }

        var outcome = Outcome(.succeeded, revision: artifact.revision)
        do {
            let objects = try await build(ks, artifact: target)
            // Warn-only drift detection: with nothing new from Git, report what was changed by
            // hand and leave it; a new revision is applied (and so corrects) as usual.
            if ks.spec.driftMode == .warn, holding == nil, status.lastAppliedRevision == target.revision,
               status.observedGeneration == ks.metadata.generation
            {
                outcome.drift = try await detectDrift(objects, for: ks)
            } else {
                outcome.changes = try await apply(objects, for: ks, previous: status.inventory)
            }
            outcome.appliedArtifact = target
            if let failure = try await waitForHealth(objects, ks) {
                outcome.healthChecked = true
                if holding == nil, let good = status.lastAppliedArtifact, good.revision != target.revision {
                    return await rollBack(ks, failedRevision: target.revision, failure: failure, to: good, outcome: outcome)
                }
                outcome.appliedArtifact = nil
                outcome.result = .failed(reason: Reason.healthCheckFailed, message: "\(failure)")
                return outcome
            }
            outcome.healthChecked = ks.spec.wait || !ks.spec.healthChecks.isEmpty
            if let holding { outcome.result = .heldBack(holding) }
            return outcome
        } catch let error as PhaseError {
            outcome.result = .failed(reason: error.reason, message: error.message)
            return outcome
        } catch {
            outcome.result = .failed(reason: Reason.reconciliationFailed, message: "\(error)")
            return outcome
        }
    }

    /// Re-applies the last healthy revision after `failedRevision` failed its health checks.
    func rollBack(_ ks: Kustomization, failedRevision: String, failure: HealthWaitFailure, to good: Artifact, outcome: Outcome) async -> Outcome {
        var outcome = outcome
        var message = "Health check failed for revision \(failedRevision) \(failure.afterElapsed)"
        do {
            let objects = try await build(ks, artifact: good)
            let restored = try await apply(objects, for: ks, previous: try await currentInventory(ks))
            outcome.changes += restored
            if let stillFailing = try await waitForHealth(objects, ks) {
                message += "; rolled back to \(good.revision), which is not healthy either: \(stillFailing.details)"
            } else {
                message += "; rolled back to last healthy revision \(good.revision)"
            }
            outcome.appliedArtifact = good
        } catch {
            message += "; rollback to \(good.revision) failed: \(error)"
            outcome.appliedArtifact = nil
        }
        outcome.result = .rolledBack(RollbackRecord(failedRevision: failedRevision, restoredRevision: good.revision, message: message))
        return outcome
    }

    /// Flux's rule: a dependency is ready when Ready=True and it has applied what it last attempted.
    func firstUnreadyDependency(_ ks: Kustomization) async -> String? {
        for dep in ks.spec.dependsOn {
            let ref = ObjectRef(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, namespace: dep.namespace, name: dep.name)
            guard let object = try? await cluster.get(ref) else { return "dependency '\(ref.namespace ?? "")/\(dep.name)' not found" }
            let status = KustomizationStatus(json: object.status)
            if !status.conditions.isTrue(ConditionType.ready) || status.lastAppliedRevision != status.lastAttemptedRevision {
                return "dependency '\(ref.namespace ?? "")/\(dep.name)' is not ready"
            }
        }
        return nil
    }

    func currentInventory(_ ks: Kustomization) async throws -> [InventoryEntry] {
        guard let object = try await cluster.get(ks.ref) else { return [] }
        return KustomizationStatus(json: object.status).inventory
    }
}
