import Cluster
import Foundation
import GitOpsAPI
import Hashing
import HelmStorage
import Runtime

extension ReleaseController {
    /// Dependencies → chart → values → then Helm actions until the release is up to date, an
    /// action failed and was remediated, or retries are exhausted.
    func runPhases(_ hr: HelmRelease) async -> ReleaseOutcome {
        var outcome = ReleaseOutcome(.waiting(reason: Reason.progressing, message: "reconciling"),
                                     status: HelmReleaseStatus(json: hr.object.status))
        // Dependencies not ready: wait.
        if let notReady = await firstUnreadyDependency(hr) {
            outcome.result = .waiting(reason: Reason.dependencyNotReady, message: notReady)
            return outcome
        }
        let ctx: ReleaseContext
        do {
            let chart = try await loadChart(hr)
            outcome.chartVersion = chart.metadata.version
            let values = try await composeValues(hr)
            let config = ReleaseRecords.config(values)
            let storageNamespace = hr.spec.storageNamespace ?? hr.metadata.namespace
            let target = ReleaseTarget(releaseName: Self.releaseName(hr), namespace: hr.spec.targetNamespace ?? hr.metadata.namespace,
                                       owner: ObjectKey(hr.object), timeout: hr.spec.timeout.duration, cluster: releaseCluster(hr))
            ctx = ReleaseContext(hr: hr, store: ReleaseStore(cluster: target.cluster, namespace: storageNamespace, maxHistory: hr.spec.maxHistory),
                                 target: target, chart: chart, values: values, config: config, configDigest: Self.configDigest(config))
            outcome.status.storageNamespace = storageNamespace
        } catch let error as ReleaseError {
            outcome.result = error.reason == Reason.artifactFailed
                ? .waiting(reason: error.reason, message: error.message) : .failed(reason: error.reason, message: error.message)
            return outcome
        } catch {
            outcome.result = .failed(reason: Reason.reconciliationFailed, message: "\(error)")
            return outcome
        }

        do {
            for _ in 0..<4 {
                let history = try await ctx.store.history(name: ctx.target.releaseName)
                let latest = history.last
                let hasDeployed = history.contains { [.deployed, .superseded].contains($0.info.status) }
                let action = ReleaseDecision.decide(
                    latest: latest.map { record in
                        let identity = ReleaseRecords.identity(of: record)
                        return .init(version: record.version, status: record.info.status.rawValue,
                                     chartVersion: identity.chartVersion, configDigest: identity.configDigest)
                    },
                    hasDeployed: hasDeployed, desired: (ctx.chartVersion, ctx.configDigest), status: outcome.status, spec: hr.spec,
                    postRenderChanged: (outcome.status.observedPostRenderersDigest ?? "") != Self.specDigest(hr.spec.postRenderersJSON)
                        || (outcome.status.observedCommonMetadataDigest ?? "") != Self.specDigest(hr.spec.commonMetadataJSON))
                switch action {
                case .none:
                    if case .waiting = outcome.result {
                        let ready = outcome.status.conditions[ConditionType.ready]
                        outcome.result = .ready(reason: ready?.status == .true ? ready!.reason : Reason.upgradeSucceeded,
                                                message: ready?.status == .true ? ready!.message
                                                    : "Helm release \(ctx.releaseLabel).v\(latest?.version ?? 0) with chart \(ctx.chartLabel) is up to date")
                    }
                    if let latest, hr.spec.driftMode != .disabled { try await detectDrift(ctx, latest, &outcome) }
                case .unlock:
                    if let latest { try await unlock(ctx, latest) }
                    continue
                case .install, .upgrade:
                    await attempt(ctx, upgrade: action == .upgrade, latest: latest, &outcome)
                    if case .failed = outcome.result { continue }
                case .rollback, .uninstall:
                    await remediate(ctx, rollbackFrom: action == .rollback ? latest : nil, &outcome)
                    // The last failure remediated with no retries left: stalled until something changes.
                    let installing = !hasDeployed
                    let remediation = installing ? hr.spec.install.remediation : hr.spec.upgrade.remediation
                    let failures = installing ? outcome.status.installFailures : outcome.status.upgradeFailures
                    if ReleaseDecision.exhausted(remediation, failures: failures) {
                        outcome.result = .stalled(reason: Reason.retriesExceeded,
                                                  message: "Failed to \(installing ? "install" : "upgrade") after \(failures) attempt(s)")
                    }
                case .stalled(let message):
                    outcome.result = .stalled(reason: Reason.retriesExceeded, message: message)
                }
                break
            }
            let records = try await ctx.store.history(name: ctx.target.releaseName).reversed()
            var snapshots: [HelmReleaseStatus.Snapshot] = []
            for record in records {
                snapshots.append(ReleaseRecords.snapshot(record))
                if record.info.status == .deployed { break }
            }
            outcome.status.history = snapshots
        } catch {
            outcome.result = .failed(reason: Reason.reconciliationFailed, message: "\(error)")
        }
        return outcome
    }

