import Foundation
import GitOpsAPI

/// Flux's rules for whether an Alert selects an event (notification-controller
/// `eventMatchesAlertSource` and the inclusion/exclusion lists).
enum AlertMatcher {
    /// - Parameter labels: the live labels of the event's object, needed only for `matchLabels`.
    static func matches(_ alert: Alert, _ event: Event, labels: [String: String]?) -> Bool {
        guard !alert.spec.suspend else { return false }
        // An `info` alert takes every event; an `error` alert only errors.
        if alert.spec.eventSeverity == "error" && event.severity != .error { return false }
        let sourceMatch = alert.spec.eventSources.contains { source in
            let namespace = source.namespace ?? alert.metadata.namespace
            guard source.kind == event.involvedObject.kind, namespace == (event.involvedObject.namespace ?? "") else { return false }
            guard source.name == "*" || source.name == event.involvedObject.name || wildcard(source.name, event.involvedObject.name) else { return false }
            if !source.matchLabels.isEmpty {
                guard let labels else { return false }
                return source.matchLabels.allSatisfy { labels[$0.key] == $0.value }
            }
            return true
        }
        guard sourceMatch else { return false }
        if !alert.spec.inclusionList.isEmpty, !alert.spec.inclusionList.contains(where: { matchesRegex($0, event.message) }) { return false }
        if alert.spec.exclusionList.contains(where: { matchesRegex($0, event.message) }) { return false }
        return true
    }

    static func needsLabels(_ alert: Alert) -> Bool { alert.spec.eventSources.contains { !$0.matchLabels.isEmpty } }

    /// `name: "web-*"` style patterns.
    static func wildcard(_ pattern: String, _ name: String) -> Bool {
        guard pattern.contains("*") else { return false }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(name)
        for (i, part) in parts.enumerated() {
            if i == 0 { guard rest.hasPrefix(part) else { return false }; rest = rest.dropFirst(part.count); continue }
            if i == parts.count - 1 { return part.isEmpty || rest.hasSuffix(part) }
            guard let r = rest.range(of: part) else { return false }
            rest = rest[r.upperBound...]
        }
        return true
    }

    static func matchesRegex(_ pattern: String, _ text: String) -> Bool {
        (try? NSRegularExpression(pattern: pattern))?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The event as this alert sends it: Flux merges alert `eventMetadata` and `summary` under
    /// the controller's own keys (which win).
    static func payload(_ event: Event, for alert: Alert) -> Event {
        var event = event
        var metadata = alert.spec.eventMetadata
        if let summary = alert.spec.summary { metadata["summary"] = summary }
        metadata.merge(event.metadata) { $1 }
        event.metadata = metadata
        return event
    }
}
