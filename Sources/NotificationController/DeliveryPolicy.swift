import Foundation

/// When to try a failed delivery again, and how failures are described without secrets.
enum DeliveryPolicy {
    /// Exponential backoff with "equal jitter": `base × 2^(attempts−1)` capped at `cap`, then a
    /// random point in its upper half, so deliveries that failed together (one receiver down,
    /// many events) do not come back in lockstep.
    static func backoff(base: Duration, attempts: Int, cap: Duration, random: Double = Double.random(in: 0...1)) -> Double {
        let exponent = min(max(attempts - 1, 0), 30)
        let full = min(base.seconds * Double(1 << exponent), cap.seconds)
        return full / 2 + full / 2 * random
    }

    /// The wait a 429 or 503 answer asks for in `Retry-After`: delta-seconds or an HTTP date
    /// (RFC 9110 §10.2.3). Nil when absent, unreadable, or for another status.
    static func retryAfter(status: Int, header: String?, now: Date = Date()) -> Double? {
        guard status == 429 || status == 503, let value = header?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return Double(max(seconds, 0)) }
        guard let date = httpDate(value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), and the obsolete RFC 850 and asctime forms
    /// recipients must still accept.
    static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// A short, single-line excerpt of a receiver's answer for error messages (Flux includes the
    /// body: Slack says `invalid_token` there), with every secret of the provider removed, since
    /// an echoing receiver may send the token straight back.
    static func excerpt(_ body: [UInt8], limit: Int = 200) -> String {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// `text` with each secret replaced by `***`.
    static func redact(_ text: String, secrets: [String]) -> String {
        // Longest first: a token inside the address must not leave half an address behind.
        secrets.sorted { $0.count > $1.count }.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }
}