    /// One install or upgrade (and the tests, when enabled), with the bookkeeping Flux keeps:
    /// a new chart or new values reset the failure counters; a failure counts.
    func attempt(_ ctx: ReleaseContext, upgrade: Bool, latest: StoredRelease?, _ outcome: inout ReleaseOutcome) async {
        let hr = ctx.hr
        if outcome.status.lastAttemptedRevision != ctx.chartVersion || outcome.status.lastAttemptedConfigDigest != ctx.configDigest {
            outcome.status.installFailures = 0
            outcome.status.upgradeFailures = 0
            outcome.status.failures = 0
        }
        outcome.status.lastAttemptedRevision = ctx.chartVersion
        outcome.status.lastAttemptedConfigDigest = ctx.configDigest
        outcome.status.lastAttemptedGeneration = hr.metadata.generation
        outcome.status.lastAttemptedReleaseAction = upgrade ? "upgrade" : "install"
        outcome.status.conditions.remove(ConditionType.remediated)
        let verb = upgrade ? "upgrade" : "install"
        let reasonOK = upgrade ? Reason.upgradeSucceeded : Reason.installSucceeded
        let reasonFailed = upgrade ? Reason.upgradeFailed : Reason.installFailed
        let generation = hr.metadata.generation
        do {
            let record = try await installOrUpgrade(ctx, upgrade: upgrade, latest: latest)
            let postRenderers = Self.specDigest(hr.spec.postRenderersJSON), commonMetadata = Self.specDigest(hr.spec.commonMetadataJSON)
            outcome.status.observedPostRenderersDigest = postRenderers.isEmpty ? nil : postRenderers
            outcome.status.observedCommonMetadataDigest = commonMetadata.isEmpty ? nil : commonMetadata
            let message = "Helm \(verb) succeeded for release \(ctx.releaseLabel).v\(record.version) with chart \(ctx.chartLabel)"
            outcome.status.conditions.set(Condition(type: ConditionType.released, status: .true, reason: reasonOK, message: message, observedGeneration: generation))
            outcome.events.append((.info, reasonOK, message))
            outcome.result = .ready(reason: reasonOK, message: message)
            if hr.spec.test.enable {
                do {
                    try await runTests(ctx, record)
                    let passed = "Helm test succeeded for release \(ctx.releaseLabel).v\(record.version) with chart \(ctx.chartLabel)"
                    outcome.status.conditions.set(Condition(type: ConditionType.testSuccess, status: .true, reason: Reason.testSucceeded, message: passed, observedGeneration: generation))
                    outcome.events.append((.info, Reason.testSucceeded, passed))
                } catch {
                    let failed = "Helm test failed for release \(ctx.releaseLabel).v\(record.version) with chart \(ctx.chartLabel): \(error)"
                    outcome.status.conditions.set(Condition(type: ConditionType.testSuccess, status: .false, reason: Reason.testFailed, message: failed, observedGeneration: generation))
                    outcome.events.append((.error, Reason.testFailed, failed))
                    let ignored = hr.spec.test.ignoreFailures
                        || (upgrade ? hr.spec.upgrade.remediation.ignoreTestFailures : hr.spec.install.remediation.ignoreTestFailures)
                    if !ignored {
                        // A test failure is a release failure: the record says so, remediation follows.
                        var failedRecord = record
                        failedRecord.setStatus(.failed, "Test \"\(ctx.target.releaseName)\" failed: \(error)")
                        try? await ctx.store.update(failedRecord)
                        throw ReleaseError(reason: Reason.testFailed, message: failed)
                    }
                }
            }
            outcome.status.installFailures = 0
            outcome.status.upgradeFailures = 0
            outcome.status.failures = 0
        } catch {
            let detail = (error as? ReleaseError)?.message ?? "\(error)"
            let message = detail.hasPrefix("Helm test failed") ? detail
                : "Helm \(verb) failed for release \(ctx.releaseLabel) with chart \(ctx.chartLabel): \(detail)"
            if upgrade { outcome.status.upgradeFailures += 1 } else { outcome.status.installFailures += 1 }
            outcome.status.failures += 1
            outcome.status.conditions.set(Condition(type: ConditionType.released, status: .false, reason: reasonFailed, message: message, observedGeneration: generation))
            outcome.events.append((.error, reasonFailed, message))
            outcome.result = .failed(reason: reasonFailed, message: message)
        }
    }

