import GitOpsAPI

/// Status updates of a GitRepository, with Flux's conditions and reasons.
enum SourceStatus {
    static func conditions(_ status: JSONValue) -> Conditions { Conditions(json: status["conditions"]) }

    static func setReady(_ status: inout JSONValue, artifact: Artifact, generation: Int, requestedAt: String?) {
        var c = conditions(status)
        c.remove(ConditionType.reconciling)
        c.remove(ConditionType.stalled)
        c.remove(ConditionType.fetchFailed)
        let message = "stored artifact for revision '\(artifact.revision)'"
        c.set(Condition(type: ConditionType.ready, status: .true, reason: Reason.succeeded, message: message, observedGeneration: generation))
        c.set(Condition(type: ConditionType.artifactInStorage, status: .true, reason: Reason.succeeded, message: message, observedGeneration: generation))
        status["conditions"] = c.json
        status["artifact"] = artifact.json
        status["observedGeneration"] = .int(generation)
        if let requestedAt { status["lastHandledReconcileAt"] = .string(requestedAt) }
    }

    /// A failed fetch: Ready=False, FetchFailed=True; the last artifact stays in place.
    static func setFailed(_ status: inout JSONValue, reason: String, message: String, generation: Int, requestedAt: String?) {
        var c = conditions(status)
        c.remove(ConditionType.reconciling)
        c.set(Condition(type: ConditionType.ready, status: .false, reason: reason, message: message, observedGeneration: generation))
        c.set(Condition(type: ConditionType.fetchFailed, status: .true, reason: reason, message: message, observedGeneration: generation))
        status["conditions"] = c.json
        status["observedGeneration"] = .int(generation)
        if let requestedAt { status["lastHandledReconcileAt"] = .string(requestedAt) }
    }

    static func setStalled(_ status: inout JSONValue, reason: String, message: String, generation: Int) {
        var c = conditions(status)
        c.set(Condition(type: ConditionType.ready, status: .false, reason: reason, message: message, observedGeneration: generation))
        c.set(Condition(type: ConditionType.stalled, status: .true, reason: reason, message: message, observedGeneration: generation))
        status["conditions"] = c.json
        status["observedGeneration"] = .int(generation)
    }
}
