import Testing
import GoTemplate

/// The set: files and defines sharing one namespace, Go's AddParseTree replacement rules,
/// missingkey options, and functions calling back into the running template (`CallContext`).
@Suite struct TemplateSetTests {
    @Test func laterDefineReplacesEarlier() throws {
        let set = TemplateSet(functions: FunctionTable())
        try set.parse(name: "a.tpl", text: "{{define \"x\"}}first{{end}}")
        try set.parse(name: "main", text: "{{template \"x\"}}")
        #expect(try set.execute(name: "main", data: .null) == "first")
        try set.parse(name: "b.tpl", text: "{{define \"x\"}}second{{end}}")
        #expect(try set.execute(name: "main", data: .null) == "second")
    }

    @Test func emptyDefineDoesNotReplace() throws {
        let set = TemplateSet(functions: FunctionTable())
        try set.parse(name: "a.tpl", text: "{{define \"x\"}}kept{{end}}")
        try set.parse(name: "b.tpl", text: "{{define \"x\"}}  {{/* nothing */}}\n{{end}}")
        try set.parse(name: "main", text: "{{template \"x\"}}")
        #expect(try set.execute(name: "main", data: .null) == "kept")
    }

    @Test func blockIsOverriddenByALaterDefine() throws {
        let set = TemplateSet(functions: FunctionTable())
        try set.parse(name: "page", text: "<{{block \"body\" .}}default {{.}}{{end}}>")
        #expect(try set.execute(name: "page", data: .string("x")) == "<default x>")
        try set.parse(name: "override", text: "{{define \"body\"}}custom {{.}}{{end}}")
        #expect(try set.execute(name: "page", data: .string("x")) == "<custom x>")
    }

    @Test func namesEveryTemplate() throws {
        let set = TemplateSet(functions: FunctionTable())
        try set.parse(name: "chart/templates/_helpers.tpl", text: "{{define \"a\"}}{{end}}{{define \"b\"}}B{{end}}")
        try set.parse(name: "chart/templates/cm.yaml", text: "x")
        #expect(set.templateNames == ["a", "b", "chart/templates/_helpers.tpl", "chart/templates/cm.yaml"])
        #expect(set.hasTemplate(named: "b"))
        #expect(!set.hasTemplate(named: "c"))
    }

    /// `parseDeferringBody` (Helm's engine) keeps a file's defines and parses its body again when
    /// it runs: same results and same replacement rules as keeping every tree.
    @Test func deferredBodiesRenderAsParsedOnes() throws {
        let files: [(String, String)] = [
            ("c/templates/_a.tpl", "{{define \"x\"}}first {{.}}{{end}}{{define \"kept\"}}K{{end}}"),
            ("c/templates/page.yaml", "<{{block \"body\" .}}default {{.}}{{end}}> {{template \"x\" .}} {{template \"kept\" .}}"),
            ("c/templates/_b.tpl", "{{define \"x\"}}second {{.}}{{end}}{{define \"kept\"}}  {{end}}"),
            ("c/templates/_c.tpl", "{{define \"body\"}}custom {{.}}{{end}}"),
            ("c/templates/call.yaml", "[{{template \"c/templates/page.yaml\" .}}]"),
        ]
        let kept = TemplateSet(functions: FunctionTable()), deferred = TemplateSet(functions: FunctionTable())
        for (name, text) in files {
            try kept.parse(name: name, text: text)
            try deferred.parseDeferringBody(name: name, bytes: Array(text.utf8))
        }
        #expect(deferred.templateNames == kept.templateNames)
        #expect(deferred.hasTemplate(named: "c/templates/page.yaml"))
        for name in ["c/templates/page.yaml", "c/templates/call.yaml", "c/templates/page.yaml"] {
            let expected = try kept.execute(name: name, data: .string("v"))
            #expect(try deferred.execute(name: name, data: .string("v")) == expected)
        }
        #expect(try deferred.execute(name: "c/templates/call.yaml", data: .string("v")) == "[<custom v> second v K]")
        // A define named like a deferred file replaces the file's body, as a later tree does.
        try deferred.parse(name: "late.tpl", text: "{{define \"c/templates/page.yaml\"}}replaced{{end}}")
        #expect(try deferred.execute(name: "c/templates/call.yaml", data: .null) == "[replaced]")
    }

