import Cluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import KubeClient
import Testing

@Suite("SelfSubjectAccessReview on the loopback API server")
struct AccessReviewTests {
    static func review(_ attributes: JSONValue, key: String = "resourceAttributes") -> KubeObject {
        var review = KubeObject(.object(["apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview", "metadata": .object([:])]))
        review.body["spec"] = .object([key: attributes])
        return review
    }

    @Test("answers 201 with the review and status.allowed from the authorizer, about the caller")
    func allowedAndDenied() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        f.server.setAuthorizer { a in
            !(a.verb == "delete" && a.group == "apps" && a.resource == "deployments" && a.namespace == "prod")
                && !(a.verb == "get" && a.path == "/metrics")
        }
        let denied = try await f.client.create(Self.review(["verb": "delete", "group": "apps", "resource": "deployments", "namespace": "prod"]),
                                               options: WriteOptions())
        #expect(denied.body[path: ["status", "allowed"]] == false)
        #expect(denied.body[path: ["spec", "resourceAttributes", "namespace"]] == "prod")
        #expect(denied.body[path: ["metadata", "creationTimestamp"]] == .null)
        let elsewhere = try await f.client.create(Self.review(["verb": "delete", "group": "apps", "resource": "deployments", "namespace": "dev"]),
                                                  options: WriteOptions())
        #expect(elsewhere.body[path: ["status", "allowed"]] == true)
        let status = try await f.client.create(Self.review(["verb": "update", "group": "apps", "resource": "deployments", "subresource": "status"]),
                                               options: WriteOptions())
        #expect(status.body[path: ["status", "allowed"]] == true)
        let metrics = try await f.client.create(Self.review(["verb": "get", "path": "/metrics"], key: "nonResourceAttributes"), options: WriteOptions())
        #expect(metrics.body[path: ["status", "allowed"]] == false)
        let post = try #require(f.server.requests.last)
        #expect(post.method == "POST" && post.path == "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews" && post.status == 201)
        // Nothing is stored: there is no review to read back.
        #expect(f.server.requests.allSatisfy { $0.status != 500 })
    }

    @Test("discovery lists the review as create-only; other verbs and malformed reviews are refused as kube refuses them")
    func discoveryAndRefusals() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let info = try await f.client.resource(apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview")
        #expect(info.plural == "selfsubjectaccessreviews" && !info.namespaced)
        let neither = try #require(await clusterError {
            _ = try await f.client.create(Self.review(.object([:]), key: "other"), options: WriteOptions())
        })
        #expect(neither.reason == .invalid && neither.code == 422)
        #expect(neither.message.contains("exactly one of nonResourceAttributes or resourceAttributes must be specified"))
        let listed = try #require(await clusterError {
            _ = try await f.client.list(ListQuery(apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview"))
        })
        #expect(listed.code == 405)
        // Asking is itself authorized.
        f.server.setAuthorizer { $0.resource != "selfsubjectaccessreviews" }
        let forbidden = try #require(await clusterError {
            _ = try await f.client.create(Self.review(["verb": "get", "resource": "pods"]), options: WriteOptions())
        })
        #expect(forbidden.reason == .forbidden)
        #expect(forbidden.message.contains("cannot create resource \"selfsubjectaccessreviews\" in API group \"authorization.k8s.io\""))
    }
}
