import Cluster
import Foundation
import GitOpsAPI
import Runtime

extension NotificationController {
    /// Reads events past the cursor and records a delivery per matching Alert, in one transaction.
    func route() async {
        do {
            let pending = try eventLog.events(after: outbox.cursor)
            guard let last = pending.last?.id else { return }
            var rows: [(eventID: Int, alertNamespace: String, alertName: String, providerNamespace: String, providerName: String, body: String)] = []
            // Alerts are read fresh: one applied in the same revision as the event's cause must
            // see that event, even before the watcher reports the Alert.
            let decoded = try await cluster.list(ListQuery(apiVersion: Alert.apiVersion, kind: Alert.kind)).compactMap { try? Alert($0) }
            let needsLabels = decoded.contains(where: AlertMatcher.needsLabels)
            for (id, event) in pending {
                var labels: [String: String]?
                if needsLabels {
                    labels = (try? await cluster.get(event.involvedObject))?.labels
                }
                for alert in decoded where AlertMatcher.matches(alert, event, labels: labels) && noise.admit(event, for: alert) {
                    let payload = AlertMatcher.payload(event, for: alert)
                    rows.append((id, alert.metadata.namespace, alert.metadata.name, alert.metadata.namespace,
                                 alert.spec.providerRef.name, payload.json.jsonString()))
                }
            }
            try outbox.route(rows, through: last)
        } catch {
            logger.error("could not route events", metadata: ["error": "\(error)"])
        }
    }
}
