import Testing
@testable import JSONSchema

/// x/text's English printer and Go's `%v`, as measured against helm 3.19.0's messages.
@Suite struct GoTextTests {
    @Test(arguments: [
        (0.00001, "1×10⁻⁰⁵"), (0.0001, "0.0001"), (1.5e-7, "1.5×10⁻⁰⁷"), (12345.678, "12,345.678"),
        (999999.5, "999,999.5"), (-1234567.5, "-1.2345675×10⁰⁶"), (1e21, "1×10²¹"), (1e20, "1×10²⁰"),
        (123456789012345680000.0, "1.2345678901234568×10²⁰"), (0, "0"), (-5, "-5"), (1234567, "1.234567×10⁰⁶"),
        (0.1, "0.1"), (100.25, "100.25"), (1e300, "1×10³⁰⁰"),
    ])
    func localizedFloat(_ value: Double, _ expected: String) {
        #expect(GoText.float(value) == expected)
    }

    @Test func groupedInts() {
        #expect(GoText.int(1000) == "1,000")
        #expect(GoText.int(-1234567) == "-1,234,567")
        #expect(GoText.int(999) == "999")
    }

    @Test func plainFloats() {
        #expect(GoText.plainFloat(1e6) == "1e+06")
        #expect(GoText.plainFloat(1.5) == "1.5")
        #expect(GoText.plainFloat(3) == "3")
        #expect(GoText.plainFloat(1e-5) == "1e-05")
    }

    @Test func quoting() {
        #expect(GoText.quote("a'b\"c\n") == #"'a\'b"c\n'"#)
        #expect(GoText.quote("日本") == "'日本'")
    }
}

/// Go's RE2 patterns run on ICU: the spellings that differ are translated.
@Suite struct GoRegexTests {
    @Test func dollarIsTheEndOfTheText() throws {
        #expect(try GoRegex("^abc$").matches("abc"))
        #expect(try !GoRegex("^abc$").matches("abc\n"))
        #expect(try GoRegex("(?m)^abc$").matches("abc\nx"))
    }

    @Test func goSpellings() throws {
        #expect(try GoRegex("^(?P<n>[a-z]+)$").matches("abc"))
        #expect(try GoRegex("^[]a]+$").matches("]a"))
        #expect(try GoRegex("^[[]+$").matches("[["))
        #expect(try GoRegex("^[[:alpha:]]+$").matches("abc"))
        #expect(try GoRegex(#"^[\d.]+$"#).matches("1.2"))
        #expect(try GoRegex("^[$]$").matches("$"))
    }

    @Test func unanchoredSearch() throws {
        #expect(try GoRegex("b+").matches("abbc"))
    }

    @Test func rejectsWhatRE2Rejects() {
        #expect(throws: JSONSchemaError.self) { try GoRegex("(?=a)") }
        #expect(throws: JSONSchemaError.self) { try GoRegex(#"(a)\1"#) }
    }
}
