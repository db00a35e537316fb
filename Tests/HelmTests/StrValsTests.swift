import GoTemplate
import Testing
@testable import Helm

@Suite struct StrValsTests {
    func parse(_ text: String, strings: Bool = false) throws -> GoMap {
        let map = GoMap()
        try StrVals.parse(text, into: map, stringValues: strings)
        return map
    }

    @Test func `typed values: integers as int64, booleans, null, leading zero stays a string`() throws {
        let m = try parse("a=1000000,b=true,c=null,d=0123,e=0,f=FALSE,g=1.5")
        if case .int(1_000_000)? = m["a"] {} else { Issue.record("a should be an int64") }
        if case .bool(true)? = m["b"] {} else { Issue.record("b should be true") }
        if case .null? = m["c"] {} else { Issue.record("c should be null") }
        if case .string("0123")? = m["d"] {} else { Issue.record("d should be a string") }
        if case .int(0)? = m["e"] {} else { Issue.record("e should be 0") }
        if case .bool(false)? = m["f"] {} else { Issue.record("f should be false") }
        if case .string("1.5")? = m["g"] {} else { Issue.record("g should stay a string") }
    }

    @Test func `set-string keeps everything a string`() throws {
        let m = try parse("a=1,b=true", strings: true)
        if case .string("1")? = m["a"] {} else { Issue.record("a") }
        if case .string("true")? = m["b"] {} else { Issue.record("b") }
    }

    @Test func `nested keys, lists by index, list literals and escapes`() throws {
        let m = try parse(#"x.y.z=1,l[1]=b,l[0]=a,n={p,q},s=a\,b,dot\.key=v"#)
        #expect(GoFormat.sprint(.map(m)) == "map[dot.key:v l:[a b] n:[p q] s:a,b x:map[y:map[z:1]]]")
    }

    @Test func `list items hold maps`() throws {
        let m = try parse("servers[0].port=80,servers[0].host=a,servers[1].port=81")
        #expect(GoFormat.sprint(.map(m)) == "map[servers:[map[host:a port:80] map[port:81]]]")
    }

    @Test func `errors name the key`() {
        #expect(throws: HelmError("key \"a\" has no value")) { try parse("a") }
        #expect(throws: HelmError("key \"a\" has no value (cannot end with ,)")) { try parse("a,b=1") }
        #expect(throws: HelmError("negative -1 index not allowed")) { try parse("a[-1]=1") }
    }

    @Test func `empty value is the empty string`() throws {
        let m = try parse("a=")
        if case .string("")? = m["a"] {} else { Issue.record("a should be empty string") }
    }
}
