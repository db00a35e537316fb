/// A component's work queue: one in-flight reconcile per key, each key due at a time of its own
/// (interval, retry with backoff, or now when woken), at most `concurrency` running at once.
///
/// A key woken while it is being reconciled runs again as soon as that reconcile ends, so a
/// change that arrives mid-reconcile is never lost.
public actor ReconcileQueue<Key: Hashable & Sendable> {
    private var due: [Key: ContinuousClock.Instant] = [:]
    private var inFlight: Set<Key> = []
    private var wokenInFlight: Set<Key> = []
    private var removed: Set<Key> = []
    private let concurrency: Int
    private let clock = ContinuousClock()
    private var tick: Duration

    /// - Parameters:
    ///   - concurrency: how many keys reconcile at once.
    ///   - tick: how often the loop looks for due keys when nothing woke it.
    public init(concurrency: Int = 4, tick: Duration = .milliseconds(50)) {
        self.concurrency = concurrency
        self.tick = tick
    }

    /// Makes `key` due after `delay`, unless it is already due sooner.
    public func schedule(_ key: Key, after delay: Duration) {
        removed.remove(key)
        let at = clock.now.advanced(by: delay)
        if let current = due[key], current <= at { return }
        due[key] = at
    }

    /// Makes `key` due now (a trigger: new revision, webhook, user request).
    public func wake(_ key: Key) {
        removed.remove(key)
        if inFlight.contains(key) { wokenInFlight.insert(key) }
        due[key] = clock.now
    }

    /// Forgets `key` (its object was deleted); an in-flight reconcile finishes but is not rescheduled.
    public func remove(_ key: Key) {
        due[key] = nil
        wokenInFlight.remove(key)
        removed.insert(key)
    }

    public var keys: Set<Key> { Set(due.keys).union(inFlight) }
    public var depth: Int { due.count }

    private func takeDue() -> [Key] {
        let now = clock.now
        var ready: [(Key, ContinuousClock.Instant)] = []
        for (key, at) in due where at <= now && !inFlight.contains(key) { ready.append((key, at)) }
        ready.sort { $0.1 < $1.1 }
        let picked = ready.prefix(max(0, concurrency - inFlight.count)).map(\.0)
        for key in picked {
            due[key] = nil
            inFlight.insert(key)
        }
        return picked
    }

    private func finished(_ key: Key, next: Duration?) {
        inFlight.remove(key)
        if removed.contains(key) { return }
        if wokenInFlight.remove(key) != nil {
            due[key] = clock.now
        } else if let next {
            schedule(key, after: next)
        }
    }

    /// Runs reconciles until the task is cancelled; then waits for the ones in flight to finish
    /// (graceful shutdown). `handler` returns when to run the key again (nil: only when woken).
    public func run(_ handler: @escaping @Sendable (Key) async -> Duration?) async {
        await withTaskGroup(of: Void.self) { group in
            while !Task.isCancelled {
                for key in takeDue() {
                    group.addTask {
                        let next = await handler(key)
                        await self.finished(key, next: next)
                    }
                }
                try? await Task.sleep(for: tick)
            }
            await group.waitForAll()
        }
    }
}

/// Exponential backoff for failed reconciles: `base × 2^(failures−1)`, capped, with ±10 % jitter
/// so objects that failed together do not retry in lockstep.
public enum Backoff {
    public static func delay(base: Duration, failures: Int, cap: Duration) -> Duration {
        guard failures > 0 else { return base }
        let factor = Double(1 << min(failures - 1, 16))
        let seconds = min(base.seconds * factor, cap.seconds)
        return .seconds(seconds * Double.random(in: 0.9...1.1))
    }

    /// Adds ±`fraction` jitter to an interval (Flux's controllers jitter their intervals too).
    public static func jitter(_ interval: Duration, fraction: Double = 0.05) -> Duration {
        .seconds(interval.seconds * Double.random(in: (1 - fraction)...(1 + fraction)))
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
