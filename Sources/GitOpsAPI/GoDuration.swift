/// A duration written the way Go's `time.ParseDuration` reads it and `Duration.String()` prints
/// it (`1m30s`, `5m0s`, `500ms`), which is how Flux's `interval`, `timeout` and
/// `retryInterval` fields are spelled.
public struct GoDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(seconds: Double) { nanoseconds = Int64(seconds * 1e9) }

    /// Parses `[-]1h2m3.5s`, with units ns, us (µs), ms, s, m, h, exactly as Go does (integer
    /// arithmetic, so `1.001s` is 1001 ms). Returns nil for anything else or on overflow.
    public init?(_ text: String) {
        var s = Substring(text)
        var negative = false
        if s.first == "-" || s.first == "+" { negative = s.first == "-"; s = s.dropFirst() }
        if s == "0" { nanoseconds = 0; return }
        guard !s.isEmpty else { return nil }
        var total: Int64 = 0
        while !s.isEmpty {
            let whole = s.prefix { $0.isASCII && $0.isNumber }
            s = s.dropFirst(whole.count)
            var fraction: Substring = ""
            if s.first == "." {
                s = s.dropFirst()
                fraction = s.prefix { $0.isASCII && $0.isNumber }
                s = s.dropFirst(fraction.count)
            }
            guard !whole.isEmpty || !fraction.isEmpty else { return nil }
            let unit = s.prefix { !($0.isASCII && $0.isNumber) && $0 != "." }
            s = s.dropFirst(unit.count)
            let scale: Int64
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1_000
            case "ms": scale = 1_000_000
            case "s": scale = 1_000_000_000
            case "m": scale = 60_000_000_000
            case "h": scale = 3_600_000_000_000
            default: return nil
            }
            guard let w = Int64(whole.isEmpty ? "0" : whole) else { return nil }
            let (product, overflow) = w.multipliedReportingOverflow(by: scale)
            guard !overflow else { return nil }
            // The fraction's digits scaled by the unit, truncated as Go truncates.
            var part: Int64 = 0
            var unitScale = scale
            for digit in fraction {
                unitScale /= 10
                if unitScale == 0 { break }
                part += Int64(digit.wholeNumberValue!) * unitScale
            }
            let (sum, overflow2) = total.addingReportingOverflow(product)
            guard !overflow2 else { return nil }
            let (sum2, overflow3) = sum.addingReportingOverflow(part)
            guard !overflow3 else { return nil }
            total = sum2
        }
        nanoseconds = negative ? -total : total
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
