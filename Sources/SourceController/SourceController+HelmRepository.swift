import Cluster
import Foundation
import GitOpsAPI
import Logging
import Runtime

/// HelmRepositories (`source.toolkit.fluxcd.io/v1`, type `default`), as Flux's
/// source-controller reconciles them: on each interval fetch `index.yaml`, store it as an
/// artifact whose revision is the index's sha256 digest, and report it in `status.artifact`.
/// A changed revision is what wakes the HelmReleases that use the repository (the Release
/// component observes it). A failed fetch keeps the last artifact and retries with backoff.
extension SourceController {
    /// Flux's default `spec.timeout` for a HelmRepository.
    static let helmRepositoryTimeout: Duration = .seconds(60)

    func runHelmRepositories() async {
        await helmQueue.run { [weak self] key in
            guard let self else { return nil }
            return await self.reconcileHelmRepository(key)
        }
    }

    func observeHelmRepository(_ change: ObjectChange) async {
        let key = ObjectKey(change.object)
        if change.kind == .deleted {
            helmSeen[key] = nil
            helmFailures[key] = nil
            await helmQueue.remove(key)
            storage.removeHelmIndexes(namespace: key.namespace, name: key.name)
            return
        }
        let previous = helmSeen[key]
        helmSeen[key] = change.object
        if change.isTrigger(previous: previous) { await helmQueue.wake(key) }
    }

    /// The reconcile ladder for one HelmRepository; returns when to run again.
    func reconcileHelmRepository(_ key: ObjectKey) async -> Duration? {
        let started = ContinuousClock.now
        let ref = ObjectRef(apiVersion: HelmRepository.apiVersion, kind: HelmRepository.kind, namespace: key.namespace, name: key.name)
        guard let object = try? await cluster.get(ref) else { return nil }
        let repo: HelmRepository
        do {
            repo = try HelmRepository(object)
        } catch {
            // An invalid spec needs a person: Stalled, no retry until the object changes.
            await writeStatus(object) { status in
                SourceStatus.setStalled(&status, reason: Reason.invalidSpec, message: "\(error)", generation: object.generation)
            }
            return nil
        }
        // Suspended: keep the artifact, do nothing.
        if repo.spec.suspend { return nil }
        // OCI repositories hold no index to fetch: refused until the spec changes.
        if repo.spec.type == "oci" {
            let message = "HelmRepository \(key) has type oci, which this agent does not support: OCI charts are not fetched; use a repository of type default (an https:// chart repository with an index.yaml) or a GitRepository"
            await writeStatus(object) { status in
                SourceStatus.setStalled(&status, reason: Reason.unsupported, message: message, generation: repo.metadata.generation)
            }
            events.record(object, severity: .error, reason: Reason.unsupported, message: message)
            return nil
        }

        let result = await fetchAndStoreIndex(repo)
        let duration = String(format: "%.3fs", (ContinuousClock.now - started).seconds)
        GitOpsMetrics.current?.reconciled(kind: HelmRepository.kind, namespace: key.namespace, name: key.name, since: started)
        await GitOpsMetrics.current?.queueDepth(component: name, helmQueue.depth)
        let interval = repo.spec.interval?.duration
        switch result {
        case .success(let stored):
            helmFailures[key] = nil
            let message = HelmRepositoryStatus.storedMessage(size: stored.artifact.size, url: repo.spec.url)
            await writeStatus(object) { status in
                HelmRepositoryStatus.setReady(&status, artifact: stored.artifact, message: message,
                                              generation: repo.metadata.generation, requestedAt: repo.requestedAt)
            }
            if stored.isNew {
                events.record(object, severity: .info, reason: Reason.newArtifact, message: message, revision: stored.artifact.revision)
            }
            logger.info("reconciled", metadata: ["helmrepository": "\(key)", "revision": "\(stored.artifact.revision)", "duration": "\(duration)", "result": "succeeded"])
            // Flux requeues after spec.interval; without one, only a change wakes it again.
            return interval.map { Backoff.jitter($0) }
        case .failure(let error):
            let count = (helmFailures[key] ?? 0) + 1
            helmFailures[key] = count
            await writeStatus(object) { status in
                SourceStatus.setFailed(&status, reason: error.reason, message: error.message,
                                       generation: repo.metadata.generation, requestedAt: repo.requestedAt)
            }
            events.record(object, severity: .error, reason: error.reason, message: error.message)
            logger.warning("reconcile failed", metadata: ["helmrepository": "\(key)", "duration": "\(duration)", "error": "\(error.message)"])
            let base = interval ?? maxRetryDelay
            return Backoff.delay(base: min(base, .seconds(5)), failures: count, cap: max(base, .seconds(1)) < maxRetryDelay ? maxRetryDelay : base)
        }
    }

    struct StoredIndex: Sendable {
        var artifact: Artifact
        var isNew: Bool
    }

    /// Credentials → fetch → store (when the digest changed).
    func fetchAndStoreIndex(_ repo: HelmRepository) async -> Result<StoredIndex, HelmRepositoryFetchError> {
        let fetcher: HelmRepositoryIndexFetcher
        do {
            fetcher = HelmRepositoryIndexFetcher(url: repo.spec.url, credentials: try await loadHelmCredentials(repo),
                                                 timeout: repo.spec.timeout?.duration ?? Self.helmRepositoryTimeout, http: http)
        } catch let error as HelmRepositoryFetchError {
            return .failure(error)
        } catch {
            return .failure(HelmRepositoryFetchError(reason: Reason.authenticationFailed, message: "\(error)"))
        }
        let index: [UInt8]
        do {
            index = try await fetcher.fetch()
        } catch let error as HelmRepositoryFetchError {
            return .failure(error)
        } catch {
            return .failure(HelmRepositoryFetchError(reason: HelmRepositoryFetchError.fetchFailed, message: "\(error)"))
        }
        let current = repo.object.status?["artifact"].flatMap(Artifact.init(json:))
        do {
            let storage = self.storage
            let namespace = repo.metadata.namespace, name = repo.metadata.name
            let stored = try await Task.detached { try storage.storeHelmIndex(index, namespace: namespace, name: name, current: current) }.value
            return .success(StoredIndex(artifact: stored, isNew: current?.revision != stored.revision))
        } catch {
            return .failure(HelmRepositoryFetchError(reason: Reason.artifactFailed, message: "could not store the index of \(redact(repo.spec.url)): \(error)"))
        }
    }
}