    @Test func deferredBodyErrorsPointIntoTheirFile() throws {
        let set = TemplateSet(functions: FunctionTable())
        try set.parseDeferringBody(name: "t.yaml", bytes: Array("a: 1\nb: {{.x.y}}\n".utf8))
        do {
            _ = try set.execute(name: "t.yaml", data: .string("s"))
            Issue.record("expected an execution error")
        } catch {
            #expect("\(error)".hasPrefix("template: t.yaml:2:7: executing \"t.yaml\" at <.x.y>"))
        }
        #expect(throws: TemplateError.self) { try set.parseDeferringBody(name: "bad.yaml", bytes: Array("{{if}}".utf8)) }
    }

    @Test func unknownTemplateNamesTheSet() {
        let set = TemplateSet(functions: FunctionTable())
        #expect(throws: TemplateError.self) { try set.execute(name: "nope", data: .null) }
        do { _ = try set.execute(name: "nope", data: .null) } catch {
            #expect("\(error)" == "template: no template \"nope\" associated with template \"gotpl\"")
        }
    }

    @Test func missingKeyOptions() throws {
        let data = value(["Values": ["present": "p", "nothing": nil]])
        #expect(try render("[{{.Values.absent}}]", data, missingKey: .invalid) == "[<no value>]")
        #expect(try render("[{{.Values.absent.deeper}}]", data, missingKey: .invalid) == "[<no value>]")
        #expect(try render("[{{.Values.absent}}]", data, missingKey: .zero) == "[<no value>]")
        #expect(renderError("{{.Values.absent.deeper}}", data, missingKey: .zero)
                == "template: t:1:9: executing \"t\" at <.Values.absent.deeper>: nil pointer evaluating interface {}.deeper")
        #expect(renderError("{{.Values.absent}}", data, missingKey: .error)
                == "template: t:1:9: executing \"t\" at <.Values.absent>: map has no entry for key \"absent\"")
        #expect(renderError("{{$x := .Values.nothing}}{{$x.y}}", data, missingKey: .error)
                == "template: t:1:29: executing \"t\" at <$x.y>: nil data; no entry for key \"y\"")
        #expect(try render("{{if .Values.absent}}yes{{else}}no{{end}}", data, missingKey: .zero) == "no")
    }

    /// `include`- and `tpl`-like functions calling back into the running set.
    static var reentrantFunctions: FunctionTable {
        var table = FunctionTable()
        table["include"] = Function { arguments, context in
            guard case .string(let name) = arguments[0] else { throw FunctionError("name must be a string") }
            return .string(try context.executeTemplate(named: name, data: arguments[1]))
        }
        table["tpl"] = Function { arguments, context in
            guard case .string(let text) = arguments[0] else { throw FunctionError("text must be a string") }
            return .string(try context.executeText(text, named: context.currentTemplateName, data: arguments[1]))
        }
        table["whoami"] = Function { _, context in .string(context.currentTemplateName) }
        return table
    }

    @Test func includeRunsANamedTemplateIntoAString() throws {
        let set = TemplateSet(functions: Self.reentrantFunctions)
        try set.parse(name: "helpers", text: "{{define \"name\"}}{{.}}-{{include \"suffix\" .}}{{end}}{{define \"suffix\"}}s{{end}}")
        try set.parse(name: "main", text: "{{include \"name\" \"app\" | printf \"%q\"}} {{whoami}}")
        #expect(try set.execute(name: "main", data: .null) == "\"app-s\" main")
    }

    @Test func tplParsesInACopy() throws {
        let set = TemplateSet(functions: Self.reentrantFunctions)
        try set.parse(name: "helpers", text: "{{define \"name\"}}N{{end}}")
        try set.parse(name: "main", text: "{{tpl \"{{define \\\"t\\\"}}T{{.}}{{end}}{{template \\\"t\\\" .}}{{include \\\"name\\\" .}}\" 5}}")
        #expect(try set.execute(name: "main", data: .null) == "T5N")
        #expect(!set.hasTemplate(named: "t"))
    }

    @Test func errorsFromIncludedTemplatesAreWrapped() throws {
        let set = TemplateSet(functions: Self.reentrantFunctions)
        try set.parse(name: "helpers", text: "{{define \"bad\"}}{{.x.y}}{{end}}")
        try set.parse(name: "main", text: "{{include \"bad\" .}}")
        let data = value(["x": nil])
        do {
            _ = try set.execute(name: "main", data: data)
            Issue.record("expected an error")
        } catch let error as TemplateError {
            #expect("\(error)" == "template: main:1:2: executing \"main\" at <include \"bad\" .>: error calling include: "
                + "template: helpers:1:20: executing \"bad\" at <.x.y>: nil pointer evaluating interface {}.y")
            #expect(error.functionName == "include")
            #expect(error.line == 1 && error.column == 2)
        }
    }

    @Test func includeOfAnUnknownTemplate() throws {
        let set = TemplateSet(functions: Self.reentrantFunctions)
        try set.parse(name: "main", text: "{{include \"nope\" .}}")
        #expect(throws: TemplateError.self) { try set.execute(name: "main", data: .null) }
        do { _ = try set.execute(name: "main", data: .null) } catch {
            #expect("\(error)" == "template: main:1:2: executing \"main\" at <include \"nope\" .>: error calling include: "
                + "template: no template \"nope\" associated with template \"gotpl\"")
        }
    }

    @Test func mapsAreSharedReferences() throws {
        var table = FunctionTable()
        table["set"] = .pure { arguments in
            guard case .map(let map) = arguments[0], case .string(let key) = arguments[1] else { return .null }
            map[key] = arguments[2]
            return arguments[0]
        }
        let data = value(["Values": ["a": 1]])
        #expect(try render("{{$_ := set .Values \"b\" 2}}{{.Values.b}}", data, functions: table) == "2")
    }
}

