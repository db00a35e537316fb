import GitOpsAPI

/// What one reconcile of a Kustomization came to; `commit` turns it into status, events and the
/// next run time.
struct Outcome: Sendable {
    enum Result: Sendable {
        /// The source revision is applied and healthy.
        case succeeded
        /// The source revision failed its health checks and the last healthy one was re-applied.
        case rolledBack(RollbackRecord)
        /// The source revision is the one that failed before: the last healthy one was kept in place.
        case heldBack(RollbackRecord)
        /// Nothing further could be done; retried with backoff.
        case failed(reason: String, message: String)
        /// Waiting for something else (a dependency, the source's first artifact).
        case waiting(reason: String, message: String)

        var summary: String {
            switch self {
            case .succeeded: return "succeeded"
            case .rolledBack: return "rolled back"
            case .heldBack: return "held at last healthy revision"
            case .failed(let reason, _): return "failed (\(reason))"
            case .waiting(let reason, _): return "waiting (\(reason))"
            }
        }
    }

    var result: Result
    /// The source revision this reconcile was about.
    var revision: String?
    /// The artifact now applied, when something was applied successfully.
    var appliedArtifact: Artifact?
    /// `Kind/ns/name created|configured|deleted` lines.
    var changes: [String] = []
    /// Objects changed outside Git and left so (`driftDetection.mode: warn`), with their fields;
    /// nil when drift was corrected rather than reported.
    var drift: [String]?
    /// Whether health was checked (sets the Healthy condition).
    var healthChecked = false

    init(_ result: Result, revision: String? = nil) {
        self.result = result
        self.revision = revision
    }
}

/// A failure of one phase, with Flux's reason.
struct PhaseError: Error {
    var reason: String
    var message: String
}
