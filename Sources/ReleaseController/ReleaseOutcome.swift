import GitOpsAPI

/// What one reconcile of a HelmRelease came to; `commit` writes it as status and events.
struct ReleaseOutcome: Sendable {
    enum Result: Sendable {
        /// Released (or already up to date) and healthy.
        case ready(reason: String, message: String)
        /// An action failed; retried with backoff (remediation may already have run).
        case failed(reason: String, message: String)
        /// Waiting for something else (a dependency, the source's first artifact).
        case waiting(reason: String, message: String)
        /// Retries exhausted: needs a change from a person.
        case stalled(reason: String, message: String)
    }

    var result: Result
    var status: HelmReleaseStatus
    var chartVersion: String?
    /// Events to record, in order: (severity, reason, message).
    var events: [(Event.Severity, String, String)] = []

    init(_ result: Result, status: HelmReleaseStatus) {
        self.result = result
        self.status = status
    }

    var summary: String {
        switch result {
        case .ready(let reason, _): return "ready (\(reason))"
        case .failed(let reason, _): return "failed (\(reason))"
        case .waiting(let reason, _): return "waiting (\(reason))"
        case .stalled(let reason, _): return "stalled (\(reason))"
        }
    }
}

/// A failed step of a release action, with Flux's reason.
struct ReleaseError: Error, CustomStringConvertible {
    var reason: String
    var message: String
    var description: String { message }
}
