import Cluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import KubeClient
import Testing

@Suite("Lists")
struct PaginationTests {
    @Test("follows continue tokens page by page and returns every item with its kind")
    func pages() async throws {
        let f = try await Fixture.start(pageSize: 2)
        defer { Task { await f.stop() } }
        for name in ["e", "d", "c", "b", "a"] { _ = try f.cluster.create(configMap(name), options: WriteOptions()) }
        f.server.clearRequests()
        let items = try await f.client.list(ListQuery(apiVersion: "v1", kind: "ConfigMap", namespace: "default"))
        #expect(items.map(\.name) == ["a", "b", "c", "d", "e"])
        #expect(items.allSatisfy { $0.apiVersion == "v1" && $0.kind == "ConfigMap" })
        let lists = f.server.requests.filter { $0.path == "/api/v1/namespaces/default/configmaps" }
        #expect(lists.count == 3)
        #expect(lists.allSatisfy { $0.parameters["limit"] == "2" })
        #expect(lists[0].parameters["continue"] == nil && lists[1].parameters["continue"] != nil)
    }

    @Test("an expired continue token (410) restarts the list in one piece")
    func expiredToken() async throws {
        let f = try await Fixture.start(pageSize: 2)
        defer { Task { await f.stop() } }
        for name in ["a", "b", "c"] { _ = try f.cluster.create(configMap(name), options: WriteOptions()) }
        _ = try await f.client.resource(apiVersion: "v1", kind: "ConfigMap")
        let expired = #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"The provided continue parameter is too old","reason":"Expired","code":410}"#
        f.server.clearRequests()
        // The first page passes; the second answers 410.
        f.server.inject(.delay(.zero), times: 1, pathPrefix: "/api/v1/namespaces/default/configmaps")
        f.server.inject(.answer(410, contentType: "application/json", body: expired), times: 1, pathPrefix: "/api/v1/namespaces/default/configmaps")
        let items = try await f.client.list(ListQuery(apiVersion: "v1", kind: "ConfigMap", namespace: "default"))
        #expect(items.map(\.name) == ["a", "b", "c"])
        #expect(f.server.requests.map(\.status) == [200, 410, 200])
        #expect(f.server.requests.last?.parameters["limit"] == nil)
    }

    @Test("sends the label selector and lists across namespaces")
    func selectorAndAllNamespaces() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        _ = try f.cluster.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: "apps"), options: WriteOptions())
        _ = try f.cluster.create(configMap("a", labels: ["app": "web", "tier": "front"]), options: WriteOptions())
        _ = try f.cluster.create(configMap("b", namespace: "apps", labels: ["app": "web"]), options: WriteOptions())
        _ = try f.cluster.create(configMap("c", namespace: "apps", labels: ["app": "db"]), options: WriteOptions())
        let selected = try await f.client.list(ListQuery(apiVersion: "v1", kind: "ConfigMap", labelSelector: "app in (web),!tier"))
        #expect(selected.map(\.id.description) == ["ConfigMap/apps/b"])
        let request = try #require(f.server.requests.last)
        #expect(request.path == "/api/v1/configmaps")
        #expect(request.parameters["labelSelector"] == "app in (web),!tier")
        #expect(request.query?.contains("labelSelector=app%20in%20%28web%29%2C%21tier") == true)
    }
}
