import Cluster
import Curl
import Foundation
import GitOpsAPI
import Logging
import Runtime

/// The Notification component: routes every event in the event log to the Alerts that select
/// it, and delivers each through its Provider from a durable outbox, retrying with exponential
/// backoff until the receiver accepts it. Nothing is lost when a receiver is down or the agent
/// restarts: the outbox and its cursor are on disk.
public actor NotificationController: Component {
    public nonisolated let name = "notification-controller"
    let cluster: any ClusterClient
    let eventLog: EventLog
    let outbox: Outbox
    let http: CurlClient
    let logger = Logger(label: "notification-controller")
    let settings: Settings

    public struct Settings: Sendable {
        /// First retry delay; doubles per attempt up to `maxRetryDelay`.
        public var retryBase: Duration
        public var maxRetryDelay: Duration
        /// A delivery not accepted within this time is given up (and logged as an error).
        public var maxAge: Duration
        /// How often the outbox is checked when nothing woke the component.
        public var poll: Duration

        public init(retryBase: Duration = .seconds(2), maxRetryDelay: Duration = .seconds(300), maxAge: Duration = .seconds(86_400), poll: Duration = .milliseconds(500)) {
            self.retryBase = retryBase
            self.maxRetryDelay = maxRetryDelay
            self.maxAge = maxAge
            self.poll = poll
        }
    }

    /// - Parameter outboxPath: the SQLite file of the outbox.
    public init(cluster: any ClusterClient, events: EventLog, outboxPath: String, http: CurlClient, settings: Settings = Settings()) throws {
        self.cluster = cluster
        self.eventLog = events
        self.outbox = try Outbox(path: outboxPath)
        self.http = http
        self.settings = settings
    }

    /// Alerts and Providers are read from the cluster when they are needed, so changes need no
    /// bookkeeping here.
    public func observe(_ change: ObjectChange) async {}

    /// Routes and delivers until cancelled. Deliveries in flight finish before it returns.
    public func run() async {
        let wakeups = eventLog.notifications()
        let poll = settings.poll
        // A separate task turns event-log appends into prompt routing.
        let waker = Task { [weak self] in
            for await _ in wakeups {
                guard let self else { return }
                await self.cycle()
            }
        }
        while !Task.isCancelled {
            await cycle()
            try? await Task.sleep(for: poll)
        }
        waker.cancel()
        await cycle()
    }

    private var cycling = false

    /// One pass: route new events, then send what is due.
    func cycle() async {
        guard !cycling else { return }
        cycling = true
        defer { cycling = false }
        await route()
        await deliverDue()
    }

    /// Reads events past the cursor and records a delivery per matching Alert, in one transaction.
    func route() async {
        do {
            let pending = try eventLog.events(after: outbox.cursor)
            guard let last = pending.last?.id else { return }
            var rows: [(eventID: Int, alertNamespace: String, alertName: String, providerNamespace: String, providerName: String, body: String)] = []
            // Alerts are read fresh: one applied in the same revision as the event's cause must
            // see that event, even before the watcher reports the Alert.
            let decoded = try await cluster.list(ListQuery(apiVersion: Alert.apiVersion, kind: Alert.kind)).compactMap { try? Alert($0) }
            for (id, event) in pending {
                var labels: [String: String]?
                if decoded.contains(where: AlertMatcher.needsLabels) {
                    labels = (try? await cluster.get(event.involvedObject))?.labels
                }
                for alert in decoded where AlertMatcher.matches(alert, event, labels: labels) {
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

    func deliverDue() async {
        guard let due = try? outbox.due(), !due.isEmpty else { return }
        await withTaskGroup(of: Void.self) { group in
            for delivery in due {
                group.addTask { await self.deliver(delivery) }
            }
        }
    }

    func deliver(_ delivery: Outbox.Delivery) async {
        let providerKey = ObjectKey(namespace: delivery.providerNamespace, name: delivery.providerName)
        let where_ = "\(delivery.providerNamespace)/\(delivery.providerName)"
        do {
            guard let json = try? JSONValue.parse(json: delivery.body), let event = Event(json: json) else {
                try outbox.markFinished(delivery.id, state: "failed", error: "unreadable event")
                return
            }
            let providerObject = try await cluster.get(ObjectRef(apiVersion: Provider.apiVersion, kind: Provider.kind,
                                                                 namespace: providerKey.namespace, name: providerKey.name))
            guard let providerObject else {
                return try retry(delivery, error: "Provider \(where_) not found")
            }
            let provider = try Provider(providerObject)
            if provider.spec.suspend {
                try outbox.markFinished(delivery.id, state: "dropped", error: "Provider \(where_) is suspended")
                return
            }
            let settings = try await providerSettings(provider)
            let request: CurlRequest
            do {
                request = try ProviderRequest.make(type: provider.spec.type, settings: settings, event: event)
            } catch ProviderRequest.Failure.unsupported(let type) {
                logger.error("notification not sent", metadata: ["provider": "\(where_)", "error": "\(ProviderRequest.Failure.unsupported(type))"])
                try outbox.markFinished(delivery.id, state: "failed", error: "\(ProviderRequest.Failure.unsupported(type))")
                return
            }
            let response = try await http.perform(request)
            if response.isSuccess {
                try outbox.markSent(delivery.id)
                logger.debug("notification sent", metadata: ["provider": "\(where_)", "alert": "\(delivery.alertName)", "reason": "\(event.reason)"])
            } else {
                try retry(delivery, error: "\(provider.spec.type) provider \(where_) answered HTTP \(response.status)")
            }
        } catch let error as CurlError {
            try? retry(delivery, error: "provider \(where_): \(error)")
        } catch {
            try? retry(delivery, error: "provider \(where_): \(error)")
        }
    }

    func retry(_ delivery: Outbox.Delivery, error: String) throws {
        let age = Date().timeIntervalSince1970 - delivery.created
        if age > settings.maxAge.seconds {
            logger.error("notification given up", metadata: ["provider": "\(delivery.providerNamespace)/\(delivery.providerName)", "attempts": "\(delivery.attempts + 1)", "error": "\(error)"])
            try outbox.markFinished(delivery.id, state: "failed", error: error)
            return
        }
        let delay = Backoff.delay(base: settings.retryBase, failures: delivery.attempts + 1, cap: settings.maxRetryDelay)
        logger.warning("notification failed, will retry", metadata: ["provider": "\(delivery.providerNamespace)/\(delivery.providerName)",
                                                                      "attempt": "\(delivery.attempts + 1)", "retryIn": "\(String(format: "%.1fs", delay.seconds))", "error": "\(error)"])
        try outbox.markRetry(delivery.id, after: delay.seconds, error: error)
    }

    /// Spec values overridden by the Secret's keys (`address`, `token`, `headers`, …), as Flux does.
    func providerSettings(_ provider: Provider) async throws -> ProviderRequest.Settings {
        var s = ProviderRequest.Settings(address: provider.spec.address ?? "", token: nil, headers: [], channel: provider.spec.channel,
                                         username: provider.spec.username, timeout: provider.spec.timeout.duration, caBundle: nil, proxy: provider.spec.proxy)
        if let secretRef = provider.spec.secretRef {
            let ref = ObjectRef(apiVersion: "v1", kind: "Secret", namespace: provider.metadata.namespace, name: secretRef.name)
            guard let secret = try await cluster.get(ref) else {
                throw ProviderRequest.Failure.misconfigured("secret '\(provider.metadata.namespace)/\(secretRef.name)' of Provider \(provider.metadata.name) not found")
            }
            let data = SecretData(secret)
            if let address = data["address"] { s.address = address }
            s.token = data["token"]
            if let username = data["username"] { s.username = username }
            if let headers = data["headers"] {
                s.headers = headers.split(separator: "\n").compactMap { line in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (String(line[..<colon]).trimmingCharacters(in: .whitespaces), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
                }
            }
        }
        if let certRef = provider.spec.certSecretRef,
           let secret = try await cluster.get(ObjectRef(apiVersion: "v1", kind: "Secret", namespace: provider.metadata.namespace, name: certRef.name))
        {
            s.caBundle = SecretData(secret)["ca.crt"]
        }
        return s
    }

    /// Delivery counts by state (`pending`, `sent`, `failed`, `dropped`).
    public func deliveryCounts() -> [String: Int] { outbox.counts() }
}

