import Foundation
import GitOpsAPI

/// Status updates of a HelmRepository, with Flux's conditions and messages.
enum HelmRepositoryStatus {
    /// Ready=True, ArtifactInStorage=True, the artifact; FetchFailed, Stalled and Reconciling
    /// removed. Flux's Ready message after a fetch is this event text: "stored fetched index of
    /// size 1.234kB from 'https://…'"; ArtifactInStorage says "stored artifact: revision '…'".
    static func setReady(_ status: inout JSONValue, artifact: Artifact, message: String, generation: Int, requestedAt: String?) {
        var c = SourceStatus.conditions(status)
        c.remove(ConditionType.reconciling)
        c.remove(ConditionType.stalled)
        c.remove(ConditionType.fetchFailed)
        c.set(Condition(type: ConditionType.ready, status: .true, reason: Reason.succeeded, message: message, observedGeneration: generation))
        c.set(Condition(type: ConditionType.artifactInStorage, status: .true, reason: Reason.succeeded,
                        message: "stored artifact: revision '\(artifact.revision)'", observedGeneration: generation))
        status["conditions"] = c.json
        status["artifact"] = artifact.json
        status["url"] = .string(artifact.url)
        status["observedGeneration"] = .int(generation)
        if let requestedAt { status["lastHandledReconcileAt"] = .string(requestedAt) }
    }

    /// Flux's event and Ready text for a stored index.
    static func storedMessage(size: Int, url: String) -> String {
        "stored fetched index of size \(humanSize(size)) from '\(redact(url))'"
    }

    /// docker/go-units' `HumanSize`, which Flux uses: decimal units (1000), four significant
    /// digits, `%.4g` then the unit with no space ("523B", "1.234kB", "12.5MB").
    static func humanSize(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        var size = Double(bytes), unit = 0
        while size >= 1000, unit < units.count - 1 {
            size /= 1000
            unit += 1
        }
        return String(format: "%.4g", size) + units[unit]
    }
}
