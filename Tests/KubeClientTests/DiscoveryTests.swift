import Cluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import KubeClient
import Testing

@Suite("Discovery")
struct DiscoveryTests {
    @Test("resolves kinds from /api/v1 and /apis/G/V, with scope and status subresource, and caches them")
    func resolvesAndCaches() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let deployments = try await f.client.resource(apiVersion: "apps/v1", kind: "Deployment")
        #expect(deployments == ResourceInfo(group: "apps", version: "v1", kind: "Deployment", plural: "deployments",
                                            namespaced: true, hasStatusSubresource: true))
        let namespaces = try await f.client.resource(apiVersion: "v1", kind: "Namespace")
        #expect(namespaces.plural == "namespaces" && !namespaces.namespaced)
        let configMaps = try await f.client.resource(apiVersion: "v1", kind: "ConfigMap")
        #expect(!configMaps.hasStatusSubresource)
        let hpa = try await f.client.resource(apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler")
        #expect(hpa.version == "v1")
        for _ in 0..<5 { _ = try await f.client.resource(apiVersion: "apps/v1", kind: "Deployment") }
        #expect(f.seen == ["GET /apis/apps/v1", "GET /api/v1", "GET /apis/autoscaling/v1"])
        #expect(f.client.requestCounts.discovery == 3)
    }

    @Test("lists everything the server serves from /api and /apis, naming group versions that failed")
    func servedResources() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        f.server.inject(.status(503), times: 10, pathPrefix: "/apis/policy/v1")
        let served = try await f.client.servedResources()
        // The cluster's kinds, and the API's own SelfSubjectAccessReview, which nothing stores.
        let review = ResourceInfo(group: "authorization.k8s.io", version: "v1", kind: "SelfSubjectAccessReview",
                                  plural: "selfsubjectaccessreviews", namespaced: false, hasStatusSubresource: false)
        let expected = try f.cluster.servedResources().resources.filter { $0.group != "policy" } + [review]
        #expect(Set(served.resources) == Set(expected))
        #expect(served.failedGroupVersions == ["policy/v1"])
        #expect(f.seen.prefix(2) == ["GET /api", "GET /apis"])
    }

    @Test("a kind the cluster does not serve fails with a message that says so")
    func unknownKind() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let missingGroup = try #require(await clusterError { _ = try await f.client.apply(
            KubeObject(apiVersion: "example.com/v1", kind: "Widget", name: "w"), options: ApplyOptions()) })
        #expect(missingGroup.reason == .notFound)
        #expect(missingGroup.message.contains("does not serve kind \"Widget\" at apiVersion \"example.com/v1\""))
        #expect(missingGroup.message.contains("CustomResourceDefinition"))

        let wrongVersion = try #require(await clusterError { _ = try await f.client.get(
            ObjectRef(apiVersion: "apps/v1beta1", kind: "Deployment", namespace: "default", name: "x")) })
        #expect(wrongVersion.message.contains("served versions of the group: apps/v1"))

        let wrongKind = try #require(await clusterError { _ = try await f.client.list(ListQuery(apiVersion: "apps/v1", kind: "Deploymnet")) })
        #expect(wrongKind.message.contains("does not serve kind \"Deploymnet\" in apps/v1"))
        #expect(wrongKind.message.contains("Deployment"))
    }

    @Test("an unknown kind refreshes discovery, so a CRD created by someone else is found")
    func refreshOnUnknownKind() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        _ = await clusterError { _ = try await f.client.resource(apiVersion: "example.com/v1", kind: "Widget") }
        _ = try f.cluster.apply(widgetCRD(), options: ApplyOptions(fieldManager: "installer"))
        let info = try await f.client.resource(apiVersion: "example.com/v1", kind: "Widget")
        #expect(info.plural == "widgets" && info.namespaced && info.hasStatusSubresource)
        var widget = KubeObject(apiVersion: "example.com/v1", kind: "Widget", name: "w1", namespace: "default")
        widget.body["spec"] = ["size": 3]
        #expect(try await f.client.apply(widget, options: ApplyOptions()).action == .created)
        #expect(f.server.requests.last?.path == "/apis/example.com/v1/namespaces/default/widgets/w1")
    }

    @Test("applying a CRD through the client invalidates the cache; invalidateDiscovery() forgets it all")
    func invalidation() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        _ = try await f.client.resource(apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition")
        _ = try await f.client.apply(widgetCRD(), options: ApplyOptions())
        f.server.clearRequests()
        _ = try await f.client.resource(apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition")
        #expect(f.seen == ["GET /apis/apiextensions.k8s.io/v1"])
        f.client.invalidateDiscovery()
        _ = try await f.client.resource(apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition")
        #expect(f.seen.count == 2)
    }
}
