import Synchronization

/// A failure a `KubeAPIServer` plays instead of (or around) its normal answer, for tests of the
/// client's error handling.
public enum Fault: Sendable, Hashable {
    /// Answer with this status and a `Status` body (`TooManyRequests`, `InternalError`,
    /// `ServiceUnavailable`), with `Retry-After: seconds` when given. Nothing is done.
    case status(Int, retryAfter: Int? = nil)
    /// Break the connection in the middle of the answer. With `afterHandling` the request is
    /// carried out first (a write is stored), so only the answer is lost.
    case drop(afterHandling: Bool)
    /// Wait this long, then answer normally.
    case delay(Duration)
    /// Answer exactly this (status, `Content-Type`, body) without doing anything: a `Status`
    /// with causes, or a proxy's HTML error page.
    case answer(Int, contentType: String, body: String)
}

/// Faults armed for the next requests that match.
struct FaultPlan: Sendable {
    struct Entry: Sendable {
        var fault: Fault
        var remaining: Int
        /// Matches paths that start with this (the query is not part of the path).
        var pathPrefix: String
        var method: String?
        /// true: only requests with `dryRun=All`; false: only requests without; nil: both.
        var dryRun: Bool? = nil
    }

    var entries: [Entry] = []

    /// The fault for this request, consuming one use of the first matching entry.
    mutating func take(method: String, path: String, dryRun: Bool) -> Fault? {
        guard let index = entries.firstIndex(where: {
            $0.remaining > 0 && path.hasPrefix($0.pathPrefix) && ($0.method == nil || $0.method == method)
                && ($0.dryRun == nil || $0.dryRun == dryRun)
        }) else { return nil }
        entries[index].remaining -= 1
        let fault = entries[index].fault
        if entries[index].remaining == 0 { entries.remove(at: index) }
        return fault
    }
}

/// One request as the server saw it.
public struct LoggedRequest: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    public var path: String
    /// The raw query string, percent-encoded as sent.
    public var query: String?
    public var contentType: String?
    /// The authenticated user; nil when the request was refused as unauthenticated.
    public var user: String?
    /// The status answered (0 when the connection was dropped).
    public var status: Int

    /// The decoded query parameters.
    public var parameters: [String: String] { QueryString.parse(query) }

    public var description: String { "\(method) \(path)\(query.map { "?\($0)" } ?? "") → \(status)" }
}

/// `a=1&b=x%20y` → `["a": "1", "b": "x y"]` (the last value of a repeated name wins).
enum QueryString {
    static func parse(_ query: String?) -> [String: String] {
        var out: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(String(parts[0]))
            out[name] = parts.count > 1 ? decode(String(parts[1])) : ""
        }
        return out
    }

    static func decode(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
