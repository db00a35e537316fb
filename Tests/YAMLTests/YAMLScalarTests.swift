import GitOpsAPI
import Testing
import YAML

/// Plain scalars resolve as Kubernetes reads them: go-yaml v2's YAML 1.1 table, through
/// `sigs.k8s.io/yaml`.
@Suite("YAML 1.1 scalars")
struct YAMLScalarTests {
    static let table: [(String, JSONValue)] = [
        // Booleans: exactly go-yaml v2's spellings.
        ("y", true), ("Y", true), ("yes", true), ("Yes", true), ("YES", true),
        ("true", true), ("True", true), ("TRUE", true), ("on", true), ("On", true), ("ON", true),
        ("n", false), ("N", false), ("no", false), ("No", false), ("NO", false),
        ("false", false), ("False", false), ("FALSE", false), ("off", false), ("Off", false), ("OFF", false),
        ("yEs", "yEs"), ("oN", "oN"), ("tRUE", "tRUE"), ("o", "o"), ("t", "t"),
        // Null.
        ("~", nil), ("null", nil), ("Null", nil), ("NULL", nil), ("", nil), ("nULL", "nULL"),
        // Integers.
        ("0", 0), ("42", 42), ("-17", -17), ("+12", 12), ("1_000", 1000), ("0x1F", 31), ("-0x1F", -31),
        ("0777", 511), ("0o17", 15), ("0b101", 5), ("-0b11", -3), ("00", 0),
        ("9223372036854775807", .int(Int.max)), ("-9223372036854775808", .int(Int.min)),
        ("9223372036854775808", .double(9223372036854775808)),
        ("0x", "0x"), ("0xZZ", "0xZZ"), ("1_", 1), ("12abc", "12abc"),
        // Floats.
        ("1.5", 1.5), ("-0.25", -0.25), (".5", 0.5), ("1.", 1.0), ("1e3", 1000.0), ("1E-2", 0.01),
        ("1_000.5", 1000.5), ("08", 8.0), (".inf", .double(.infinity)), ("-.Inf", .double(-.infinity)),
        ("+.INF", .double(.infinity)), ("1e400", "1e400"), ("._5", "._5"), (".", "."), ("-x", "-x"),
        // Strings that look like other things to other readers stay strings here.
        ("2001-12-14", "2001-12-14"), ("1:20", "1:20"), ("0.0.0.0/16", "0.0.0.0/16"), ("1Gi", "1Gi"),
        ("100m", "100m"), ("<<", "<<"), ("=", "="),
    ]

    @Test("plain scalars resolve by go-yaml v2's table")
    func plainScalars() throws {
        for (text, expected) in Self.table {
            let value = try YAML.parse("k: \(text)\n")
            #expect(value["k"] == expected, "\(text.debugDescription)")
        }
    }

    @Test(".nan reads as a NaN double")
    func notANumber() throws {
        for text in [".nan", ".NaN", ".NAN"] {
            #expect(try YAML.parse(text).doubleValue?.isNaN == true)
        }
    }

    @Test("quoted and block scalars are always strings")
    func quotedAreStrings() throws {
        let value = try YAML.parse("""
            a: "yes"
            b: '123'
            c: |
              true
            d: >-
              null
            e: ""
            """)
        #expect(value == ["a": "yes", "b": "123", "c": "true\n", "d": "null", "e": ""])
    }

    @Test("standard tags are honoured, custom and non-specific tags keep the text")
    func tags() throws {
        let value = try YAML.parse("""
            str: !!str 123
            int: !!int "42"
            float: !!float 3
            bool: !!bool "yes"
            nothing: !!null ""
            binary: !!binary aGVsbG8=
            custom: !thing 7
            bang: ! 12
            map: !!map {a: 1}
            seq: !!seq [1]
            """)
        #expect(value == [
            "str": "123", "int": 42, "float": 3.0, "bool": true, "nothing": nil,
            "binary": "aGVsbG8=", "custom": "7", "bang": "12", "map": ["a": 1], "seq": [1],
        ])
    }

    @Test("a tag that does not fit its scalar is an error")
    func tagMismatch() {
        #expect(throws: YAMLError.self) { try YAML.parse("a: !!int abc") }
        #expect(throws: YAMLError.self) { try YAML.parse("a: !!bool maybe") }
        #expect(throws: YAMLError.self) { try YAML.parse("a: !!map x") }
        #expect(throws: YAMLError.self) { try YAML.parse("a: !!seq {b: 1}") }
    }

    @Test("non-string keys become their string form, as sigs.k8s.io/yaml converts them")
    func nonStringKeys() throws {
        let value = try YAML.parse("1: a\n0x10: b\ntrue: c\nno: d\n1.5: e\n2.0: f\n")
        #expect(value == ["1": "a", "16": "b", "true": "c", "false": "d", "1.5": "e", "2": "f"])
        #expect(throws: YAMLError.self) { try YAML.parse("~: a") }
        #expect(throws: YAMLError.self) { try YAML.parse("? [a]\n: b") }
    }
}
