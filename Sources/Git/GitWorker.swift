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
                do {
                    continuation.resume(returning: try body())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "gitops-git"
            // libgit2 and libssh2 keep modest frames; 1 MiB is ample and keeps many idle threads cheap.
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
