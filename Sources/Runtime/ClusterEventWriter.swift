import Cluster
import Foundation
import GitOpsAPI
import Logging

/// Mirrors the components' events into the cluster as core/v1 Events about our objects, as
/// Flux's controllers do, so `kubectl describe kustomization x` and `kubectl get events` show
/// them. Best effort: the durable event log stays the record (notifications are read from it);
/// an Event the API server refuses is logged and skipped. Trace events stay out of the cluster.
public actor ClusterEventWriter {
    let cluster: any ClusterClient
    let events: EventLog
    let logger = Logger(label: "cluster-events")
    let host = ProcessInfo.processInfo.hostName

    public init(cluster: any ClusterClient, events: EventLog) {
        self.cluster = cluster
        self.events = events
    }

    /// Writes the events appended from now on until cancelled.
    public func run() async {
        let wakeups = events.notifications()
        var cursor = (try? events.lastID()) ?? 0
        var iterator = wakeups.makeAsyncIterator()
        while !Task.isCancelled {
            while let batch = try? events.events(after: cursor), !batch.isEmpty {
                for (id, event) in batch {
                    cursor = id
                    await write(event)
                }
            }
            guard await iterator.next() != nil else { return }
        }
    }

    func write(_ event: Event) async {
        guard event.severity != .trace else { return }
        let object = Self.coreEvent(event, host: host)
        do {
            _ = try await cluster.create(object, options: WriteOptions(fieldManager: event.reportingController))
        } catch {
            logger.warning("could not write Event", metadata: ["object": "\(event.involvedObject)", "reason": "\(event.reason)", "error": "\(error)"])
        }
    }

    /// The core/v1 Event for one of our events (client-go's `record` package shape).
    public static func coreEvent(_ event: Event, host: String, now: Date = Date()) -> KubeObject {
        let involved = event.involvedObject
        let namespace = involved.namespace ?? "default"
        let nanos = UInt64(now.timeIntervalSince1970 * 1_000_000_000)
        var object = KubeObject(apiVersion: "v1", kind: "Event", name: "\(involved.name).\(String(nanos, radix: 16))", namespace: namespace)
        // Flux puts the event's metadata in annotations prefixed with the object's API group.
        let group = GroupVersion(involved.apiVersion).group
        if !event.metadata.isEmpty {
            object.annotations = Dictionary(uniqueKeysWithValues: event.metadata.map { (group.isEmpty ? $0.key : "\(group)/\($0.key)", $0.value) })
        }
        var ref: JSONObject = ["apiVersion": .string(involved.apiVersion), "kind": .string(involved.kind),
                               "name": .string(involved.name), "namespace": .string(namespace)]
        if !event.involvedUID.isEmpty { ref["uid"] = .string(event.involvedUID) }
        object.body["involvedObject"] = .object(ref)
        object.body["reason"] = .string(event.reason)
        object.body["message"] = .string(event.message)
        object.body["type"] = .string(event.severity == .error ? "Warning" : "Normal")
        object.body["source"] = ["component": .string(event.reportingController), "host": .string(host)]
        object.body["firstTimestamp"] = .string(event.timestamp)
        object.body["lastTimestamp"] = .string(event.timestamp)
        object.body["count"] = 1
        object.body["reportingComponent"] = .string(event.reportingController)
        object.body["reportingInstance"] = .string(host)
        return object
    }
}
