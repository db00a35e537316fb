import Foundation

/// When and how long a `KubeClient` waits before repeating a request.
///
/// client-go retries a response with status 429 or 5xx that carries `Retry-After`
/// (`rest/request.go`, `checkWait`), waiting the seconds the server asked for. This client
/// retries 429 and 5xx with or without the header: with it, the wait is what the server asked
/// (capped at `maxRetryAfter`); without it, exponential backoff `baseDelay · 2^(attempt-1)`
/// capped at `maxDelay`. Connection failures are retried only when nothing can have reached the
/// server (connection refused) or the request is a read; a write whose connection broke is
/// reported, never repeated blindly.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included (1 disables retries).
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The longest `Retry-After` honoured; a server asking for more gets this.
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(8),
                maxRetryAfter: Duration = .seconds(30)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Whether an answer with this status is worth repeating.
    static func isRetryable(status: Int) -> Bool { status == 429 || (500...599).contains(status) }

    /// The wait before attempt `attempt + 1` (attempts count from 1), given the server's
    /// `Retry-After` header if it sent one.
    func delay(afterAttempt attempt: Int, retryAfter: String?) -> Duration {
        if let retryAfter, let seconds = Self.retryAfterSeconds(retryAfter) {
            return min(.seconds(seconds), maxRetryAfter)
        }
        var delay = baseDelay
        for _ in 1..<max(1, attempt) where delay < maxDelay { delay = delay * 2 }
        return min(delay, maxDelay)
    }

    /// `Retry-After` as delta seconds (what kube-apiserver sends). An HTTP date is not used by
    /// the API server and is treated as absent, as client-go does.
    static func retryAfterSeconds(_ value: String) -> Int? {
        guard let seconds = Int(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return seconds
    }
}
