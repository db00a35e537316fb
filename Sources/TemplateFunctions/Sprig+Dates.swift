import Foundation
import GoTemplate

extension TemplateFunctions {
    /// Sprig's date functions (date.go) over `GoTime`. `date`, `dateInZone` and `htmlDate`
    /// accept a time, or an int as Unix seconds; anything else (a float64 from YAML included)
    /// means "now", as in Sprig.
    static func addDates(to table: inout FunctionTable) {
        table.add("now") { a in try a.expect(0); return .object(GoTime(seconds: Date().timeIntervalSince1970, zone: .current)) }
        table.add("date") { a in try a.expect(2); return .string(dateInZone(try a.string(0), a[1], "Local")) }
        table.add("dateInZone") { a in try a.expect(3); return .string(dateInZone(try a.string(0), a[1], try a.string(2))) }
        table.add("htmlDate") { a in try a.expect(1); return .string(dateInZone("2006-01-02", a[0], "Local")) }
        table.add("htmlDateInZone") { a in try a.expect(2); return .string(dateInZone("2006-01-02", a[0], try a.string(1))) }
        table.add("unixEpoch") { a in
            try a.expect(1)
            guard case .object(let object) = a[0], let time = object as? GoTime else {
                throw FunctionError("wrong type for value; expected time.Time; got \(GoText.typeName(a[0]))")
            }
            return .string(String(Int(time.seconds.rounded(.down))))
        }
        for name in ["dateModify", "mustDateModify"] {
            table.add(name) { a in
                try a.expect(2)
                guard case .object(let object) = a[1], let time = object as? GoTime else {
                    throw FunctionError("wrong type for value; expected time.Time; got \(GoText.typeName(a[1]))")
                }
                guard let shift = goParseDuration(try a.string(0)) else {
                    if name == "mustDateModify" { throw FunctionError("time: invalid duration \(GoQuote.quote(try a.string(0)))") }
                    return a[1]
                }
                return .object(time.adding(nanoseconds: Int((shift * 1e9).rounded())))
            }
        }
        table.add("ago") { a in
            try a.expect(1)
            let then: Double
            switch a[0] {
            case .object(let object as GoTime): then = object.seconds
            case .int(let i): then = Double(i)
            default: then = Date().timeIntervalSince1970
            }
            return .string(goDurationText(seconds: Int((Date().timeIntervalSince1970 - then).rounded())))
        }
        table.add("duration") { a in
            try a.expect(1)
            let seconds: Int
            switch a[0] {
            case .string(let s): seconds = Cast.parseGoInt(s, base: 10) ?? 0
            case .int(let i): seconds = i
            default: seconds = 0
            }
            return .string(goDurationText(seconds: seconds))
        }
        table.add("durationRound") { a in
            try a.expect(1)
            var seconds: Double
            switch a[0] {
            case .string(let s): seconds = goParseDuration(s) ?? 0
            case .int(let nanoseconds): seconds = Double(nanoseconds) / 1e9
            case .object(let object as GoTime): seconds = Date().timeIntervalSince1970 - object.seconds
            default: seconds = 0
            }
            seconds = abs(seconds)
            for (unit, size) in [("y", 365 * 86400.0), ("mo", 30 * 86400.0), ("d", 86400.0), ("h", 3600.0), ("m", 60.0), ("s", 1.0)]
            where seconds > size {
                return .string(String(Int((seconds / size).rounded(.down))) + unit)
            }
            return .string("0s")
        }
        for name in ["toDate", "mustToDate"] {
            table.add(name) { a in
                try a.expect(2)
                let layout = try a.string(0), text = try a.string(1)
                if let time = goParseTime(layout: layout, text) { return .object(time) }
                if name == "mustToDate" {
                    throw FunctionError("parsing time \(GoQuote.quote(text)) as \(GoQuote.quote(layout)): cannot parse")
                }
                // The zero time.Time, as Sprig returns when parsing fails.
                return .object(GoTime(wholeSeconds: -62135596800, zone: TimeZone(identifier: "UTC")!))
            }
        }
    }

    private static func dateInZone(_ layout: String, _ date: Value, _ zone: String) -> String {
        let seconds: Double
        var time: GoTime? = nil
        switch date {
        case .object(let object as GoTime): time = object; seconds = object.seconds
        case .int(let i): seconds = Double(i)
        default: seconds = Date().timeIntervalSince1970
        }
        let location = zone == "Local" ? TimeZone.current : (TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!)
        if let time { return GoTime(wholeSeconds: time.wholeSeconds, nanoseconds: time.nanoseconds, zone: location).format(layout) }
        return GoTime(seconds: seconds, zone: location).format(layout)
    }
}

/// `time.ParseDuration` for the units templates use (`-1.5h`, `2h45m`, `300ms`); seconds.
func goParseDuration(_ text: String) -> Double? {
    var rest = Substring(text)
    var sign = 1.0
    if let first = rest.first, first == "-" || first == "+" { sign = first == "-" ? -1 : 1; rest = rest.dropFirst() }
    if rest == "0" { return 0 }
    guard !rest.isEmpty else { return nil }
    let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
    var total = 0.0
    while !rest.isEmpty {
        let number = rest.prefix(while: { $0.isNumber || $0 == "." })
        guard !number.isEmpty, let value = Double(number) else { return nil }
        rest = rest.dropFirst(number.count)
        guard let unit = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
        total += value * unit.1
        rest = rest.dropFirst(unit.0.count)
    }
    return sign * total
}

