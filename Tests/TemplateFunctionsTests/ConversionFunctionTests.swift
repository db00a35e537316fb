import GitOpsAPI
import GoTemplate
import Testing
@testable import TemplateFunctions

/// Helm's conversions (funcs_test.go expectations) and Sprig's JSON helpers.
@Suite struct ConversionFunctionTests {
    @Test func valuesReadAsGoReadsJSON() throws {
        let v = Value(json: try JSONValue.parse(json: #"{"n": 3, "f": 1.5, "l": [true, null]}"#))
        #expect(try printed("typeOf", try call("get", v, .string("n"))) == "float64")
        #expect(GoText.v(v) == "map[f:1.5 l:[true <nil>] n:3]")
    }

    @Test func toJsonEscapesLikeEncodingJSON() throws {
        let v = dict(["b": .string("<a&b>\u{2028}\n\"q\""), "a": .float(0.0000001), "c": .float(1e21), "d": .float(3), "e": .bytes([104, 105])])
        #expect(try printed("toJson", v) == #"{"a":1e-7,"b":"\u003ca\u0026b\u003e\u2028\n\"q\"","c":1e+21,"d":3,"e":"aGk="}"#)
        let raw = try printed("toRawJson", dict(["b": .string("<a&b>")]))
        #expect(raw == #"{"b":"<a&b>"}"#, "\(raw)")
        #expect(try printed("toPrettyJson", try values("a: [1, {}]\nb: {}\n")) == "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": {}\n}")
        #expect(try printed("toJson", .null) == "null")
        #expect(try printed("toJson", .float(.nan)) == "")
        #expect(failure("mustToJson", .float(.nan)) == "json: unsupported value: NaN")
    }

    @Test func fromYamlReturnsMapsAndReportsErrorsInside() throws {
        #expect(try printed("fromYaml", .string("name: x\nk: 1\n")) == "map[k:1 name:x]")
        #expect(try printed("typeOf", try call("get", try call("fromYaml", .string("k: 1")), .string("k"))) == "float64")
        #expect(try printed("fromYaml", .string("")) == "map[]")
        #expect(try printed("fromYaml", .string("a: 1\nb: 2\na: 3\n")) == "map[a:3 b:2]")
        #expect(try printed("fromYaml", .string("a: 1\n---\nb: 2\n")) == "map[a:1]")
        let listError = try call("fromYaml", .string("- a\n- b\n"))
        #expect(try printed("get", listError, .string("Error"))
            == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}")
        #expect(try call("hasKey", try call("fromYaml", .string("a: [")), .string("Error")).isTrue)
        #expect(try printed("fromYamlArray", .string("- a\n- 1\n")) == "[a 1]")
        #expect(try printed("fromYamlArray", .string("a: 1")) == "[error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}]")
    }

    @Test func fromJsonFamilies() throws {
        #expect(try printed("fromJson", .string(#"{"hello": "world"}"#)) == "map[hello:world]")
        #expect(try call("hasKey", try call("fromJson", .string("{bad")), .string("Error")).isTrue)
        #expect(try printed("fromJsonArray", .string(#"["a", 2]"#)) == "[a 2]")
        #expect(try printed("mustFromJson", .string("[1]")) == "[1]")
        #expect(failure("mustFromJson", .string("{")) != nil)
    }

    @Test func pathsFollowGoPath() throws {
        #expect(try printed("base", .string("/a/b.txt")) == "b.txt")
        #expect(try printed("dir", .string("/a/b/c")) == "/a/b")
        #expect(try printed("dir", .string("c")) == ".")
        #expect(try printed("clean", .string("/a/../b//c/.")) == "/b/c")
        #expect(try printed("ext", .string("x/y.tar.gz")) == ".gz")
        #expect(try call("isAbs", .string("/x")).isTrue)
    }

    @Test func datesFormatWithGoLayouts() throws {
        // 2009-02-13 23:31:30 UTC
        #expect(try printed("dateInZone", .string("2006-01-02 15:04:05 MST Mon Jan"), .int(1234567890), .string("UTC"))
            == "2009-02-13 23:31:30 UTC Fri Feb")
        #expect(try printed("dateInZone", .string("3:04PM -07:00"), .int(1234567890), .string("Asia/Kolkata")) == "5:01AM +05:30")
        let parsed = try call("toDate", .string("2006-01-02T15:04:05Z07:00"), .string("2009-02-13T23:31:30Z"))
        #expect(try printed("unixEpoch", parsed) == "1234567890")
        let later = try call("dateModify", .string("1.5h"), parsed)
        #expect(try printed("unixEpoch", later) == "1234573290")
        #expect(try printed("duration", .string("3725")) == "1h2m5s")
        #expect(try printed("htmlDateInZone", .int(0), .string("UTC")) == "1970-01-01")
        #expect(failure("mustToDate", .string("2006-01-02"), .string("nope")) != nil)
    }
}