    /// Remediation: roll back to the last deployed revision (`latest` is the failed one), or
    /// uninstall (`latest` nil). Sets `Remediated` and keeps the failure as the result.
    func remediate(_ ctx: ReleaseContext, rollbackFrom latest: StoredRelease?, _ outcome: inout ReleaseOutcome) async {
        let generation = ctx.hr.metadata.generation
        let failure: String
        if case .failed(_, let message) = outcome.result { failure = message } else { failure = outcome.status.conditions[ConditionType.released]?.message ?? "" }
        do {
            let message: String
            let reason: String
            if let latest {
                let record = try await rollback(store: ctx.store, target: ctx.target, disableHooks: ctx.hr.spec.upgrade.disableHooks, latest: latest)
                reason = Reason.rollbackSucceeded
                message = "Helm rollback to previous release \(ctx.releaseLabel).v\(record.version) (\(record.info.description.lowercased())) with chart \(record.chart?.metadata?.name ?? "")@\(record.chart?.metadata?.version ?? "") succeeded"
            } else {
                try await uninstall(store: ctx.store, target: ctx.target, keepHistory: ctx.hr.spec.uninstall.keepHistory,
                                    disableHooks: ctx.hr.spec.uninstall.disableHooks)
                reason = Reason.uninstallSucceeded
                message = "Helm uninstall succeeded for release \(ctx.releaseLabel) with chart \(ctx.chartLabel)"
            }
            outcome.status.conditions.set(Condition(type: ConditionType.remediated, status: .true, reason: reason, message: message, observedGeneration: generation))
            outcome.events.append((.info, reason, message))
            outcome.result = .failed(reason: outcome.status.conditions[ConditionType.released]?.reason ?? Reason.upgradeFailed,
                                     message: failure.isEmpty ? message : failure + "; " + message)
        } catch {
            let reason = latest == nil ? Reason.uninstallFailed : Reason.rollbackFailed
            let message = "Helm \(latest == nil ? "uninstall" : "rollback") failed for release \(ctx.releaseLabel): \((error as? ReleaseError)?.message ?? "\(error)")"
            outcome.status.conditions.set(Condition(type: ConditionType.remediated, status: .false, reason: reason, message: message, observedGeneration: generation))
            outcome.events.append((.error, reason, message))
            outcome.result = .failed(reason: reason, message: failure.isEmpty ? message : failure + "; " + message)
        }
    }

    /// Flux's release name: `spec.releaseName`, else `[<targetNamespace>-]<name>`; past 53
    /// characters the first 40, a dash and 12 hex characters of its SHA-256.
    static func releaseName(_ hr: HelmRelease) -> String {
        let name = hr.spec.releaseName ?? hr.defaultReleaseName
        guard name.count > 53 else { return name }
        return String(name.prefix(40)) + "-" + String(Hex.encode(SHA256.hash(name)).prefix(12))
    }

    /// Flux's rule: a dependency is ready when Ready=True for its current generation.
    func firstUnreadyDependency(_ hr: HelmRelease) async -> String? {
        for dep in hr.spec.dependsOn {
            let ref = ObjectRef(apiVersion: HelmRelease.apiVersion, kind: HelmRelease.kind, namespace: dep.namespace, name: dep.name)
            guard let object = try? await cluster.get(ref) else { return "dependency '\(ref.namespace ?? "")/\(dep.name)' not found" }
            let status = HelmReleaseStatus(json: object.status)
            if !status.conditions.isTrue(ConditionType.ready) || status.observedGeneration != object.generation {
                return "dependency '\(ref.namespace ?? "")/\(dep.name)' is not ready"
            }
        }
        return nil
    }
}
