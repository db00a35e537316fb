import Cluster
import Foundation
import GitOpsAPI

/// Helm 3's release storage (`pkg/storage.Storage` over the Secrets driver) on any cluster: one
/// Secret `sh.helm.release.v1.<name>.v<version>` of type `helm.sh/release.v1` per revision, labelled
/// `name`, `owner=helm`, `status`, `version` and `createdAt`/`modifiedAt` (Unix seconds), so
/// `helm list`/`helm history` see what this store writes and the store reads what helm wrote.
///
/// Label handling follows the driver to the letter: `get` returns a release whose `labels` hold
/// only custom labels; `history`, `last`, `deployed` return all labels, and writing such a release
/// back keeps its stale `modifiedAt`, as helm 3.19 does (see the fixtures' journal).
public struct ReleaseStore: Sendable {
    public let cluster: any ClusterClient
    /// The namespace holding the records (the release's namespace unless Helm's storage namespace differs).
    public let namespace: String
    /// Helm's `--history-max`: when > 0, `create` first prunes the oldest revisions so at most
    /// this many remain, never the last deployed one. 0 keeps everything.
    public var maxHistory: Int
    /// The clock for `createdAt`/`modifiedAt` labels.
    let now: @Sendable () -> Date
    let writeOptions = WriteOptions(fieldManager: "helm")

    public init(cluster: any ClusterClient, namespace: String, maxHistory: Int = 0,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.cluster = cluster
        self.namespace = namespace
        self.maxHistory = maxHistory
        self.now = now
    }

    private func ref(_ name: String, _ version: Int) -> ObjectRef {
        ObjectRef(apiVersion: "v1", kind: "Secret", namespace: namespace, name: StoredRelease.key(name: name, version: version))
    }

    /// Go's `time.Now().Unix()` as the label value.
    static func unix(_ date: Date) -> String { String(Int64(date.timeIntervalSince1970.rounded(.down))) }

    /// One revision (`Storage.Get`); its `labels` are the custom ones only.
    public func get(name: String, version: Int) async throws -> StoredRelease {
        try Self.validate(name: name)
        guard let secret = try await cluster.get(ref(name, version)) else {
            throw HelmStorageError(.notFound, "release \"\(name)\" revision \(version) not found in namespace \(namespace) (no Secret \(StoredRelease.key(name: name, version: version)))")
        }
        return try StoredRelease(secret: secret, customLabelsOnly: true)
    }

    /// Every revision of a release, oldest first (`Storage.History` sorted by revision); empty
    /// when the release has none. Records that cannot be decoded are skipped, as Helm's driver
    /// skips them (it logs them).
    public func history(name: String) async throws -> [StoredRelease] {
        try Self.validate(name: name)
        return try await query("name=\(name),owner=helm")
    }

    /// Every release record in the namespace (`Storage.ListReleases`), by name then revision.
    public func all() async throws -> [StoredRelease] {
        try await query("owner=helm").sorted { ($0.name, $0.version) < ($1.name, $1.version) }
    }

    private func query(_ selector: String) async throws -> [StoredRelease] {
        let secrets = try await cluster.list(ListQuery(apiVersion: "v1", kind: "Secret", namespace: namespace, labelSelector: selector))
        return secrets.compactMap { try? StoredRelease(secret: $0, customLabelsOnly: false) }.sorted { $0.version < $1.version }
    }

    /// The highest revision (`Storage.Last`), nil when there is none.
    public func last(name: String) async throws -> StoredRelease? {
        try await history(name: name).last
    }

    /// Revisions whose status is `deployed` (`Storage.DeployedAll`), oldest first.
    public func deployedAll(name: String) async throws -> [StoredRelease] {
        try Self.validate(name: name)
        return try await query("name=\(name),owner=helm,status=deployed")
    }

    /// The newest deployed revision, nil when no revision is deployed.
    public func lastDeployed(name: String) async throws -> StoredRelease? {
        try await deployedAll(name: name).last
    }

    /// The newest deployed revision (`Storage.Deployed`); `.noDeployedReleases` when there is none.
    public func deployed(name: String) async throws -> StoredRelease {
        guard let release = try await lastDeployed(name: name) else {
            throw HelmStorageError(.noDeployedReleases, "release \"\(name)\" has no deployed revision in namespace \(namespace)")
        }
        return release
    }

    /// Stores a new revision (`Storage.Create`): with `maxHistory` > 0, first deletes the oldest
    /// revisions beyond `maxHistory - 1` (keeping the last deployed), then creates the Secret with
    /// a `createdAt` label. Fails with `.alreadyExists` when the revision exists.
    public func create(_ release: StoredRelease) async throws {
        try Self.validate(name: release.name)
        if maxHistory > 0 { try await removeLeastRecent(name: release.name, keep: maxHistory - 1) }
        do {
            _ = try await cluster.create(stored(release.secret(extraLabels: ["createdAt": Self.unix(now())])), options: writeOptions)
        } catch let error as ClusterError where error.reason == .alreadyExists {
            throw HelmStorageError(.alreadyExists, "release \"\(release.name)\" revision \(release.version) already exists in namespace \(namespace)")
        }
    }

    /// Replaces a revision's record (`Storage.Update`) with a `modifiedAt` label; used for status
    /// changes (deployed, superseded, failed, uninstalling, uninstalled).
    public func update(_ release: StoredRelease) async throws {
        try await update(release, at: now())
    }

    func update(_ release: StoredRelease, at moment: Date) async throws {
        try Self.validate(name: release.name)
        do {
            _ = try await cluster.update(stored(release.secret(extraLabels: ["modifiedAt": Self.unix(moment)])), options: writeOptions)
        } catch let error as ClusterError where error.reason == .notFound {
            throw HelmStorageError(.notFound, "release \"\(release.name)\" revision \(release.version) not found in namespace \(namespace); create it before updating it")
        }
    }

    /// The record's Secret lives in this store's namespace (Helm's driver namespace), which
    /// differs from the release's own namespace when a storage namespace is set.
    func stored(_ secret: KubeObject) -> KubeObject {
        var secret = secret
        secret.namespace = namespace
        return secret
    }

    /// Deletes a revision's record and returns it (`Storage.Delete`).
    @discardableResult
    public func delete(name: String, version: Int) async throws -> StoredRelease {
        let release = try await get(name: name, version: version)
        try await cluster.delete(ref(name, version), options: DeleteOptions())
        return release
    }

    /// Helm's release-name rule (`chartutil.ValidateReleaseName`): a DNS-1123 subdomain of at
    /// most 53 characters, so `<name>.v<N>` fits Secret names and the name fits a label value.
    public static func validate(name: String) throws {
        let bytes = Array(name.utf8)
        func alnum(_ b: UInt8) -> Bool { (97...122).contains(b) || (48...57).contains(b) }
        let valid = !bytes.isEmpty && bytes.count <= 53 && alnum(bytes.first!) && alnum(bytes.last!)
            && bytes.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
            && !name.contains("..") && !name.contains(".-") && !name.contains("-.")
        guard valid else {
            throw HelmStorageError(.invalid, "release name \"\(name)\" is invalid: use at most 53 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit")
        }
    }
}
