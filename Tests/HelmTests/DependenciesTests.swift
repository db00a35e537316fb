import GitOpsAPI
import GoTemplate
import Testing
@testable import Helm

@Suite struct DependenciesTests {
    func parent(condition: String = "", tags: [String] = [], alias: String = "", values yaml: String = "{}") throws -> Chart {
        var request = ChartDependency(name: "sub", version: "1.x", condition: condition, alias: alias)
        request.tags = tags
        let sub = try chart("sub", values: "port: 80\nexports: {data: {shared: yes}}\n")
        return try chart("app", values: yaml, dependencies: [sub], requirements: [request])
    }

    @Test func `a false condition removes the subchart`() throws {
        var c = try parent(condition: "sub.enabled", values: "sub: {enabled: false}\n")
        try Dependencies.process(&c, userValues: GoMap())
        #expect(c.dependencies.isEmpty)
        var d = try parent(condition: "sub.enabled", values: "sub: {enabled: false}\n")
        try Dependencies.process(&d, userValues: try values("sub: {enabled: true}\n"))
        #expect(d.dependencies.map(\.name) == ["sub"])
    }

    @Test func `tags disable unless a condition says otherwise`() throws {
        var c = try parent(tags: ["front"], values: "tags: {front: false}\n")
        try Dependencies.process(&c, userValues: GoMap())
        #expect(c.dependencies.isEmpty)
        var d = try parent(condition: "sub.enabled", tags: ["front"], values: "tags: {front: false}\nsub: {enabled: true}\n")
        try Dependencies.process(&d, userValues: GoMap())
        #expect(d.dependencies.map(\.name) == ["sub"])
    }

    @Test func `an alias renames the subchart and its values key`() throws {
        var c = try parent(alias: "db", values: "db: {port: 5432}\n")
        try Dependencies.process(&c, userValues: GoMap())
        #expect(c.dependencies.map(\.name) == ["db"])
        let out = try Coalesce.values(chart: c, user: GoMap())
        #expect(GoFormat.sprint(out["db"]!).contains("port:5432"))
    }

    @Test func `a version outside the range keeps the subchart unaliased`() throws {
        var c = try parent(alias: "db")
        c.metadata.dependencies[0].version = "2.x"
        try Dependencies.process(&c, userValues: GoMap())
        #expect(c.dependencies.map(\.name) == ["sub"])
    }

    @Test func `import-values in both forms copy child values into the parent`() throws {
        var c = try parent()
        c.metadata.dependencies[0].importValues = [.string("data"), .object(["child": .string("port"), "parent": .string("x.y")])]
        // `child: port` names a scalar, not a table: Helm warns and skips it.
        c.metadata.dependencies[0].importValues[1] = .object(["child": .string("exports.data"), "parent": .string("x.y")])
        try Dependencies.process(&c, userValues: GoMap())
        #expect(GoFormat.sprint(c.values["shared"] ?? .missing) == "true")
        #expect(GoFormat.sprint(c.values["x"] ?? .missing) == "map[y:map[shared:true]]")
    }
}
