import Foundation
import Synchronization

/// One lane per Provider: its deliveries go out in order, one at a time, while other
/// Providers' lanes run beside it. A receiver that times out holds up only its own lane; a
/// cycle of the component starts lanes and returns without waiting for them.
///
/// After a failed attempt the lane pauses until that delivery's retry is due (or the
/// `Retry-After` the receiver asked for), so a receiver that is down is probed once per backoff
/// step instead of with every queued event. The bookkeeping is in memory: after a restart every
/// due delivery is tried at once, which is at least once, as promised.
final class DeliveryLanes: Sendable {
    private struct State {
        var running: [Outbox.ProviderKey: Task<Void, Never>] = [:]
        var pausedUntil: [Outbox.ProviderKey: Double] = [:]
        var stopping = false
    }

    private let state = Mutex(State())

    init() {}

    /// Starts `body` as the lane of `provider` unless one runs, it is paused, or lanes stop.
    func start(_ provider: Outbox.ProviderKey, now: Double, _ body: @escaping @Sendable () async -> Void) {
        state.withLock { state in
            guard !state.stopping, state.running[provider] == nil else { return }
            if let until = state.pausedUntil[provider], until > now { return }
            state.pausedUntil[provider] = nil
            // The task removes itself when done; it cannot get there before this insertion
            // because removing needs the lock held here.
            state.running[provider] = Task { [weak self] in
                await body()
                self?.state.withLock { _ = $0.running.removeValue(forKey: provider) }
            }
        }
    }

    /// Keeps `provider`'s lane from starting again before `until`.
    func pause(_ provider: Outbox.ProviderKey, until: Double) {
        state.withLock { $0.pausedUntil[provider] = until }
    }

    /// Whether lanes should finish the delivery in hand and start no other.
    var isStopping: Bool { state.withLock { $0.stopping } }

    /// Providers with a lane running now.
    var active: Set<Outbox.ProviderKey> { state.withLock { Set($0.running.keys) } }

    /// Starts no more lanes and waits for the running ones to finish their delivery in hand.
    func stopAndDrain() async {
        let tasks = state.withLock { state in
            state.stopping = true
            return Array(state.running.values)
        }
        for task in tasks { await task.value }
    }
}