/// `time.ParseInLocation(layout, text, time.Local)` for the layout elements charts use: numeric
/// dates and times, `Jan`/`January`, `Mon`/`Monday`, `06`, `3`/`03` with `PM`/`pm`, `.000`
/// fractions, numeric zones and `MST` (an abbreviation: zero offset, as Go records an unknown
/// one); nil when the text does not fit.
func goParseTime(layout: String, _ text: String) -> GoTime? {
    var l = Substring(layout), t = Substring(text)
    var year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0
    var pm: Bool? = nil
    var offset: Int? = nil
    func number(_ minDigits: Int, _ maxDigits: Int) -> Int? {
        let digits = t.prefix(while: { $0.isASCII && $0.isNumber }).prefix(maxDigits)
        guard digits.count >= minDigits, let n = Int(digits) else { return nil }
        t = t.dropFirst(digits.count)
        return n
    }
    func fraction() {
        let digits = t.prefix(while: { $0.isASCII && $0.isNumber })
        let kept = String(digits.prefix(9))
        nanos = Int(kept + String(repeating: "0", count: 9 - kept.count)) ?? 0
        t = t.dropFirst(digits.count)
    }
    /// Matches one of `names` (case-insensitively, as Go's lookup does); its index.
    func name(_ names: [String]) -> Int? {
        for (index, candidate) in names.enumerated() where t.lowercased().hasPrefix(candidate.lowercased()) {
            t = t.dropFirst(candidate.count)
            return index
        }
        return nil
    }
    let numeric: [(String, Int, Int, (Int) -> Void)] = [
        ("2006", 4, 4, { year = $0 }), ("01", 2, 2, { month = $0 }), ("02", 2, 2, { day = $0 }), ("_2", 1, 2, { day = $0 }),
        ("15", 2, 2, { hour = $0 }), ("03", 2, 2, { hour = $0 }), ("04", 2, 2, { minute = $0 }), ("05", 2, 2, { second = $0 }),
        ("06", 2, 2, { year = $0 >= 69 ? 1900 + $0 : 2000 + $0 }),
        ("1", 1, 2, { month = $0 }), ("2", 1, 2, { day = $0 }), ("3", 1, 2, { hour = $0 }), ("4", 1, 2, { minute = $0 }),
        ("5", 1, 2, { second = $0 }),
    ]
    outer: while !l.isEmpty {
        for zoneToken in ["Z07:00", "-07:00", "Z0700", "-0700"] where l.hasPrefix(zoneToken) {
            l = l.dropFirst(zoneToken.count)
            if zoneToken.hasPrefix("Z"), t.first == "Z" { t = t.dropFirst(); offset = 0; continue outer }
            guard let sign = t.first, sign == "+" || sign == "-" else { return nil }
            t = t.dropFirst()
            guard let h = number(2, 2) else { return nil }
            if zoneToken.contains(":") { guard t.first == ":" else { return nil }; t = t.dropFirst() }
            guard let m = number(2, 2) else { return nil }
            offset = (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
            continue outer
        }
        if let first = l.first, first == ".", let digit = l.dropFirst().first, digit == "0" || digit == "9" {
            l = l.dropFirst().drop(while: { $0 == digit })
            if t.first == "." { t = t.dropFirst(); fraction() }
            continue
        }
        for (token, names) in [("January", GoTime.monthNames), ("Jan", GoTime.monthNames.map { String($0.prefix(3)) })] where l.hasPrefix(token) {
            guard let index = name(names) else { return nil }
            month = index + 1
            l = l.dropFirst(token.count)
            continue outer
        }
        for (token, names) in [("Monday", GoTime.dayNames), ("Mon", GoTime.dayNames.map { String($0.prefix(3)) })] where l.hasPrefix(token) {
            guard name(names) != nil else { return nil }  // checked, not used, as in Go
            l = l.dropFirst(token.count)
            continue outer
        }
        for token in ["PM", "pm"] where l.hasPrefix(token) {
            guard let index = name(["AM", "PM"]) else { return nil }
            pm = index == 1
            l = l.dropFirst(2)
            continue outer
        }
        if l.hasPrefix("MST") {
            // Go takes 3 to 5 upper-case letters (or UTC, GMT±h) as an abbreviation.
            let letters = t.prefix(while: { $0.isASCII && $0.isUppercase })
            guard (3...5).contains(letters.count) else { return nil }
            t = t.dropFirst(letters.count)
            l = l.dropFirst(3)
            if offset == nil { offset = 0 }
            continue
        }
        for (token, minDigits, maxDigits, assign) in numeric where l.hasPrefix(token) {
            guard let n = number(minDigits, maxDigits) else { return nil }
            assign(n)
            l = l.dropFirst(token.count)
            // Go accepts a fraction after seconds even when the layout has none.
            if token == "05" || token == "5", t.first == ".", l.first != "." {
                t = t.dropFirst()
                fraction()
            }
            continue outer
        }
        guard t.first == l.first else { return nil }
        l = l.dropFirst()
        t = t.dropFirst()
    }
    if let pm {
        guard (1...12).contains(hour) else { return nil }
        if pm && hour < 12 { hour += 12 } else if !pm && hour == 12 { hour = 0 }
    }
    guard t.isEmpty, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
    let zone = offset.flatMap { TimeZone(secondsFromGMT: $0) } ?? TimeZone.current
    // Days from the civil date on the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let days = era * 146_097 + dayOfEra - 719_468
    let local = days * 86400 + hour * 3600 + minute * 60 + second
    // The zone's offset at that moment (for a named zone, at the local time read as UTC first).
    let zoneOffset = offset ?? zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local))))))
    return GoTime(wholeSeconds: local - zoneOffset, nanoseconds: nanos, zone: zone)
}
