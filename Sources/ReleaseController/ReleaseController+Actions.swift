import Cluster
import Foundation
import GitOpsAPI
import GoTemplate
import Helm
import HelmStorage

/// Everything one reconcile knows about the release it works on.
struct ReleaseContext: Sendable {
    var hr: HelmRelease
    var store: ReleaseStore
    var target: ReleaseTarget
    var chart: Chart
    var values: GoMap
    var config: JSONObject
    var configDigest: String
    var chartVersion: String { chart.metadata.version }
    var chartLabel: String { "\(chart.metadata.name)@\(chart.metadata.version)" }
    var releaseLabel: String { "\(target.namespace)/\(target.releaseName)" }
}

extension ReleaseController {
    /// `helm install` or `helm upgrade`: render, record `pending-*`, run the pre hooks, apply,
    /// delete what the previous revision had and this one has not, wait for health, run the post
    /// hooks, record `deployed` (superseding the previous deployed revisions) — or `failed`.
    /// - Returns: the deployed record.
    func installOrUpgrade(_ ctx: ReleaseContext, upgrade: Bool, latest: StoredRelease?) async throws -> StoredRelease {
        let revision = (latest?.version ?? 0) + 1
        let spec = ctx.hr.spec
        var options = RenderOptions(releaseName: ctx.target.releaseName, namespace: ctx.target.namespace, revision: revision, isUpgrade: upgrade)
        options.lookup = Self.lookup(ctx.target.cluster)
        options.skipSchemaValidation = upgrade ? spec.upgrade.disableSchemaValidation : spec.install.disableSchemaValidation
        let rendering: Rendering
        let processedChart: Chart
        do {
            options.capabilities = try await Self.capabilities(ctx.target.cluster)
            let rendered = try await Self.render(ctx.chart, values: ctx.values, options: options)
            rendering = try Self.postRender(rendered.rendering, spec: spec)
            processedChart = rendered.chart
        } catch {
            throw ReleaseError(reason: upgrade ? Reason.upgradeFailed : Reason.installFailed, message: "\(error)")
        }
        let now = GoTime(Date())
        let previousDeployed = upgrade ? try await ctx.store.deployedAll(name: ctx.target.releaseName) : []
        var record = StoredRelease(
            name: ctx.target.releaseName,
            info: StoredRelease.Info(firstDeployed: previousDeployed.last?.info.firstDeployed ?? latest?.info.firstDeployed ?? now,
                                     lastDeployed: now, description: upgrade ? "Preparing upgrade" : "Initial install underway",
                                     status: upgrade ? .pendingUpgrade : .pendingInstall, notes: rendering.notes),
            chart: ReleaseRecords.storedChart(processedChart), config: ctx.config, manifest: ReleaseRecords.manifest(rendering),
            hooks: ReleaseRecords.hooks(rendering), version: revision, namespace: ctx.target.namespace)
        // Helm creates the target namespace before it records anything.
        if !upgrade, spec.install.createNamespace {
            do {
                _ = try await ctx.target.cluster.apply(KubeObject(apiVersion: "v1", kind: "Namespace", name: ctx.target.namespace),
                                            options: ApplyOptions(fieldManager: Self.fieldManager, force: true))
            } catch {
                throw ReleaseError(reason: Reason.installFailed, message: "cannot create namespace \(ctx.target.namespace): \(error)")
            }
        }
        try await ctx.store.create(record)
        do {
            let disableHooks = upgrade ? spec.upgrade.disableHooks : spec.install.disableHooks
            if !upgrade, !spec.install.skipCRDs {
                try await installCRDs(rendering.crds.map { String(decoding: $0.data, as: UTF8.self) }, ctx.target)
            }
            if !disableHooks { record.hooks = try await runHooks(upgrade ? "pre-upgrade" : "pre-install", of: record.hooks, ctx.target) }
            let objects = try await self.objects(ofManifest: record.manifest, ctx.target)
            let previous = try await self.objects(ofManifest: previousDeployed.last?.manifest ?? "", ctx.target)
            try await applyRelease(objects, replacing: previous, ctx.target)
            if !(upgrade ? spec.upgrade.disableWait : spec.install.disableWait), let failure = try await waitForHealth(objects, ctx.target) {
                throw ReleaseError(reason: upgrade ? Reason.upgradeFailed : Reason.installFailed, message: failure)
            }
            if !disableHooks { record.hooks = try await runHooks(upgrade ? "post-upgrade" : "post-install", of: record.hooks, ctx.target) }
            for var old in previousDeployed {
                old.info.status = .superseded
                try await ctx.store.update(old)
            }
            record.setStatus(.deployed, upgrade ? "Upgrade complete" : "Install complete")
            try await ctx.store.update(record)
            return record
        } catch {
            let message = (error as? ReleaseError)?.message ?? "\(error)"
            record.setStatus(.failed, upgrade ? "Upgrade \"\(ctx.target.releaseName)\" failed: \(message)"
                                              : "Release \"\(ctx.target.releaseName)\" failed: \(message)")
            try? await ctx.store.update(record)
            throw ReleaseError(reason: upgrade ? Reason.upgradeFailed : Reason.installFailed, message: message)
        }
    }

