import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import Synchronization
import Testing
import TestSupport

/// `gitops check --kubeconfig` against the loopback API server: the permissions it asks about
/// with SelfSubjectAccessReviews are answered by the server's authorizer, as RBAC would.
@Suite("gitops check asks a real API server about permissions", .serialized)
struct KubeAPICheckTests {
    /// A server whose cluster serves our kinds, and a kubeconfig naming it.
    static func serve() async throws -> (KubeAPIServer, kubeconfig: String) {
        let cluster = try EmbeddedCluster.inMemory()
        for crd in CRDs.all { _ = try cluster.apply(crd, options: ApplyOptions(fieldManager: "kubectl")) }
        let server = KubeAPIServer(cluster: cluster)
        let url = try await server.start()
        let kubeconfig = try GitFixture.temporaryDirectory(prefix: "kubeconfig") + "/config"
        try """
            apiVersion: v1
            kind: Config
            clusters:
            - name: loopback
              cluster: {server: "\(url)"}
            users:
            - name: me
              user: {}
            contexts:
            - name: test
              context: {cluster: loopback, user: me}
            current-context: test
            """.write(toFile: kubeconfig, atomically: true, encoding: .utf8)
        return (server, kubeconfig)
    }

    @Test("a permission the authorizer refuses is named, with the fix, and check exits 1")
    func missingPermission() async throws {
        let (server, kubeconfig) = try await Self.serve()
        server.setAuthorizer { a in !(a.verb == "delete" && a.group == "apps" && a.resource == "deployments") }
        let result = try CLI.run(["check", "--kubeconfig", kubeconfig])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("✗ permissions missing: delete deployments.apps"), "\(result.stdout)")
        #expect(!result.stdout.contains("patch deployments"), "only the refused verb is named: \(result.stdout)")
        #expect(result.stdout.contains("bind the ClusterRole of `gitops install`"), "\(result.stdout)")
        #expect(!result.stdout.contains("all checks passed"))
        // The questions went to the API as SelfSubjectAccessReviews, answered 201.
        let reviews = server.requests.filter { $0.path == "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews" }
        #expect(reviews.count == 11, "\(reviews)")
        #expect(reviews.allSatisfy { $0.method == "POST" && $0.status == 201 })
        await server.stop()
    }

    @Test("with every permission granted check passes and exits 0")
    func allAllowed() async throws {
        let (server, kubeconfig) = try await Self.serve()
        let asked = AskedLog()
        server.setAuthorizer { a in asked.append(a); return true }
        let result = try CLI.run(["check", "--kubeconfig", kubeconfig])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("permissions: the agent's 11 checked verbs are allowed"), "\(result.stdout)")
        #expect(result.stdout.contains("all checks passed"), "\(result.stdout)")
        // The authorizer saw the reviewed requests themselves, subresource and namespace included.
        let seen = asked.values
        #expect(seen.contains { $0.verb == "update" && $0.group == "kustomize.toolkit.fluxcd.io" && $0.resource == "kustomizations/status" })
        #expect(seen.contains { $0.verb == "create" && $0.resource == "leases" && $0.namespace == "gitops-system" })
        #expect(seen.contains { $0.verb == "create" && $0.resource == "selfsubjectaccessreviews" })
        await server.stop()
    }

    @Test("a server that refuses the reviews themselves: check says it could not ask")
    func reviewsRefused() async throws {
        let (server, kubeconfig) = try await Self.serve()
        server.setAuthorizer { a in a.resource != "selfsubjectaccessreviews" }
        let result = try CLI.run(["check", "--kubeconfig", kubeconfig])
        #expect(result.code == 1)
        #expect(result.stdout.contains("could not ask the server about permissions (SelfSubjectAccessReview refused)"), "\(result.stdout)")
        #expect(server.requests.contains { $0.path.hasSuffix("/selfsubjectaccessreviews") && $0.status == 403 })
        await server.stop()
    }
}

/// Authorizer calls, recorded from the server's threads.
final class AskedLog: Sendable {
    private let entries = Mutex<[RequestAttributes]>([])
    func append(_ attributes: RequestAttributes) { entries.withLock { $0.append(attributes) } }
    var values: [RequestAttributes] { entries.withLock { $0 } }
}
