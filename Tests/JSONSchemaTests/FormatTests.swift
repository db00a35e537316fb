import GitOpsAPI
import Testing
@testable import JSONSchema

/// `format` under draft-07 (asserted): each line is what helm 3.19.0 printed for the value.
@Suite struct FormatTests {
    static let schema = ##"{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"d":{"format":"date"},"t":{"format":"time"},"dt":{"format":"date-time"},"s":{"format":"semver"},"h":{"format":"hostname"},"e":{"format":"email"},"u":{"format":"uuid"},"du":{"format":"duration"},"ip":{"format":"ipv4"}}}"##

    @Test(arguments: [
        ("d", "2024-13-01", #"- at '/d': '2024-13-01' is not valid date: parsing time "2024-13-01": month out of range"#),
        ("d", "2024-02-30", #"- at '/d': '2024-02-30' is not valid date: parsing time "2024-02-30": day out of range"#),
        ("d", "24-01-01", #"- at '/d': '24-01-01' is not valid date: parsing time "24-01-01" as "2006-01-02": cannot parse "24-01-01" as "2006""#),
        ("d", "2024-1-01", #"- at '/d': '2024-1-01' is not valid date: parsing time "2024-1-01" as "2006-01-02": cannot parse "1-01" as "01""#),
        ("d", "2024-01-012", #"- at '/d': '2024-01-012' is not valid date: parsing time "2024-01-012": extra text: "2""#),
        ("d", "2024/01/01", #"- at '/d': '2024/01/01' is not valid date: parsing time "2024/01/01" as "2006-01-02": cannot parse "/01/01" as "-""#),
        ("t", "25:00:00Z", "- at '/t': '25:00:00Z' is not valid time: hour/min/sec out of range"),
        ("t", "12:00:00", "- at '/t': '12:00:00' is not valid time: less than 9 characters long"),
        ("t", "12:00:00+0100", "- at '/t': '12:00:00+0100' is not valid time: offset must be 6 characters long"),
        ("dt", "2024-01-01T12:00:00", "- at '/dt': '2024-01-01T12:00:00' is not valid date-time: less than 20 characters long"),
        ("dt", "2024-01-01X12:00:00Z", "- at '/dt': '2024-01-01X12:00:00Z' is not valid date-time: 11th character must be t or T"),
        ("s", "1.02.3", "- at '/s': '1.02.3' is not valid semver: minor starts with zero"),
        ("s", "1.2", "- at '/s': '1.2' is not valid semver: versionCore must have 3 numbers separated by dot"),
        ("h", "a_b.com", "- at '/h': 'a_b.com' is not valid hostname: invalid character '_'"),
        ("e", "a..b@x.com", "- at '/e': 'a..b@x.com' is not valid email: consecutive dots"),
        ("u", "123", "- at '/u': '123' is not valid uuid: must have 5 elements"),
        ("du", "P1H", "- at '/du': 'P1H' is not valid duration: invalid unit 'H'"),
        ("ip", "1.2.3", "- at '/ip': '1.2.3' is not valid ipv4: expected four decimals"),
    ])
    func invalid(_ key: String, _ value: String, _ expected: String) throws {
        let compiled = try JSONSchema.compile(try JSONValue.parse(json: Self.schema))
        #expect(compiled.validate([key: .string(value)])?.helmText == expected + "\n")
    }

    @Test(arguments: [
        ("d", "2024-02-29"), ("t", "23:59:60Z"), ("t", "12:00:00.5+01:00"), ("dt", "2024-01-01T12:00:00Z"),
        ("s", "1.2.3-rc.1+build.5"), ("h", "example.com"), ("e", "a.b@example.com"),
        ("u", "123e4567-e89b-12d3-a456-426614174000"), ("du", "P1DT2H"), ("ip", "10.0.0.1"),
    ])
    func valid(_ key: String, _ value: String) throws {
        let compiled = try JSONSchema.compile(try JSONValue.parse(json: Self.schema))
        #expect(compiled.validate([key: .string(value)]) == nil)
    }
}
