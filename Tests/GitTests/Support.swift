import Foundation
import Git
import TestSupport

/// A fresh directory for a mirror or an export, removed at process exit by the OS's tmp policy.
func scratchDirectory(_ name: String = "mirror") throws -> String {
    try GitFixture.temporaryDirectory(prefix: "gittests-\(name)")
}

/// Opens (or creates) the mirror at `directory` on a Git worker thread, fetches, and runs `body`.
func fetched<T: Sendable>(
    _ url: String, into directory: String? = nil, credentials: GitCredentials? = nil,
    timeout: Duration = .seconds(30), _ body: @Sendable @escaping (GitMirror) throws -> T
) async throws -> T {
    let directory = try directory ?? scratchDirectory()
    return try await GitWorker.run {
        let mirror = try GitMirror(url: url, directory: directory)
        try mirror.fetch(credentials: credentials, timeout: timeout)
        return try body(mirror)
    }
}

/// Fetches expecting failure; returns the `GitError`.
func fetchError(_ url: String, credentials: GitCredentials? = nil, timeout: Duration = .seconds(30)) async throws -> GitError {
    do {
        _ = try await fetched(url, credentials: credentials, timeout: timeout) { _ in true }
    } catch let error as GitError {
        return error
    }
    throw FetchUnexpectedlySucceeded(url: url)
}

struct FetchUnexpectedlySucceeded: Error { let url: String }
