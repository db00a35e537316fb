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
    /// One delivery lane per Provider (see ``DeliveryLanes``).
    let lanes = DeliveryLanes()
    /// Folds repeated events and applies the transitions-only Alert mode.
    let noise: NoiseFilter

    public struct Settings: Sendable {
        /// First retry delay; doubles per attempt up to `maxRetryDelay`.
        public var retryBase: Duration
        public var maxRetryDelay: Duration
        /// A delivery not accepted within this time is given up: marked undeliverable, with a
        /// `NotificationUndeliverable` warning event on the Provider.
        public var maxAge: Duration
        /// Attempts per delivery before it is given up the same way.
        public var maxAttempts: Int
        /// Identical events (volatile text masked) sent to the same Alert within this window are folded.
        public var foldWindow: Duration = .seconds(300)
        /// How often the outbox is checked when nothing woke the component.
        public var poll: Duration

        public init(retryBase: Duration = .seconds(2), maxRetryDelay: Duration = .seconds(300), maxAge: Duration = .seconds(86_400), poll: Duration = .milliseconds(500),
                    maxAttempts: Int = 10) {
            self.retryBase = retryBase
            self.maxRetryDelay = maxRetryDelay
            self.maxAge = maxAge
            self.poll = poll
            self.maxAttempts = max(1, maxAttempts)
        }
    }

    /// - Parameter outboxPath: the SQLite file of the outbox.
    public init(cluster: any ClusterClient, events: EventLog, outboxPath: String, http: CurlClient, settings: Settings = Settings()) throws {
        self.cluster = cluster
        self.eventLog = events
        self.outbox = try Outbox(path: outboxPath)
        self.http = http
        self.settings = settings
        self.noise = NoiseFilter(window: settings.foldWindow)
    }

    /// Alerts and Providers are read from the cluster when they are needed, so changes need no
    /// bookkeeping here. A Receiver that appears or changes is reconciled at once, so its
    /// `status.webhookPath` is there before anyone calls the hook.
    public func observe(_ change: ObjectChange) async {
        guard change.kind != .deleted, change.object.apiVersion == Receiver.apiVersion, change.object.kind == Receiver.kind else { return }
        await reconcileReceiver(ObjectKey(change.object))
    }

    /// How often every Receiver is reconciled again: Secrets are not watched, so a rotated
    /// token reaches `status.webhookPath` within this time.
    static let receiverResync: Duration = .seconds(60)

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
        let resync = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.receiverResync)
                guard let self, !Task.isCancelled else { return }
                await self.resyncReceivers()
            }
        }
        while !Task.isCancelled {
            await cycle()
            try? await Task.sleep(for: poll)
        }
        waker.cancel()
        resync.cancel()
        await cycle()
        // The final cycle may have been skipped while the waker's ran; lanes finish either way.
        await lanes.stopAndDrain()
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

    /// Delivery counts by state (`pending`, `sent`, `dropped`, `undeliverable`).
    public func deliveryCounts() -> [String: Int] { outbox.counts() }
}

