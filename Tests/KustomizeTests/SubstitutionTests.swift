import GitOpsAPI
import Kustomize
import Testing
import YAML

@Suite("Flux post-build substitution")
struct SubstitutionTests {
    func substitute(_ yaml: String, _ vars: [String: String]) throws -> JSONValue {
        var objects = [KubeObject(try YAML.parse(yaml))]
        try Substitution.apply(vars, to: &objects)
        return objects[0].body
    }

    static let expressions: [(String, String)] = [
        ("app-${env}", "app-prod"),
        ("${env}-${region}", "prod-eu-west-1"),
        ("x-${missing}", "x-"),
        ("x-${missing:=fallback}", "x-fallback"),
        ("x-${missing:-fallback}", "x-fallback"),
        ("x-${missing=fallback}", "x-fallback"),
        ("x-${empty:=fallback}", "x-fallback"),
        ("x-${empty=fallback}", "x-"),
        ("x-${env:=fallback}", "x-prod"),
        ("x-$${env}", "x-${env}"),
        ("cost: $5 ${env}", "cost: $5 prod"),
        ("no variables", "no variables"),
        ("x-${_under_score1}", "x-ok"),
    ]

    @Test("expressions in strings expand as Flux's envsubst does", arguments: expressions)
    func expand(text: String, expected: String) throws {
        let vars = ["env": "prod", "region": "eu-west-1", "empty": "", "_under_score1": "ok"]
        let body = try substitute("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  k: '\(text)'\n", vars)
        #expect(body[path: ["data", "k"]] == .string(expected))
    }

    @Test("a value that was only a variable is re-read, so numbers and booleans get their type")
    func typedValues() throws {
        let body = try substitute("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: "${name}"}
            spec:
              replicas: ${replicas}
              paused: ${paused}
              template:
                spec:
                  containers:
                  - {name: web, image: "web:${tag}", args: ["${replicas}", "--n=${replicas}"]}
            """, ["name": "web", "replicas": "3", "paused": "false", "tag": "1.0"])
        #expect(body[path: ["metadata", "name"]] == "web")
        #expect(body[path: ["spec", "replicas"]] == .int(3))
        #expect(body[path: ["spec", "paused"]] == .bool(false))
        let container = body[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first
        #expect(container?["image"] == "web:1.0")
        #expect(container?["args"] == [.int(3), "--n=3"])
    }

    @Test("objects annotated substitute: disabled are left alone")
    func disabled() throws {
        var objects = [
            KubeObject(try YAML.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: script
                  annotations: {kustomize.toolkit.fluxcd.io/substitute: disabled}
                data: {run.sh: "echo ${HOME}"}
                """)),
            KubeObject(try YAML.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: \"${HOME}\"}\n")),
        ]
        try Substitution.apply(["HOME": "/root"], to: &objects)
        #expect(objects[0].body[path: ["data", "run.sh"]] == "echo ${HOME}")
        #expect(objects[1].body[path: ["data", "k"]] == "/root")
    }

    @Test("keys are not substituted, only values")
    func keysUntouched() throws {
        let body = try substitute("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {\"${k}\": v}\n", ["k": "x"])
        #expect(body[path: ["data", "${k}"]] == "v")
    }

    static let badNames = ["1abc", ""]

    @Test("a variable name outside ^[_[:alpha:]][_[:alpha:][:digit:]]*$ is refused", arguments: badNames)
    func badName(name: String) throws {
        let error = #expect(throws: (any Error).self) {
            _ = try substitute("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: 'x-${\(name)}'}\n", ["a": "b"])
        }
        #expect(String(describing: error.map { $0 }).contains("invalid variable name"))
    }

    @Test("an expression with an unknown operator is refused, naming the expression", arguments: ["a.b", "a b"])
    func badOperator(expression: String) throws {
        let error = #expect(throws: (any Error).self) {
            _ = try substitute("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: 'x-${\(expression)}'}\n", ["a": "b"])
        }
        #expect(String(describing: error.map { $0 }).contains("${\(expression)}"))
    }

    @Test("without variables nothing is substituted")
    func noVariables() throws {
        let body = try substitute("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: '${x:=d}'}\n", [:])
        #expect(body[path: ["data", "k"]] == "${x:=d}")
    }
}

/// The operators of drone/envsubst, which Flux's postBuild uses.
@Suite("Flux substitution operators")
struct SubstitutionOperatorTests {
    static let vars = ["NAME": "web-frontend", "EMPTY": "", "VERSION": "v1.2.3"]

    static let cases: [(String, String)] = [
        ("${#NAME}", "12"),
        ("${NAME^}", "Web-frontend"), ("${NAME^^}", "WEB-FRONTEND"), ("${VERSION,}", "v1.2.3"), ("${NAME,,}", "web-frontend"),
        ("${NAME:4}", "frontend"), ("${NAME:0:3}", "web"), ("${NAME:-8}", "web-frontend"),
        ("${VERSION#v}", "1.2.3"), ("${NAME#*-}", "frontend"), ("${VERSION%.*}", "v1.2"), ("${VERSION%%.*}", "v1"), ("${VERSION##*.}", "3"),
        ("${NAME/-/_}", "web_frontend"), ("${VERSION//./-}", "v1-2-3"),
        ("${EMPTY:-fallback}", "fallback"), ("${EMPTY-fallback}", ""), ("${UNSET-fallback}", "fallback"),
        ("${NAME:+set}", "set"), ("${UNSET:+set}", ""), ("${UNSET}", ""),
    ]

    @Test("each operator gives what bash and envsubst give", arguments: cases)
    func op(expression: String, expected: String) throws {
        #expect(try Substitution.expand(expression, Self.vars) == expected)
    }

    @Test("a required variable that is missing fails with its message")
    func required() {
        #expect(throws: BuildError.self) { try Substitution.expand("${UNSET:?set UNSET in the cluster-vars ConfigMap}", Self.vars) }
    }
}
