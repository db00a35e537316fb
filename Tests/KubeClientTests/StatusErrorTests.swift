import Cluster
import Curl
import Foundation
import GitOpsAPI
import KubeAPIServer
import KubeClient
import Testing

@Suite("Status errors")
struct StatusErrorTests {
    @Test("AlreadyExists, NotFound namespace and Invalid come back with the server's reason and message")
    func reasons() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        _ = try await f.client.create(configMap("a"), options: WriteOptions())
        let exists = try #require(await clusterError { _ = try await f.client.create(configMap("a"), options: WriteOptions()) })
        #expect(exists.reason == .alreadyExists && exists.code == 409)
        #expect(exists.message == "configmaps \"a\" already exists")
        #expect(exists.object?.description == "ConfigMap/default/a")

        let noNamespace = try #require(await clusterError { _ = try await f.client.create(configMap("a", namespace: "nope"), options: WriteOptions()) })
        #expect(noNamespace.reason == .notFound)
        #expect(noNamespace.message == "namespaces \"nope\" not found")

        let invalid = try #require(await clusterError { _ = try await f.client.create(configMap("Bad_Name"), options: WriteOptions()) })
        #expect(invalid.reason == .invalid && invalid.code == 422)
        #expect(invalid.message.contains("metadata.name: Invalid value: \"Bad_Name\""))
    }

    @Test("details.causes are added to the message when it does not name them")
    func causesInMessage() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let status = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Deployment.apps \\"web\\" is invalid",
             "reason":"Invalid","details":{"name":"web","group":"apps","kind":"deployments","causes":[
             {"reason":"FieldValueInvalid","message":"Invalid value: -1: must be greater than or equal to 0","field":"spec.replicas"},
             {"reason":"FieldValueRequired","message":"Required value","field":"spec.selector"}]},"code":422}
            """
        f.server.inject(.answer(422, contentType: "application/json", body: status), pathPrefix: "/apis/apps/v1/namespaces")
        let error = try #require(await clusterError { _ = try await f.client.create(deployment("web"), options: WriteOptions()) })
        #expect(error.reason == .invalid)
        #expect(error.message == "Deployment.apps \"web\" is invalid [causes: spec.replicas: Invalid value: -1: must be greater than or equal to 0; spec.selector: Required value]")
    }

    @Test("a body that is not a Status is reported by its HTTP code")
    func nonStatusBody() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        f.server.inject(.answer(403, contentType: "text/html", body: "<html>denied by proxy</html>"), pathPrefix: "/api/v1/namespaces")
        let error = try #require(await clusterError { _ = try await f.client.get(configMap("a").ref) })
        #expect(error.reason == .forbidden && error.code == 403)
        #expect(error.message.contains("denied by proxy"))
    }

    @Test("a stale resourceVersion on update is a Conflict, reported and not retried")
    func optimisticConflict() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let created = try await f.client.create(configMap("a"), options: WriteOptions())
        var first = created, second = created
        first.body["data"] = ["k": "1"]
        second.body["data"] = ["k": "2"]
        _ = try await f.client.update(first, options: WriteOptions())
        let error = try #require(await clusterError { _ = try await f.client.update(second, options: WriteOptions()) })
        #expect(error.reason == .conflict && error.code == 409)
        #expect(error.message.contains("the object has been modified"))
        #expect(f.server.requests.filter { $0.method == "PUT" }.count == 2)
    }

    @Test("Forbidden from the authorizer names the user, verb and resource")
    func forbidden() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        f.server.setAuthorizer { $0.verb == "get" || $0.verb == "list" }
        let error = try #require(await clusterError { _ = try await f.client.apply(deployment("web"), options: ApplyOptions()) })
        #expect(error.reason == .forbidden && error.code == 403)
        #expect(error.message == "deployments.apps \"web\" is forbidden: User \"system:anonymous\" cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"default\"")
    }
}

@Suite("The loopback API server speaks the documented API")
struct ServerProtocolTests {
    /// A raw request, bypassing KubeClient.
    func raw(_ f: Fixture, _ method: String, _ path: String, contentType: String? = nil, body: String? = nil) async throws -> (Int, JSONValue) {
        let response = try await CurlClient().perform(CurlRequest(
            method: method, url: f.url + path, headers: contentType.map { [("Content-Type", $0)] } ?? [],
            body: body.map { Array($0.utf8) }))
        return (response.status, (try? JSONValue.parse(json: response.text)) ?? .null)
    }

    @Test("answers Status bodies with code, reason and details, including causes for Invalid")
    func statusBodies() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let (code, notFound) = try await raw(f, "GET", "/api/v1/namespaces/default/configmaps/missing")
        #expect(code == 404)
        #expect(notFound["kind"] == "Status" && notFound["status"] == "Failure" && notFound["reason"] == "NotFound")
        #expect(notFound["code"] == 404)
        #expect(notFound["details"] == ["name": "missing", "group": "", "kind": "configmaps"])

        let (invalidCode, invalid) = try await raw(f, "POST", "/api/v1/namespaces/default/configmaps", contentType: "application/json",
                                                   body: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Bad_Name"}}"#)
        #expect(invalidCode == 422)
        #expect(invalid[path: ["details", "causes"]]?.arrayValue?.first?["field"] == "metadata.name")
        #expect(invalid[path: ["details", "causes"]]?.arrayValue?.first?["reason"] == "FieldValueInvalid")
    }

    @Test("refuses patch types it does not implement with 415, and unknown verbs with 405")
    func unsupported() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        _ = try await f.client.create(configMap("a"), options: WriteOptions())
        let (mergeCode, merge) = try await raw(f, "PATCH", "/api/v1/namespaces/default/configmaps/a",
                                               contentType: "application/merge-patch+json", body: #"{"data":{"k":"x"}}"#)
        #expect(mergeCode == 415 && merge["reason"] == "UnsupportedMediaType")
        let (postCode, post) = try await raw(f, "POST", "/api/v1/namespaces/default/configmaps/a", contentType: "application/json", body: "{}")
        #expect(postCode == 405 && post["reason"] == "MethodNotAllowed")
        let (applyCode, apply) = try await raw(f, "PATCH", "/api/v1/namespaces/default/configmaps/a", contentType: "application/apply-patch+yaml",
                                               body: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")
        #expect(applyCode == 422 && apply["reason"] == "Invalid")  // fieldManager is required for apply
        let (pathCode, _) = try await raw(f, "GET", "/apis/nothing.example.com/v1/things")
        #expect(pathCode == 404)
    }

    @Test("apply-patch+yaml accepts YAML and answers 201 on create, 200 after")
    func yamlApply() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  k: v\n"
        let (first, _) = try await raw(f, "PATCH", "/api/v1/namespaces/default/configmaps/cfg?fieldManager=t", contentType: "application/apply-patch+yaml", body: yaml)
        let (second, object) = try await raw(f, "PATCH", "/api/v1/namespaces/default/configmaps/cfg?fieldManager=t", contentType: "application/apply-patch+yaml", body: yaml)
        #expect(first == 201 && second == 200, "\(object)")
        #expect(object[path: ["metadata", "managedFields"]]?.arrayValue?.first?["manager"] == "t")
    }
}