    /// `helm rollback`: a new revision with the chart, values and manifest of `revision` (by
    /// default the last deployed one), described `Rollback to N`; the deployed revisions before it
    /// are superseded, a failed one stays failed.
    func rollback(store: ReleaseStore, target: ReleaseTarget, disableHooks: Bool, latest: StoredRelease,
                  to revision: Int? = nil) async throws -> StoredRelease {
        let releaseLabel = "\(target.namespace)/\(target.releaseName)"
        let good: StoredRelease
        if let revision {
            good = try await store.get(name: target.releaseName, version: revision)
        } else {
            guard let deployed = try await store.deployedAll(name: target.releaseName).last else {
                throw ReleaseError(reason: Reason.rollbackFailed, message: "no deployed revision of \(releaseLabel) to roll back to")
            }
            good = deployed
        }
        var record = good
        record.version = latest.version + 1
        record.labels = [:]
        record.info = StoredRelease.Info(firstDeployed: latest.info.firstDeployed, lastDeployed: GoTime(Date()),
                                         description: "Rollback to \(good.version)", status: .pendingRollback, notes: good.info.notes)
        try await store.create(record)
        do {
            let objects = try await self.objects(ofManifest: good.manifest, target)
            let current = try await self.objects(ofManifest: latest.manifest, target)
            if !disableHooks { record.hooks = try await runHooks("pre-rollback", of: record.hooks, target) }
            try await applyRelease(objects, replacing: current, target)
            if let failure = try await waitForHealth(objects, target) {
                throw ReleaseError(reason: Reason.rollbackFailed, message: failure)
            }
            if !disableHooks { record.hooks = try await runHooks("post-rollback", of: record.hooks, target) }
            for var old in try await store.deployedAll(name: target.releaseName) {
                old.info.status = .superseded
                try await store.update(old)
            }
            record.setStatus(.deployed, "Rollback to \(good.version)")
            try await store.update(record)
            return record
        } catch {
            let message = (error as? ReleaseError)?.message ?? "\(error)"
            record.setStatus(.failed, "Rollback \"\(target.releaseName)\" failed: \(message)")
            try? await store.update(record)
            throw ReleaseError(reason: Reason.rollbackFailed, message: message)
        }
    }

    /// `helm uninstall`: pre-delete hooks, delete every object of the latest manifest,
    /// post-delete hooks; records deleted, or kept as `uninstalled` with `keepHistory`.
    func uninstall(store: ReleaseStore, target: ReleaseTarget, keepHistory: Bool, disableHooks: Bool) async throws {
        let release = try await store.beginUninstall(name: target.releaseName)
        if !disableHooks { _ = try await runHooks("pre-delete", of: release.hooks, target) }
        for object in try await objects(ofManifest: release.manifest, target).reversed() {
            _ = try await target.cluster.delete(object.ref, options: DeleteOptions(propagationPolicy: .background))
        }
        if !disableHooks { _ = try await runHooks("post-delete", of: release.hooks, target) }
        _ = try await store.finishUninstall(release, keepHistory: keepHistory, description: "Uninstallation complete")
    }

    /// A record left `pending-*` by an interrupted action (the agent was killed): Helm would
    /// refuse to go on ("another operation is in progress"); helm-controller marks it failed.
    func unlock(_ ctx: ReleaseContext, _ latest: StoredRelease) async throws {
        var record = latest
        record.setStatus(.failed, "Release \(latest.info.status.rawValue) was interrupted; marked failed by helm-controller")
        try await ctx.store.update(record)
    }

    /// `helm test`: the `test` hooks of the deployed record.
    func runTests(_ ctx: ReleaseContext, _ record: StoredRelease) async throws {
        var record = record
        record.hooks = try await runHooks("test", of: record.hooks, ctx.target)
        try await ctx.store.update(record)
    }
}
