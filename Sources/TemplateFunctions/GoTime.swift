import Foundation
import GoTemplate

/// Go's `time.Time` as templates see it (Sprig's `now`, `toDate`, `dateModify`): an instant
/// and the zone it is shown in. Prints as Go's `Time.String()`.
struct GoTime: TemplateObject {
    /// Whole seconds since the Unix epoch and the nanoseconds past them (0..<1e9), exact as Go's.
    var wholeSeconds: Int
    var nanoseconds: Int
    var zone: TimeZone

    init(wholeSeconds: Int, nanoseconds: Int = 0, zone: TimeZone) {
        self.wholeSeconds = wholeSeconds + nanoseconds / 1_000_000_000 - (nanoseconds % 1_000_000_000 < 0 ? 1 : 0)
        self.nanoseconds = (nanoseconds % 1_000_000_000 + 1_000_000_000) % 1_000_000_000
        self.zone = zone
    }

    init(seconds: Double, zone: TimeZone) {
        let whole = seconds.rounded(.down)
        self.init(wholeSeconds: Int(whole), nanoseconds: Int(((seconds - whole) * 1e9).rounded()), zone: zone)
    }

    /// Seconds since the Unix epoch, with the fraction (as a Double: for arithmetic on whole
    /// seconds; `adding(nanoseconds:)` keeps the precision).
    var seconds: Double { Double(wholeSeconds) + Double(nanoseconds) / 1e9 }

    func adding(nanoseconds delta: Int) -> GoTime {
        GoTime(wholeSeconds: wholeSeconds + delta / 1_000_000_000, nanoseconds: nanoseconds + delta % 1_000_000_000, zone: zone)
    }

    var goTypeName: String { "time.Time" }
    var goFormatted: String { format("2006-01-02 15:04:05.999999999 -0700 MST") }
    var jsonValue: Value? { .string(format("2006-01-02T15:04:05.999999999Z07:00")) }