/// Sprig's url_test.go and semver_test.go.
@Suite struct URLAndSemverObjectTests {
    @Test func urlParseSplitsLikeNetURL() throws {
        let parts = try call("urlParse", .string("proto://auth@host:80/path?query#fragment"))
        #expect(GoText.v(parts) == "map[fragment:fragment host:host:80 hostname:host opaque: path:/path query:query scheme:proto userinfo:auth]")
        #expect(try printed("get", try call("urlParse", .string("mailto:someone@example.com")), .string("opaque")) == "someone@example.com")
    }

    @Test func urlJoinRebuilds() throws {
        let d = dict(["host": .string("host:80"), "path": .string("/path"), "query": .string("query"), "scheme": .string("proto"),
                      "fragment": .string("fragment"), "userinfo": .string("auth")])
        #expect(try printed("urlJoin", d) == "proto://auth@host:80/path?query#fragment")
        #expect(try printed("urlJoin", dict(["host": .string("h"), "path": .string("p"), "scheme": .string("https")])) == "https://h/p")
    }

    @Test func semverReturnsAVersionObject() throws {
        let v = try call("semver", .string("v1.2.3-alpha.1+build"))
        guard case .object(let object) = v else { Issue.record("not an object"); return }
        #expect(object.goTypeName == "*semver.Version")
        #expect(GoText.v(try object.callMethod("Major", []) ?? .null) == "1")
        #expect(GoText.v(try object.callMethod("Prerelease", []) ?? .null) == "alpha.1")
        #expect(object.goFormatted == "1.2.3-alpha.1+build")
        let other = try call("semver", .string("1.2.4"))
        #expect(GoText.v(try object.callMethod("Compare", [other]) ?? .null) == "-1")
        #expect(failure("semver", .string("x.y")) == "invalid semantic version")
    }
}

/// Helm's toToml (BurntSushi/toml's encoder).
@Suite struct ToTOMLTests {
    @Test func tablesFollowPlainKeysAndIndent() throws {
        let value = try values("a: 1\nh: [1, x]\nb:\n  c: \"q\\\"\"\n  d: {e: 1.5}\nf:\n- g: 1\n- g: 2\nn: null\n\"odd key\": true\n")
        let expected = """
        a = 1.0
        h = [1.0, "x"]
        "odd key" = true

        [b]
          c = "q\\""
          [b.d]
            e = 1.5

        [[f]]
          g = 1.0

        [[f]]
          g = 2.0

        """
        let actual = try printed("toToml", value)
        #expect(actual == expected, "\(actual)")
        #expect(try printed("toToml", dict(["i": .int(3), "m": dict(["k": .list([dict(["x": .int(1)]), .int(2)])])])) == "i = 3\n\n[m]\n  k = [{x = 1}, 2]\n")
        #expect(try printed("toToml", dict(["l": .list([.null])])) == "toml: cannot encode array with nil element")
    }
}
