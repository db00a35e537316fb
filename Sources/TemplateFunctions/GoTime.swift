import Foundation
import GoTemplate

/// Go's `time.Time` as templates see it (Sprig's `now`, `toDate`, `dateModify`): an instant
/// and the zone it is shown in. Prints as Go's `Time.String()`.
struct GoTime: TemplateObject {
    /// Seconds since the Unix epoch, with the fraction.
    var seconds: Double
    var zone: TimeZone

    var goTypeName: String { "time.Time" }
    var goFormatted: String { format("2006-01-02 15:04:05.999999999 -0700 MST") }
    var jsonValue: Value? { .string(format("2006-01-02T15:04:05.999999999Z07:00")) }

    func field(_ name: String) -> Value? { nil }

    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? {
        switch name {
        case "Unix": return .int(Int(seconds.rounded(.down)))
        case "UnixNano": return .int(Int(seconds * 1e9))
        case "Year": return .int(components.year!)
        case "YearDay": return .int(Calendar.goCalendar(zone).ordinality(of: .day, in: .year, for: date) ?? 0)
        case "Day": return .int(components.day!)
        case "Hour": return .int(components.hour!)
        case "Minute": return .int(components.minute!)
        case "Second": return .int(components.second!)
        case "Format":
            guard arguments.count == 1, case .string(let layout) = arguments[0] else {
                throw FunctionError("wrong number of args for Format: want 1 got \(arguments.count)")
            }
            return .string(format(layout))
        case "UTC": return .object(GoTime(seconds: seconds, zone: TimeZone(identifier: "UTC")!))
        default: return nil
        }
    }

    var date: Date { Date(timeIntervalSince1970: seconds) }

    var components: DateComponents {
        Calendar.goCalendar(zone).dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
    }

    /// `Time.Format(layout)` for Go's reference-time layout elements.
    func format(_ layout: String) -> String {
        let c = components
        let offset = zone.secondsFromGMT(for: date)
        let nanos = Int(((seconds - seconds.rounded(.down)) * 1e9).rounded())
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
            ("MST", { zone.abbreviation(for: date).map { $0.hasPrefix("GMT") && offset == 0 ? "UTC" : $0 } ?? "UTC" }),
            ("2006", { pad(c.year!, 4) }), ("-07:00:00", { zoneText(true, true, false, z: false) }),
            ("-070000", { zoneText(false, true, false, z: false) }), ("-07:00", { zoneText(true, false, false, z: false) }),
            ("-0700", { zoneText(false, false, false, z: false) }), ("-07", { zoneText(false, false, true, z: false) }),
            ("Z07:00:00", { zoneText(true, true, false, z: true) }), ("Z070000", { zoneText(false, true, false, z: true) }),
            ("Z07:00", { zoneText(true, false, false, z: true) }), ("Z0700", { zoneText(false, false, false, z: true) }),
            ("Z07", { zoneText(false, false, true, z: true) }),
            ("002", { pad(Calendar.goCalendar(zone).ordinality(of: .day, in: .year, for: date) ?? 0, 3) }),
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
