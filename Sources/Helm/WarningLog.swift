import Foundation

/// Warnings Helm prints to stderr while it loads and coalesces values (`log.Printf`), collected
/// so that `gitops template` can print them and the release controller can record them.
public final class WarningLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [(message: String, source: String?)] = []

    public init() {}

    /// `source`: the Go file and line helm logs it from (`coalesce.go:237`), printed before it.
    public func append(_ message: String, source: String? = nil) {
        lock.lock(); defer { lock.unlock() }
        storage.append((message, source))
    }

    /// The messages alone.
    public var messages: [String] {
        lock.lock(); defer { lock.unlock() }
        return storage.map(\.message)
    }

    /// As helm prints them to stderr (Go's `log` with `Lshortfile`: `coalesce.go:237: warning: …`).
    public var printed: [String] {
        lock.lock(); defer { lock.unlock() }
        return storage.map { entry in entry.source.map { "\($0): \(entry.message)" } ?? entry.message }
    }
}
