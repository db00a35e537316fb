import Cluster
import Curl
import Foundation
import Git
import GitOpsAPI
import Logging
import Runtime

/// The Source component: reconciles GitRepositories and HelmRepositories (see
/// `SourceController+HelmRepository.swift`). Each reconcile fetches the repository's
/// bare mirror (only what is new), resolves the ref, and — when the revision or the ignore rules
/// changed — exports the commit's files into an immutable artifact directory and records it in
/// `status.artifact`. A failed fetch keeps the last artifact and is retried with backoff.
public actor SourceController: Component {
    public nonisolated let name = "source-controller"
    let cluster: any ClusterClient
    let storage: ArtifactStorage
    let events: EventRecorder
    let logger = Logger(label: "source-controller")
    let queue = ReconcileQueue<ObjectKey>(concurrency: 2)
    var failures: [ObjectKey: Int] = [:]
    var seen: [ObjectKey: KubeObject] = [:]
    let maxRetryDelay: Duration
    /// HelmRepositories have a queue of their own: a key names no kind, and a GitRepository
    /// and a HelmRepository may share a name.
    let helmQueue = ReconcileQueue<ObjectKey>(concurrency: 2)
    var helmFailures: [ObjectKey: Int] = [:]
    var helmSeen: [ObjectKey: KubeObject] = [:]
    let http: CurlClient

    /// - Parameter stateDirectory: mirrors go to `<state>/git`, artifacts to `<state>/artifacts`.
    public init(cluster: any ClusterClient, stateDirectory: String, events: EventLog, maxRetryDelay: Duration = .seconds(300),
                http: CurlClient = CurlClient()) {
        self.cluster = cluster
        self.http = http
        self.storage = ArtifactStorage(root: stateDirectory)
        self.events = EventRecorder(log: events, controller: "source-controller", logger: Logger(label: "source-controller"))
        self.maxRetryDelay = maxRetryDelay
    }

    public func run() async {
        async let helm: Void = runHelmRepositories()
        await queue.run { [weak self] key in
            guard let self else { return nil }
            return await self.reconcile(key)
        }
        await helm
    }

    public func observe(_ change: ObjectChange) async {
        if change.object.apiVersion == HelmRepository.apiVersion, change.object.kind == HelmRepository.kind {
            return await observeHelmRepository(change)
        }
        guard change.object.apiVersion == GitRepository.apiVersion, change.object.kind == GitRepository.kind else { return }
        let key = ObjectKey(change.object)
        if change.kind == .deleted {
            seen[key] = nil
            await queue.remove(key)
            storage.remove(namespace: key.namespace, name: key.name)
            return
        }
        let previous = seen[key]
        seen[key] = change.object
        if change.isTrigger(previous: previous) { await queue.wake(key) }
    }

    /// The reconcile ladder for one GitRepository.
    func reconcile(_ key: ObjectKey) async -> Duration? {
        let started = ContinuousClock.now
        let ref = ObjectRef(apiVersion: GitRepository.apiVersion, kind: GitRepository.kind, namespace: key.namespace, name: key.name)
        guard let object = try? await cluster.get(ref) else { return nil }
        let repo: GitRepository
        do {
            repo = try GitRepository(object)
        } catch {
            // An invalid spec needs a person: Stalled, no retry until the object changes.
            await writeStatus(object) { status in
                SourceStatus.setStalled(&status, reason: Reason.invalidSpec, message: "\(error)", generation: object.generation)
            }
            return nil
        }
        // Suspended: keep the artifact, do nothing.
        if repo.spec.suspend { return nil }

        let fetchStarted = ContinuousClock.now
        let result = await fetchAndStore(repo)
        GitOpsMetrics.current?.gitFetch(since: fetchStarted)
        let duration = String(format: "%.3fs", (ContinuousClock.now - started).seconds)
        GitOpsMetrics.current?.reconciled(kind: GitRepository.kind, namespace: key.namespace, name: key.name, since: started)
        await GitOpsMetrics.current?.queueDepth(component: name, queue.depth)
        switch result {
        case .success(let stored):
            failures[key] = nil
            await writeStatus(object) { status in
                SourceStatus.setReady(&status, artifact: stored.artifact, generation: repo.metadata.generation, requestedAt: repo.requestedAt)
            }
            if stored.isNew {
                events.record(object, severity: .info, reason: Reason.newArtifact,
                              message: "stored artifact for commit '\(stored.subject)'", revision: stored.artifact.revision)
            }
            logger.info("reconciled", metadata: ["gitrepository": "\(key)", "revision": "\(stored.artifact.revision)", "duration": "\(duration)", "result": "succeeded"])
            return Backoff.jitter(repo.spec.interval.duration)
        case .failure(let error):
            let count = (failures[key] ?? 0) + 1
            failures[key] = count
            let reason = error.kind == .authenticationFailed ? Reason.authenticationFailed : Reason.gitOperationFailed
            let message = "failed to fetch \(redact(repo.spec.url)): \(error.message)"
            await writeStatus(object) { status in
                SourceStatus.setFailed(&status, reason: reason, message: message, generation: repo.metadata.generation, requestedAt: repo.requestedAt)
            }
            events.record(object, severity: .error, reason: reason, message: message)
            logger.warning("reconcile failed", metadata: ["gitrepository": "\(key)", "duration": "\(duration)", "error": "\(message)"])
            return Backoff.delay(base: min(repo.spec.interval.duration, .seconds(5)), failures: count, cap: max(repo.spec.interval.duration, .seconds(1)) < maxRetryDelay ? maxRetryDelay : repo.spec.interval.duration)
        }
    }

    struct Stored: Sendable {
        var artifact: Artifact
        var subject: String
        var isNew: Bool
    }

    /// Fetch → resolve → export (when new). Runs the Git work on its own thread.
    func fetchAndStore(_ repo: GitRepository) async -> Result<Stored, GitError> {
        let credentials: GitCredentials?
        do {
            credentials = try await loadCredentials(repo)
        } catch let error as GitError {
            return .failure(error)
        } catch {
            return .failure(GitError(.other, "\(error)"))
        }
        let storage = self.storage
        let namespace = repo.metadata.namespace, name = repo.metadata.name
        let url = repo.spec.url, timeout = repo.spec.timeout.duration, reference = Self.reference(repo.spec.ref)
        let ignore = IgnoreRules(spec: repo.spec.ignore)
        let current = repo.artifact
        do {
            let stored = try await GitWorker.run { () throws -> Stored in
                let mirror = try GitMirror(url: url, directory: storage.mirrorDirectory(namespace: namespace, name: name, url: url))
                try mirror.fetch(credentials: credentials, timeout: timeout)
                let checkout = try mirror.resolve(reference)
                let directory = storage.artifactDirectory(namespace: namespace, name: name, commit: checkout.commit, ignore: ignore)
                if let current, current.revision == checkout.revision, current.localDirectory == directory,
                   FileManager.default.fileExists(atPath: directory)
                {
                    return Stored(artifact: current, subject: checkout.subject, isNew: false)
                }
                let artifact = try storage.store(directory: directory, revision: checkout.revision) { tmp in
                    try mirror.export(commit: checkout.commit, to: tmp, ignore: ignore)
                }
                storage.collectGarbage(namespace: namespace, name: name, keep: directory)
                return Stored(artifact: artifact, subject: checkout.subject, isNew: current?.revision != artifact.revision || current?.digest != artifact.digest)
            }
            return .success(stored)
        } catch let error as GitError {
            return .failure(error)
        } catch {
            return .failure(GitError(.other, "\(error)"))
        }
    }

    /// Flux's precedence: branch < tag < semver < name < commit; default branch `master`.
    static func reference(_ ref: GitRepository.Ref?) -> GitReference {
        guard let ref else { return .branch("master") }
        if let commit = ref.commit { return .commit(commit, branch: ref.branch) }
        if let name = ref.name { return .name(name) }
        if let semver = ref.semver { return .semver(semver) }
        if let tag = ref.tag { return .tag(tag) }
        return .branch(ref.branch ?? "master")
    }

    /// Reads the Secret named by `secretRef`: `username`/`password`, `bearerToken`, `identity`,
    /// `known_hosts` (and `password` as the key's passphrase for SSH).
    func loadCredentials(_ repo: GitRepository) async throws -> GitCredentials? {
        guard let secretRef = repo.spec.secretRef else { return nil }
        let ref = ObjectRef(apiVersion: "v1", kind: "Secret", namespace: repo.metadata.namespace, name: secretRef.name)
        guard let secret = try await cluster.get(ref) else {
            throw GitError(.authenticationFailed, "secret '\(repo.metadata.namespace)/\(secretRef.name)' named in spec.secretRef not found; create it or fix the name")
        }
        let data = SecretData(secret)
        let isSSH = repo.spec.url.hasPrefix("ssh://") || (!repo.spec.url.contains("://") && repo.spec.url.contains("@"))
        return GitCredentials(
            username: data["username"],
            password: isSSH ? nil : data["password"],
            bearerToken: data["bearerToken"],
            sshIdentity: data["identity"],
            sshPassphrase: isSSH ? data["password"] : nil,
            knownHosts: data["known_hosts"]
        )
    }

    func writeStatus(_ object: KubeObject, _ change: (inout JSONValue) -> Void) async {
        do {
            guard let fresh = try await cluster.get(object.ref) else { return }
            var status = fresh.status ?? .object([:])
            change(&status)
            let written = status
            // With the resourceVersion read (an API server refuses a custom resource's update
            // without one), retried on a conflict.
            _ = try await cluster.updateStatus(of: object.ref, fieldManager: "gitops") { $0.status = written }
        } catch {
            logger.error("could not write status", metadata: ["gitrepository": "\(object.id)", "error": "\(error)"])
        }
    }
}

/// Removes user information from a URL before it goes into a message.
func redact(_ url: String) -> String {
    guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
    let userinfo = url[scheme.upperBound..<at]
    if let colon = userinfo.firstIndex(of: ":") {
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
    return url
}
