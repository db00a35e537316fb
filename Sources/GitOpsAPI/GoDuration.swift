/// A duration written the way Go's `time.ParseDuration` reads it and `Duration.String()` prints
/// it (`1m30s`, `5m0s`, `500ms`), which is how Flux's `interval`, `timeout` and
/// `retryInterval` fields are spelled.
public struct GoDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(seconds: Double) { nanoseconds = Int64(seconds * 1e9) }

    /// Parses `[-]1h2m3.5s`, with units ns, us (µs), ms, s, m, h. Returns nil otherwise.
    public init?(_ text: String) {
        var s = Substring(text)
        var negative = false
        if s.first == "-" || s.first == "+" { negative = s.first == "-"; s = s.dropFirst() }
        if s == "0" { nanoseconds = 0; return }
        guard !s.isEmpty else { return nil }
        var total: Double = 0
        while !s.isEmpty {
            let number = s.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            s = s.dropFirst(number.count)
            let unit = s.prefix { !$0.isNumber && $0 != "." }
            s = s.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1e3
            case "ms": scale = 1e6
            case "s": scale = 1e9
            case "m": scale = 60e9
            case "h": scale = 3600e9
            default: return nil
            }
            total += value * scale
        }
        nanoseconds = Int64(negative ? -total : total)
    }

    public var seconds: Double { Double(nanoseconds) / 1e9 }
    public var duration: Duration { .nanoseconds(nanoseconds) }

    /// Go's formatting: `1h0m0s`, `5m0s`, `1.5s`, `500ms`.
    public var description: String {
        var n = nanoseconds
        if n == 0 { return "0s" }
        let sign = n < 0 ? "-" : ""
        n = abs(n)
        if n < 1_000 { return "\(sign)\(n)ns" }
        if n < 1_000_000 { return sign + Self.trim(Double(n) / 1e3) + "µs" }
        if n < 1_000_000_000 { return sign + Self.trim(Double(n) / 1e6) + "ms" }
        let hours = n / 3_600_000_000_000
        n -= hours * 3_600_000_000_000
        let minutes = n / 60_000_000_000
        n -= minutes * 60_000_000_000
        let secs = Self.trim(Double(n) / 1e9) + "s"
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(secs)" }
        if minutes > 0 { return "\(sign)\(minutes)m\(secs)" }
        return sign + secs
    }

    static func trim(_ d: Double) -> String {
        var s = String(format: "%.9f", d)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    public static func < (a: GoDuration, b: GoDuration) -> Bool { a.nanoseconds < b.nanoseconds }
}

import Foundation
