import Foundation
import GitOpsAPI
import Synchronization

/// Keeps notifications to what people act on. Flux users' most common complaint is floods of
/// near-identical messages (notification-controller#158, #445, #1386), made worse because
/// Flux's deduplication key includes volatile text such as "finished in 2.084s" (#509).
///
/// - **Folding**: an event identical to one an Alert already sent within `window` is folded
///   into it. "Identical" compares a key free of volatile text: durations, timestamps, pod
///   name suffixes and long hex ids are masked before comparing.
/// - **Transitions mode** (users asked for it in #76): an Alert annotated
///   `notification.gitops.dev/mode: transitions` hears only of changes — a failure after
///   success, a recovery after failure, a new revision applied — not of every retry. An
///   annotation rather than a spec field, so the Alert stays valid for Flux itself.
///
/// The memory is in-process: after a restart the first event of each kind is sent again,
/// which errs on the side of telling people.
public final class NoiseFilter: Sendable {
    public static let modeAnnotation = "notification.gitops.dev/mode"

    struct ObjectState {
        var failing: Bool
        var revision: String?
    }

    struct State {
        var lastSent: [String: Date] = [:]
        var objects: [String: ObjectState] = [:]
    }

    let window: TimeInterval
    private let state = Mutex(State())

    public init(window: Duration = .seconds(300)) {
        self.window = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
    }

    /// Whether `alert` should send `event` now; records it as sent when so.
    public func admit(_ event: Event, for alert: Alert, now: Date = Date()) -> Bool {
        let alertKey = "\(alert.metadata.namespace)/\(alert.metadata.name)"
        let objectKey = "\(alertKey)|\(event.involvedObject.kind)/\(event.involvedObject.namespace ?? "")/\(event.involvedObject.name)"
        let transitionsOnly = alert.metadata.annotations[Self.modeAnnotation] == "transitions"
        let key = "\(objectKey)|\(Self.foldingKey(event))"
        return state.withLock { state in
            if transitionsOnly {
                let previous = state.objects[objectKey]
                let failing = event.severity == .error
                let revision = event.metadata["revision"]
                let isTransition: Bool
                switch previous {
                case nil: isTransition = true
                case let p?:
                    isTransition = p.failing != failing || (!failing && revision != nil && revision != p.revision)
                }
                var next = previous ?? ObjectState(failing: failing, revision: nil)
                next.failing = failing
                if !failing, let revision { next.revision = revision }
                state.objects[objectKey] = next
                if !isTransition { return false }
            }
            if let last = state.lastSent[key], now.timeIntervalSince(last) < window { return false }
            state.lastSent[key] = now
            // Forget keys past the window so the table stays small.
            if state.lastSent.count > 10_000 {
                state.lastSent = state.lastSent.filter { now.timeIntervalSince($0.value) < window }
            }
            return true
        }
    }

    /// The event with volatile text masked: what two notifications must share to be "the same".
    static func foldingKey(_ event: Event) -> String {
        var message = event.message
        for (pattern, replacement) in volatile {
            message = pattern.stringByReplacingMatches(in: message, range: NSRange(message.startIndex..., in: message), withTemplate: replacement)
        }
        return [event.severity.rawValue, event.reason, event.metadata["revision"] ?? "", message].joined(separator: "|")
    }

    static let volatile: [(NSRegularExpression, String)] = [
        // RFC 3339 timestamps.
        (#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})"#, "<time>"),
        // Durations: 2.084s, 500ms, 1m30s, 1h0m0s.
        (#"\b\d+(\.\d+)?(ns|µs|us|ms|s|m|h)(\d+(\.\d+)?(ms|s|m))*\b"#, "<duration>"),
        // Pod names: <workload>-<replicaset hash>-<5 chars>.
        (#"-[a-z0-9]{6,10}-[a-z0-9]{5}\b"#, "-<pod>"),
        // Long hex ids that are not the revision (uids, hashes).
        (#"\b[0-9a-f]{16,}\b"#, "<id>"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }
}
