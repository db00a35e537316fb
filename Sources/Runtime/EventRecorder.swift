import GitOpsAPI
import Logging

/// How components emit events: each goes to the durable event log (for notifications and
/// `gitops events`) and to the log. Recording never throws to the caller: a reconcile's outcome
/// must not depend on the event log, so a failed append is logged as an error instead.
public struct EventRecorder: Sendable {
    let log: EventLog
    let logger: Logger
    public let controller: String

    public init(log: EventLog, controller: String, logger: Logger) {
        self.log = log
        self.controller = controller
        self.logger = logger
    }

    public func record(_ object: KubeObject, severity: Event.Severity, reason: String, message: String, revision: String? = nil) {
        var metadata: [String: String] = [:]
        if let revision { metadata["revision"] = revision }
        let event = Event(involvedObject: object.ref, involvedUID: object.uid ?? "", severity: severity, reason: reason,
                          message: message, metadata: metadata, reportingController: controller)
        do {
            try log.append(event)
        } catch {
            logger.error("could not record event", metadata: ["object": "\(object.id)", "reason": "\(reason)", "error": "\(error)"])
        }
    }
}
