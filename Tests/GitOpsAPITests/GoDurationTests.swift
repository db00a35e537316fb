import GitOpsAPI
import Testing

@Suite("GoDuration (Go's time.ParseDuration and Duration.String)")
struct GoDurationTests {
    static let nanosecond: Int64 = 1
    static let microsecond: Int64 = 1_000
    static let millisecond: Int64 = 1_000_000
    static let second: Int64 = 1_000_000_000
    static let minute = 60 * second
    static let hour = 60 * minute

    /// Input, the nanoseconds Go parses it to, and what Go's `String()` prints for that.
    static let table: [(String, Int64, String)] = [
        ("0", 0, "0s"),
        ("-0", 0, "0s"),
        ("0s", 0, "0s"),
        ("1m30s", 90 * second, "1m30s"),
        ("5m", 5 * minute, "5m0s"),
        ("5m0s", 5 * minute, "5m0s"),
        ("1h", hour, "1h0m0s"),
        ("1h0m0s", hour, "1h0m0s"),
        ("2h45m", 2 * hour + 45 * minute, "2h45m0s"),
        ("90m", 90 * minute, "1h30m0s"),
        ("500ms", 500 * millisecond, "500ms"),
        ("1.5s", 1500 * millisecond, "1.5s"),
        (".5s", 500 * millisecond, "500ms"),
        ("1.s", second, "1s"),
        ("1h2m3.5s", hour + 2 * minute + 3500 * millisecond, "1h2m3.5s"),
        ("3600.5s", hour + 500 * millisecond, "1h0m0.5s"),
        ("1.5ms", 1_500 * microsecond, "1.5ms"),
        ("10us", 10 * microsecond, "10µs"),
        ("10µs", 10 * microsecond, "10µs"),
        ("100ns", 100 * nanosecond, "100ns"),
        ("1s500ms", 1500 * millisecond, "1.5s"),
        ("+5s", 5 * second, "5s"),
        ("-1m", -minute, "-1m0s"),
        ("-1.5s", -1500 * millisecond, "-1.5s"),
        ("15s", 15 * second, "15s"),
        ("60s", minute, "1m0s"),
    ]

    @Test("parses Go durations to the right number of nanoseconds", arguments: table)
    func parse(text: String, nanoseconds: Int64, printed: String) throws {
        let d = try #require(GoDuration(text))
        #expect(d.nanoseconds == nanoseconds)
    }

    @Test("prints durations the way Go's Duration.String does", arguments: table)
    func format(text: String, nanoseconds: Int64, printed: String) {
        #expect(GoDuration(nanoseconds: nanoseconds).description == printed)
    }

    @Test("what it prints parses back to the same duration", arguments: table)
    func roundTrip(text: String, nanoseconds: Int64, printed: String) {
        #expect(GoDuration(printed)?.nanoseconds == nanoseconds)
    }

    static let invalid = ["", "5", "s", "1x", "1 s", "1m 30s", "1.2.3s", ".", "-", "+", "1d", "1S", "ms", "1h-5m", "1e3s"]

    @Test("refuses what time.ParseDuration refuses (missing or unknown units, stray characters)", arguments: invalid)
    func refuses(text: String) {
        #expect(GoDuration(text) == nil)
    }

    @Test(
        "decimal fractions are exact, as Go's integer arithmetic makes them (1.001s is 1001ms)"
    )
    func exactFractions() {
        #expect(GoDuration("1.001s")?.nanoseconds == 1_001_000_000)
        #expect(GoDuration("1.001s")?.description == "1.001s")
        #expect(GoDuration("0.00013s")?.nanoseconds == 130_000)
    }

    @Test(
        "a duration beyond Int64 nanoseconds is refused as Go refuses it"
    )
    func overflow() {
        #expect(GoDuration("9999999h") == nil)
        #expect(GoDuration("2562047h47m16.854775807s") != nil)
    }

    @Test("seconds, Duration and ordering agree with nanoseconds")
    func conversions() throws {
        let d = try #require(GoDuration("1m30s"))
        #expect(d.seconds == 90)
        #expect(d.duration == .seconds(90))
        #expect(GoDuration(seconds: 15).description == "15s")
        #expect(try #require(GoDuration("500ms")) < d)
        #expect(GoDuration("1h") == GoDuration("60m"))
    }
}