    func field(_ name: String) -> Value? { nil }

    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? {
        switch name {
        case "Unix": return .int(wholeSeconds)
        case "UnixNano": return .int(wholeSeconds &* 1_000_000_000 &+ nanoseconds)
        case "Year": return .int(components.year!)
        case "YearDay": return .int(yearDay)
        case "Day": return .int(components.day!)
        // time.Month and time.Weekday print their English names (their String methods).
        case "Month": return .string(Self.monthNames[components.month! - 1])
        case "Weekday": return .string(Self.dayNames[components.weekday! - 1])
        case "Nanosecond": return .int(nanoseconds)
        case "Hour": return .int(components.hour!)
        case "Minute": return .int(components.minute!)
        case "Second": return .int(components.second!)
        case "Format":
            guard arguments.count == 1, case .string(let layout) = arguments[0] else {
                throw FunctionError("wrong number of args for Format: want 1 got \(arguments.count)")
            }
            return .string(format(layout))
        case "UTC": return .object(GoTime(wholeSeconds: wholeSeconds, nanoseconds: nanoseconds, zone: TimeZone(identifier: "UTC")!))
        default: return nil
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    var date: Date { Date(timeIntervalSince1970: seconds) }

    /// The civil date and time in `zone` on the proleptic Gregorian calendar, as Go computes
    /// it for every year (Foundation's Gregorian calendar turns Julian before October 1582, which
    /// would print Go's zero time, 0001-01-01, as 0001-01-03).
    var components: DateComponents {
        let local = wholeSeconds + zone.secondsFromGMT(for: date)
        let days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400)
        let secondOfDay = local - days * 86400
        // Days since 1970-01-01 → year, month, day (H. Hinnant's civil_from_days).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = ((days % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday; 0 = Sunday
        return DateComponents(year: year, month: month, day: day, hour: secondOfDay / 3600,
                              minute: secondOfDay % 3600 / 60, second: secondOfDay % 60, weekday: weekday + 1)
    }

    /// The day of the year, 1-based.
    var yearDay: Int {
        let c = components
        let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        let year = c.year!
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return cumulative[c.month! - 1] + c.day! + (leap && c.month! > 2 ? 1 : 0)
    }

    /// `Time.Format(layout)` for Go's reference-time layout elements.
    func format(_ layout: String) -> String {
        let c = components
        let offset = zone.secondsFromGMT(for: date)
        let nanos = nanoseconds
        var out = ""
        var rest = Substring(layout)
        func pad(_ n: Int, _ width: Int, _ fill: Character = "0") -> String {
            let s = String(n)
            return String(repeating: fill, count: max(0, width - s.count)) + s
        }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        func zoneText(_ colon: Bool, _ seconds: Bool, _ hoursOnly: Bool, z: Bool) -> String {
            if z && offset == 0 { return "Z" }
            let sign = offset < 0 ? "-" : "+"
            let a = abs(offset)
            var s = sign + pad(a / 3600, 2)
            if hoursOnly { return s }
            s += (colon ? ":" : "") + pad(a % 3600 / 60, 2)
            if seconds { s += (colon ? ":" : "") + pad(a % 60, 2) }
            return s
        }
        let tokens: [(String, () -> String)] = [
            ("January", { months[c.month! - 1] }), ("Jan", { String(months[c.month! - 1].prefix(3)) }),
            ("Monday", { days[c.weekday! - 1] }), ("Mon", { String(days[c.weekday! - 1].prefix(3)) }),
            // A zone made from a parsed offset has no name in Go: it prints as -0700.
            ("MST", {
                if zone.identifier.hasPrefix("GMT"), offset != 0 { return zoneText(false, false, false, z: false) }
                if !zone.identifier.hasPrefix("GMT"),
                   let name = GoZoneAbbreviation.abbreviation(zone.identifier, at: wholeSeconds, isDaylight: zone.isDaylightSavingTime(for: date)) {
                    return name
                }
                return zone.abbreviation(for: date).map { $0.hasPrefix("GMT") && offset == 0 ? "UTC" : $0 } ?? "UTC"
            }),
            ("2006", { pad(c.year!, 4) }), ("-07:00:00", { zoneText(true, true, false, z: false) }),
            ("-070000", { zoneText(false, true, false, z: false) }), ("-07:00", { zoneText(true, false, false, z: false) }),
            ("-0700", { zoneText(false, false, false, z: false) }), ("-07", { zoneText(false, false, true, z: false) }),
            ("Z07:00:00", { zoneText(true, true, false, z: true) }), ("Z070000", { zoneText(false, true, false, z: true) }),
            ("Z07:00", { zoneText(true, false, false, z: true) }), ("Z0700", { zoneText(false, false, false, z: true) }),
            ("Z07", { zoneText(false, false, true, z: true) }),
            ("002", { pad(yearDay, 3) }), ("__2", { pad(yearDay, 3, " ") }),
            ("01", { pad(c.month!, 2) }), ("02", { pad(c.day!, 2) }), ("_2", { pad(c.day!, 2, " ") }),
            ("06", { pad(c.year! % 100, 2) }), ("15", { pad(c.hour!, 2) }),
            ("03", { pad(c.hour! % 12 == 0 ? 12 : c.hour! % 12, 2) }), ("04", { pad(c.minute!, 2) }),
            ("05", { pad(c.second!, 2) }), ("PM", { c.hour! >= 12 ? "PM" : "AM" }), ("pm", { c.hour! >= 12 ? "pm" : "am" }),
            ("1", { String(c.month!) }), ("2", { String(c.day!) }), ("3", { String(c.hour! % 12 == 0 ? 12 : c.hour! % 12) }),
            ("4", { String(c.minute!) }), ("5", { String(c.second!) }),
        ]
        outer: while !rest.isEmpty {
            // Fractional seconds: `.000` keeps zeros, `.999` trims them (a `,` works too).
            if let first = rest.first, first == "." || first == ",", let digit = rest.dropFirst().first, digit == "0" || digit == "9" {
                let run = rest.dropFirst().prefix(while: { $0 == digit })
                let after = rest.dropFirst(1 + run.count).first
                if after == nil || !(after!.isNumber) {
                    var fraction = pad(nanos, 9).prefix(run.count)
                    if digit == "9" {
                        while fraction.last == "0" { fraction = fraction.dropLast() }
                        if !fraction.isEmpty { out += String(first) + fraction }
                    } else {
                        out += String(first) + fraction
                    }
                    rest = rest.dropFirst(1 + run.count)
                    continue
                }
            }
            for (token, value) in tokens where rest.hasPrefix(token) {
                out += value()
                rest = rest.dropFirst(token.count)
                continue outer
            }
            out.append(rest.removeFirst())
        }
        return out
    }
}

extension Calendar {
    /// The proleptic Gregorian calendar in `zone`, as Go computes dates.
    static func goCalendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}

/// Go's `time.Duration.String()` for a whole number of seconds (`1h2m3s`, `0s`).
func goDurationText(seconds: Int) -> String {
    if seconds == 0 { return "0s" }
    var out = seconds < 0 ? "-" : ""
    let a = seconds.magnitude
    if a >= 3600 { out += "\(a / 3600)h" }
    if a >= 60 { out += "\(a % 3600 / 60)m" }
    out += "\(a % 60)s"
    return out
}
