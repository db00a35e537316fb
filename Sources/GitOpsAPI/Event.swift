/// An event about one of our objects, in Flux's shape (fluxcd/pkg/apis/event `Event`): what the
/// Notification component filters and sends, and what `gitops events` prints.
public struct Event: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable { case trace, info, error }

    public var involvedObject: ObjectRef
    public var involvedUID: String
    public var severity: Severity
    public var timestamp: String
    public var reason: String
    public var message: String
    /// Unprefixed keys (`revision`), as Flux's notification-controller sends them.
    public var metadata: [String: String]
    public var reportingController: String
    public var reportingInstance: String

    public init(involvedObject: ObjectRef, involvedUID: String = "", severity: Severity, reason: String, message: String,
                metadata: [String: String] = [:], reportingController: String, reportingInstance: String = "gitops",
                timestamp: String = Timestamp.now())
    {
        self.involvedObject = involvedObject
        self.involvedUID = involvedUID
        self.severity = severity
        self.timestamp = timestamp
        self.reason = reason
        // Flux caps the message at 39000 characters (eventv1 MaxLength).
        self.message = message.count > 39000 ? String(message.prefix(39000)) : message
        self.metadata = metadata
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
    }

    /// The event as Flux's generic provider POSTs it.
    public var json: JSONValue {
        var involved: JSONObject = ["apiVersion": .string(involvedObject.apiVersion), "kind": .string(involvedObject.kind),
                                    "name": .string(involvedObject.name)]
        if let ns = involvedObject.namespace { involved["namespace"] = .string(ns) }
        if !involvedUID.isEmpty { involved["uid"] = .string(involvedUID) }
        var meta = JSONObject()
        for k in metadata.keys.sorted() { meta[k] = .string(metadata[k]!) }
        var o: JSONObject = ["involvedObject": .object(involved), "severity": .string(severity.rawValue),
                             "timestamp": .string(timestamp), "message": .string(message), "reason": .string(reason)]
        if !meta.isEmpty { o["metadata"] = .object(meta) }
        o["reportingController"] = .string(reportingController)
        o["reportingInstance"] = .string(reportingInstance)
        return .object(o)
    }

    public init?(json: JSONValue) {
        guard let inv = json["involvedObject"], let kind = inv["kind"]?.stringValue, let name = inv["name"]?.stringValue else { return nil }
        involvedObject = ObjectRef(apiVersion: inv["apiVersion"]?.stringValue ?? "", kind: kind,
                                   namespace: inv["namespace"]?.stringValue, name: name)
        involvedUID = inv["uid"]?.stringValue ?? ""
        severity = Severity(rawValue: json["severity"]?.stringValue ?? "") ?? .info
        timestamp = json["timestamp"]?.stringValue ?? ""
        reason = json["reason"]?.stringValue ?? ""
        message = json["message"]?.stringValue ?? ""
        metadata = KubeObject.stringMap(json["metadata"])
        reportingController = json["reportingController"]?.stringValue ?? ""
        reportingInstance = json["reportingInstance"]?.stringValue ?? ""
    }
}
