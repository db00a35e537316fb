import Foundation

/// The zone abbreviation Go prints for `MST` in a layout: the one tzdata gives (`IST`, `CET`,
/// `+04`), read from the zone's TZif file as Go's `LoadLocation` reads it, where Foundation
/// would print ICU's localized `GMT+5:30`.
enum GoZoneAbbreviation {
    private struct Zone {
        var transitions: [Int64] = []
        var transitionTypes: [Int] = []
        /// Each local time type: its abbreviation and whether it is daylight time.
        var types: [(abbreviation: String, isDST: Bool)] = []
        /// The footer's standard and daylight names, for instants after the last transition.
        var footerStandard: String?
        var footerDaylight: String?
    }

    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var zones: [String: Zone?] = [:]
    }

    private static let cache = Cache()

    /// The abbreviation at `seconds` (Unix time) in the zone `identifier`; nil when the zone
    /// has no readable TZif file.
    static func abbreviation(_ identifier: String, at seconds: Int, isDaylight: Bool) -> String? {
        cache.lock.lock()
        let cached = cache.zones[identifier]
        cache.lock.unlock()
        let zone: Zone?
        if let cached { zone = cached } else {
            zone = load(identifier)
            cache.lock.lock()
            cache.zones[identifier] = .some(zone)
            cache.lock.unlock()
        }
        guard let zone, !zone.types.isEmpty else { return nil }
        let t = Int64(seconds)
        if let last = zone.transitions.last, t >= last, let standard = zone.footerStandard {
            return isDaylight ? (zone.footerDaylight ?? standard) : standard
        }
        guard let first = zone.transitions.first, t >= first else {
            // Go's lookupFirstZone: the first standard-time type.
            return (zone.types.first { !$0.isDST } ?? zone.types[0]).abbreviation
        }
        var low = 0, high = zone.transitions.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if zone.transitions[mid] <= t { low = mid } else { high = mid }
        }
        let type = zone.transitionTypes[low]
        return type < zone.types.count ? zone.types[type].abbreviation : nil
    }

    private static func load(_ identifier: String) -> Zone? {
        guard !identifier.contains(".."), let data = FileManager.default.contents(atPath: "/usr/share/zoneinfo/" + identifier)
        else { return nil }
        let b = [UInt8](data)
        guard b.count >= 44, b[0] == 0x54, b[1] == 0x5A, b[2] == 0x69, b[3] == 0x66 else { return nil }
        func u32(_ at: Int) -> Int { Int(b[at]) << 24 | Int(b[at + 1]) << 16 | Int(b[at + 2]) << 8 | Int(b[at + 3]) }
        func counts(_ at: Int) -> [Int] { (0..<6).map { u32(at + 20 + $0 * 4) } }
        var header = 0
        var c = counts(0)
        var timeSize = 4
        if b[4] >= 0x32 {  // version 2+: skip the 32-bit block, read the 64-bit one
            header = 44 + c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]
            guard b.count >= header + 44 else { return nil }
            c = counts(header)
            timeSize = 8
        }
        let (isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt) = (c[0], c[1], c[2], c[3], c[4], c[5])
        var p = header + 44
        let end = p + timecnt * timeSize + timecnt + typecnt * 6 + charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt
        guard b.count >= end else { return nil }
        var zone = Zone()
        for _ in 0..<timecnt {
            var v: Int64 = 0
            for k in 0..<timeSize { v = v << 8 | Int64(b[p + k]) }
            if timeSize == 4 { v = Int64(Int32(truncatingIfNeeded: v)) }
            zone.transitions.append(v)
            p += timeSize
        }
        for _ in 0..<timecnt { zone.transitionTypes.append(Int(b[p])); p += 1 }
        var raw: [(isDST: Bool, index: Int)] = []
        for _ in 0..<typecnt { raw.append((b[p + 4] != 0, Int(b[p + 5]))); p += 6 }
        let chars = Array(b[p..<(p + charcnt)])
        for (isDST, index) in raw {
            let name = chars[min(index, chars.count)...].prefix { $0 != 0 }
            zone.types.append((String(decoding: name, as: UTF8.self), isDST))
        }
        if timeSize == 8, end < b.count, b[end] == 0x0A, let close = b[(end + 1)...].firstIndex(of: 0x0A) {
            let footer = Array(b[(end + 1)..<close])
            var i = 0
            func name() -> String? {
                if i < footer.count, footer[i] == UInt8(ascii: "<"), let gt = footer[i...].firstIndex(of: UInt8(ascii: ">")) {
                    defer { i = gt + 1 }
                    return String(decoding: footer[(i + 1)..<gt], as: UTF8.self)
                }
                let start = i
                while i < footer.count, (footer[i] >= 0x41 && footer[i] <= 0x5A) || (footer[i] >= 0x61 && footer[i] <= 0x7A) { i += 1 }
                return i > start ? String(decoding: footer[start..<i], as: UTF8.self) : nil
            }
            zone.footerStandard = name()
            while i < footer.count, "+-0123456789:".utf8.contains(footer[i]) { i += 1 }
            zone.footerDaylight = name()
        }
        return zone
    }
}
