import Foundation

/// Warnings Helm prints to stderr while it loads and coalesces values (`log.Printf`), collected
/// so that `gitops template` can print them and the release controller can record them.
public final class WarningLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    public init() {}

    public func append(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        storage.append(message)
    }

    public var messages: [String] {
        lock.lock(); defer { lock.unlock() }
        return storage
    }
}
