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

    /// Delivery counts by state (`pending`, `sent`, `failed`, `dropped`).
    public func deliveryCounts() -> [String: Int] { outbox.counts() }
}

