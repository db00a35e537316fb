extension ReleaseStore {
    /// Helm's `Storage.removeLeastRecent`: deletes the oldest revisions until at most `keep`
    /// remain, never deleting the newest deployed revision.
    func removeLeastRecent(name: String, keep: Int) async throws {
        guard keep >= 0 else { return }
        let history = try await history(name: name)
        guard history.count > keep else { return }
        let lastDeployed = try await self.lastDeployed(name: name)
        var doomed: [Int] = []
        for release in history {
            if history.count - doomed.count == keep { break }
            if release.version != lastDeployed?.version { doomed.append(release.version) }
        }
        var failures: [String] = []
        for version in doomed {
            do {
                try await delete(name: name, version: version)
            } catch {
                failures.append("revision \(version): \(error)")
            }
        }
        if !failures.isEmpty {
            throw HelmStorageError(.corrupt, "pruning the history of release \"\(name)\" failed for \(failures.count) record(s); first: \(failures[0])")
        }
    }

    /// The first half of `helm uninstall`: the newest revision is marked `uninstalling` with
    /// `deleted` set and stored; the caller then deletes the release's objects and calls
    /// `finishUninstall`. Fails with `.notFound` for an unknown release and `.invalid` for one
    /// already uninstalled (Helm's "the release named … is already deleted").
    public func beginUninstall(name: String) async throws -> StoredRelease {
        guard var release = try await last(name: name) else {
            throw HelmStorageError(.notFound, "release \"\(name)\" not found in namespace \(namespace)")
        }
        guard release.info.status != .uninstalled else {
            throw HelmStorageError(.invalid, "the release named \"\(name)\" is already deleted")
        }
        release.info.status = .uninstalling
        // One reading of the clock for both `deleted` and the `modifiedAt` label.
        let moment = now()
        release.info.deleted = GoTime(moment)
        release.info.description = "Deletion in progress (or silently failed)"
        try await update(release, at: moment)
        return release
    }

    /// The second half of `helm uninstall`: with `keepHistory`, the revision becomes `uninstalled`
    /// ("Uninstallation complete" unless `description` says otherwise) and any other `deployed`
    /// revision `superseded`; without it, every record of the release is deleted.
    @discardableResult
    public func finishUninstall(_ release: StoredRelease, keepHistory: Bool, description: String = "") async throws -> StoredRelease {
        var release = release
        release.info.status = .uninstalled
        release.info.description = description.isEmpty ? "Uninstallation complete" : description
        guard keepHistory else {
            for record in try await history(name: release.name) {
                try await delete(name: record.name, version: record.version)
            }
            return release
        }
        try await update(release)
        for var other in try await deployedAll(name: release.name) {
            other.info.status = .superseded
            try await update(other)
        }
        return release
    }
}
