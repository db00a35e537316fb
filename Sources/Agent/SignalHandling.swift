import Dispatch
import Foundation

/// Turns SIGTERM and SIGINT into cancellation of a task, so the agent finishes the reconciles
/// in flight and exits cleanly (Kubernetes sends SIGTERM before SIGKILL).
public enum SignalHandling {
    /// Keeps the signal sources alive for the life of the process.
    nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []

    public static func cancelOnTermination(_ task: Task<Void, Never>, onSignal: @escaping @Sendable (Int32) -> Void = { _ in }) {
        for sig in [SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                onSignal(sig)
                task.cancel()
            }
            source.resume()
            sources.append(source)
        }
    }
}
