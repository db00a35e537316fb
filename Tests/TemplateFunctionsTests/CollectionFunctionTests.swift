import GoTemplate
import Testing
@testable import TemplateFunctions

/// Sprig's list.go and dict.go (list_test.go, dict_test.go expectations).
@Suite struct CollectionFunctionTests {
    let abc: Value = .list([.string("a"), .string("b"), .string("c")])

    @Test func listAccess() throws {
        #expect(try printed("first", abc) == "a")
        #expect(try printed("last", abc) == "c")
        #expect(try printed("rest", abc) == "[b c]")
        #expect(try printed("initial", abc) == "[a b]")
        #expect(try printed("first", .list([])) == "<nil>")
        #expect(try printed("reverse", abc) == "[c b a]")
        #expect(try printed("slice", abc, .int(1)) == "[b c]")
        #expect(try printed("slice", abc, .int(1), .int(2)) == "[b]")
        #expect(failure("first", .string("x")) == "Cannot find first on type string")
        #expect(failure("mustLast", .int(1)) == "Cannot find last on type int64")
    }

    @Test func listBuilding() throws {
        #expect(try printed("append", abc, .string("d")) == "[a b c d]")
        #expect(try printed("prepend", abc, .string("z")) == "[z a b c]")
        #expect(try printed("concat", abc, .list([.int(1)]), .list([])) == "[a b c 1]")
        #expect(try printed("uniq", .list([.int(1), .int(1), .float(1), .string("1")])) == "[1 1 1]")
        #expect(try call("uniq", .list([.int(1), .int(1), .float(1)])) .listCount == 2)
        #expect(try printed("without", abc, .string("b"), .string("x")) == "[a c]")
        #expect(try printed("compact", .list([.string("a"), .string(""), .int(0), .null, .bool(false), .int(1)])) == "[a 1]")
        #expect(try printed("chunk", .int(2), .list([.int(1), .int(2), .int(3)])) == "[[1 2] [3]]")
        #expect(try call("has", .string("b"), abc).isTrue)
        #expect(try call("has", .int(1), .list([.float(1)])).isTrue == false)
        #expect(try call("has", .string("b"), .null).isTrue == false)
    }

    @Test func dictBasics() throws {
        let d = try call("dict", .string("name"), .string("x"), .int(1), .bool(true), .string("odd"))
        #expect(GoText.v(d) == "map[1:true name:x odd:]")
        #expect(try printed("get", d, .string("name")) == "x")
        #expect(try printed("get", d, .string("nope")) == "")
        #expect(try call("hasKey", d, .string("odd")).isTrue)
        _ = try call("set", d, .string("new"), .int(5))
        #expect(try printed("get", d, .string("new")) == "5")
        _ = try call("unset", d, .string("new"))
        #expect(try call("hasKey", d, .string("new")).isTrue == false)
        #expect(try printed("keys", d, dict(["z": .int(1)])) == "[1 name odd z]")
        #expect(try printed("values", dict(["b": .int(2), "a": .int(1)])) == "[1 2]")
        #expect(try printed("pick", d, .string("name"), .string("nope")) == "map[name:x]")
        #expect(try printed("omit", d, .string("name")) == "map[1:true odd:]")
        #expect(try printed("pluck", .string("a"), dict(["a": .int(1)]), dict(["b": .int(2)]), dict(["a": .int(3)])) == "[1 3]")
    }

    @Test func digFollowsKeysOrFallsBack() throws {
        let d = try values("a:\n  b:\n    c: 1\n  s: text\n")
        #expect(try printed("dig", .string("a"), .string("b"), .string("c"), .string("none"), d) == "1")
        #expect(try printed("dig", .string("a"), .string("x"), .string("none"), d) == "none")
        #expect(failure("dig", .string("a"), .string("s"), .string("c"), .string("none"), d)
            == "interface conversion: interface {} is string, not map[string]interface {}")
        #expect(failure("dig", .string("a"), .string("none"), .null) == "interface conversion: interface {} is nil, not map[string]interface {}")
    }

    @Test func mergeKeepsDestinationAndOverwriteReplaces() throws {
        let destination = try values("a: 1\nempty: \"\"\nzero: 0\nnested:\n  x: 1\nlist: [1]\n")
        let source = try values("a: 2\nempty: filled\nzero: 5\nnested:\n  x: 2\n  w: 3\nlist: [9, 9]\nnew: v\nnil: null\n")
        let merged = try printed("merge", destination, source)
        #expect(merged == "map[a:1 empty:filled list:[1] nested:map[w:3 x:1] new:v zero:5]")
        let overwritten = try printed("mergeOverwrite", try values("a: 1\nb: {c: 2}\nkeep: true\n"), try values("a: 0\nb: {d: 3}\nkeep: null\n"))
        #expect(overwritten == "map[a:0 b:map[c:2 d:3] keep:<nil>]")
        // probe-semantics: {{ mergeOverwrite (dict "a" 1 "b" (dict "c" 2)) (dict "b" (dict "d" 3)) | toJson }}
        let probe = try call("mergeOverwrite", dict(["a": .int(1), "b": dict(["c": .int(2)])]), dict(["b": dict(["d": .int(3)])]))
        #expect(try printed("toJson", probe) == "{\"a\":1,\"b\":{\"c\":2,\"d\":3}}")
    }

    @Test func deepCopyIsIndependent() throws {
        let original = try values("a:\n  b: 1\n")
        let copy = try call("deepCopy", original)
        _ = try call("set", try call("get", copy, .string("a")), .string("b"), .int(2))
        #expect(try printed("toJson", original) == "{\"a\":{\"b\":1}}")
        #expect(try printed("toJson", copy) == "{\"a\":{\"b\":2}}")
        #expect(try printed("deepCopy", .null) == "<nil>")
        #expect(try printed("merge", .null, dict(["k": .int(1)])) == "map[k:1]")
    }
}

extension Value {
    var listCount: Int { if case .list(let items) = self { return items.count } else { return -1 } }
}

/// sprig's dict_test.go TestMerge / TestMergeOverwrite, verbatim in values.
@Suite struct SprigMergeTableTests {
    func inputs() throws -> (Value, Value, Value) {
        let src2 = try values("h: 10\ni: i\nj: j\n")
        let src1 = try values("a: 1\nb: 2\nd: {e: four}\ng: [6, 7]\ni: aye\nj: jay\nk: {l: false}\n")
        let dst = try values("a: one\nc: 3\nd: {f: 5}\ng: [8, 9]\ni: eye\nk: {l: true}\n")
        return (dst, src1, src2)
    }

    @Test func mergeKeepsWhatTheDestinationHas() throws {
        let (dst, src1, src2) = try inputs()
        _ = try call("merge", dst, src1, src2)
        #expect(GoText.v(dst) == "map[a:one b:2 c:3 d:map[e:four f:5] g:[8 9] h:10 i:eye j:jay k:map[l:true]]")
    }

    @Test func mergeOverwriteLetsLaterSourcesWin() throws {
        let (dst, src1, src2) = try inputs()
        _ = try call("mergeOverwrite", dst, src1, src2)
        #expect(GoText.v(dst) == "map[a:1 b:2 c:3 d:map[e:four f:5] g:[6 7] h:10 i:i j:j k:map[l:false]]")
    }
}
