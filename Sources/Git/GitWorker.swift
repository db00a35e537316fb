import Foundation

/// Runs blocking Git work (fetch, export) off Swift's cooperative thread pool.
///
/// On Linux the cooperative pool is about as wide as the machine has cores (2 here); one
/// blocked fetch there stalls every other task. Each call gets its own thread instead: Git
/// work is a few operations per reconcile interval, and a server that hangs (libgit2 1.5
/// has no socket timeouts) then ties up only its own thread.
public enum GitWorker {
    /// Runs `body` on a new thread and resumes with its result or error.
    public static func run<T: Sendable>(_ body: @Sendable @escaping () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                Thread.current.threadDictionary[markerKey] = true
                do {
                    continuation.resume(returning: try body())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            // libgit2 and libssh2 keep modest frames; 1 MiB is ample and keeps many idle threads cheap.
            thread.stackSize = 1 << 20
            thread.name = "gitops-git"
            thread.start()
        }
    }

    /// True on a thread `run` started: lets tests and assertions check that blocking Git work
    /// is not on the cooperative pool.
    public static var isWorkerThread: Bool {
        Thread.current.threadDictionary[markerKey] as? Bool ?? false
    }

    private static let markerKey = "gitops.GitWorker"
}
