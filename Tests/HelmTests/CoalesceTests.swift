import GitOpsAPI
import GoTemplate
import Testing
import YAML
@testable import Helm

func values(_ yaml: String) throws -> GoMap {
    ValueConversion.map(from: try YAML.parse(yaml))
}

func chart(_ name: String, values yaml: String = "{}", dependencies: [Chart] = [], requirements: [ChartDependency] = []) throws -> Chart {
    var metadata = ChartMetadata(name: name, version: "1.0.0")
    metadata.dependencies = requirements
    return Chart(metadata: metadata, values: try values(yaml), dependencies: dependencies)
}

@Suite struct CoalesceTests {
    @Test func `user values win, chart defaults fill in, nulls delete`() throws {
        let c = try chart("app", values: "a: 1\nb: {c: 2, d: 3}\ne: keep\n")
        let out = try Coalesce.values(chart: c, user: try values("a: 9\nb: {c: null}\ne: null\n"))
        #expect(GoFormat.sprint(.map(out)) == "map[a:9 b:map[d:3]]")
    }

    @Test func `subchart values sit under its name and receive globals`() throws {
        let sub = try chart("sub", values: "port: 80\nglobal: {x: sub}\n")
        let parent = try chart("app", values: "global: {x: parent, z: 1}\nsub: {port: 81}\n", dependencies: [sub])
        let out = try Coalesce.values(chart: parent, user: GoMap())
        #expect(GoFormat.sprint(.map(out)) ==
            "map[global:map[x:parent z:1] sub:map[global:map[x:parent z:1] port:81]]")
    }

    @Test func `a scalar does not replace a table, and the mismatch is warned about`() throws {
        let c = try chart("app", values: "t: {a: 1}\n")
        let log = WarningLog()
        let out = try Coalesce.$warnings.withValue(log) {
            try Coalesce.values(chart: c, user: try values("t: 5\n"))
        }
        #expect(GoFormat.sprint(.map(out)) == "map[t:5]")
        let out2 = try Coalesce.$warnings.withValue(log) {
            try Coalesce.values(chart: try chart("app", values: "t: 5\n"), user: try values("t: {a: 1}\n"))
        }
        #expect(GoFormat.sprint(.map(out2)) == "map[t:map[a:1]]")
        #expect(log.messages == ["warning: skipped value for app.t: Not a table."])
    }

    @Test func `merge keeps nulls`() throws {
        let c = try chart("app", values: "a: 1\n")
        let out = try Coalesce.values(chart: c, user: try values("a: null\n"), merge: true)
        #expect(GoFormat.sprint(.map(out)) == "map[a:<nil>]")
    }

    @Test func `user files merge maps deeply and later files win`() throws {
        let merged = ValueOptions.mergeMaps(try values("a: {b: 1, c: 2}\nl: [1]\n"), try values("a: {c: 3}\nl: [2]\n"))
        #expect(GoFormat.sprint(.map(merged)) == "map[a:map[b:1 c:3] l:[2]]")
    }
}