/// A named slice type with a method, like Helm's `chartutil.VersionSet`.
struct VersionList: TemplateObject {
    let versions: [String]
    var goTypeName: String { "chartutil.VersionSet" }
    func field(_ name: String) -> Value? { nil }
    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? {
        guard name == "Has" else { return nil }
        guard case .string(let wanted) = arguments.first else { throw FunctionError("wrong type for value; expected string") }
        return .bool(versions.contains(wanted))
    }
    var goFormatted: String { "[" + versions.joined(separator: " ") + "]" }
    var goCollection: Value? { .list(versions.map(Value.string)) }
}

@Suite struct ObjectTests {
    static let data = value(["Caps": ["APIVersions": Value.object(VersionList(versions: ["v1", "apps/v1"]))]])

    @Test func methodsWithArguments() throws {
        #expect(try render("{{.Caps.APIVersions.Has \"apps/v1\"}} {{.Caps.APIVersions.Has \"x/v9\"}}", Self.data) == "true false")
        #expect(try render("{{\"v1\" | .Caps.APIVersions.Has}}", Self.data) == "true")
    }

    @Test func sliceTypedObjectsWorkWithLenIndexRangeAndTruth() throws {
        #expect(try render("{{len .Caps.APIVersions}} {{index .Caps.APIVersions 1}} {{.Caps.APIVersions}}", Self.data) == "2 apps/v1 [v1 apps/v1]")
        #expect(try render("{{range $i, $v := .Caps.APIVersions}}{{$i}}={{$v}};{{end}}{{if .Caps.APIVersions}}!{{end}}", Self.data) == "0=v1;1=apps/v1;!")
    }

    @Test func unknownFieldOfAnObject() {
        #expect(renderError("{{.Caps.APIVersions.Nope}}", Self.data)
                == "template: t:1:7: executing \"t\" at <.Caps.APIVersions.Nope>: can't evaluate field Nope in type interface {}")
        #expect(renderError("{{$v := .Caps.APIVersions}}{{$v.Nope}}", Self.data)
                == "template: t:1:31: executing \"t\" at <$v.Nope>: can't evaluate field Nope in type chartutil.VersionSet")
    }
}
