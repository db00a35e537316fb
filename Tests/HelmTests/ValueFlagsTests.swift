import Foundation
import GoTemplate
import Testing
@testable import Helm

/// `--set-json`, `--set-file` and `--set-literal` (pkg/strvals, Helm 3.19) and the order
/// `MergeValues` applies the flags in. Expectations were checked against helm 3.19's output.
@Suite struct ValueFlagsTests {
    func sprint(_ map: GoMap) -> String { GoFormat.sprint(.map(map)) }

    @Test func `set-json decodes one JSON value per key: numbers are float64, empty is null`() throws {
        let m = GoMap()
        try StrVals.parseJSON(#"b={"x":[1,2.5,"s",null,true]}"#, into: m)
        try StrVals.parseJSON(#"c=[1,{"d":2}]"#, into: m)
        try StrVals.parseJSON("e=", into: m)
        try StrVals.parseJSON(#"f=3,g="x""#, into: m)
        try StrVals.parseJSON(#"h.i=  "sp"  ,l[1]={"y":1}"#, into: m)
        #expect(sprint(m) == "map[b:map[x:[1 2.5 s <nil> true]] c:[1 map[d:2]] e:<nil> f:3 g:x h:map[i:sp] l:[<nil> map[y:1]]]")
        if case .float(3)? = m["f"] {} else { Issue.record("f should be a float64") }
    }

    @Test func `set-json refuses what encoding/json refuses, naming the flag value`() throws {
        for bad in [#"b={"x":1"#, "b=1 2", "b=[1,,2]", "b=tru"] {
            #expect(throws: HelmError("failed parsing --set-json data \(bad)")) {
                try ValueOptions(jsonValues: [bad]).merged()
            }
        }
    }

    @Test func `set-file reads each named file, also inside a list`() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gitops-setfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("f.txt").path
        try "line1\nline2, with comma\n".write(toFile: file, atomically: true, encoding: .utf8)
        let m = try ValueOptions(fileValues: ["txt=\(file)", "l={\(file),\(file)}"]).merged()
        #expect(m["txt"].map { GoFormat.sprint($0) } == "line1\nline2, with comma\n")
        if case .list(let l)? = m["l"] { #expect(l.count == 2) } else { Issue.record("l should be a list") }
        #expect(throws: HelmError("failed parsing --set-file data: open \(dir.path)/missing.txt: no such file or directory")) {
            try ValueOptions(fileValues: ["txt=\(dir.path)/missing.txt"]).merged()
        }
    }

    @Test func `set-literal takes the rest of the flag as written`() throws {
        let m = GoMap()
        try StrVals.parseLiteral(#"lit=a,b=c\d{e}"#, into: m)
        try StrVals.parseLiteral("x.y[2]=z", into: m)
        try StrVals.parseLiteral("n=1", into: m)
        #expect(sprint(m) == #"map[lit:a,b=c\d{e} n:1 x:map[y:[<nil> <nil> z]]]"#)
        if case .string("1")? = m["n"] {} else { Issue.record("n should stay a string") }
        #expect(throws: HelmError("failed parsing --set-literal data: key \"a\" has no value")) {
            try ValueOptions(literalValues: ["a"]).merged()
        }
    }

    @Test func `flags apply in Helm's order: json, set, string, file, literal`() throws {
        let m = try ValueOptions(jsonValues: ["a=4"], values: ["a=2", "b=2"], stringValues: ["a=3"], literalValues: ["b=5"]).merged()
        #expect(sprint(m) == "map[a:3 b:5]")
    }
}
