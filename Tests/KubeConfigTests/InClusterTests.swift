import Foundation
import Testing
@testable import KubeConfig

@Suite("in-cluster configuration")
struct InClusterTests {
    @Test("the service account directory and KUBERNETES_SERVICE_* make the connection")
    func inCluster() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("token", "sa-token\n")
        try dir.write("ca.crt", "CLUSTER-CA")
        try dir.write("namespace", "gitops-system\n")
        let env = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        let connection = try KubeConfig.inCluster(environment: env, root: dir.path)
        #expect(connection.server == "https://10.96.0.1:443")
        #expect(connection.certificateAuthority == Data("CLUSTER-CA".utf8))
        #expect(connection.namespace == "gitops-system")
        #expect(connection.credentials == .bearerTokenFile(path: "\(dir.path)/token"))
        #expect(try connection.credentials.currentBearerToken() == "sa-token")
        #expect(!connection.description.contains("sa-token"))
    }

    @Test("an IPv6 service host is bracketed and a missing namespace file means default")
    func ipv6() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("token", "t")
        try dir.write("ca.crt", "CA")
        let env = ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"]
        let connection = try KubeConfig.inCluster(environment: env, root: dir.path)
        #expect(connection.server == "https://[fd00::1]:6443")
        #expect(connection.namespace == "default")
    }

    @Test("outside a pod the error says to use --kubeconfig")
    func notInCluster() throws {
        let error = try #require(throws: KubeConfigError.self) { try KubeConfig.inCluster(environment: [:], root: "/nonexistent") }
        #expect(error.reason == .notInCluster)
        #expect(error.message.contains("--kubeconfig"))
        let noToken = try #require(throws: KubeConfigError.self) {
            try KubeConfig.inCluster(environment: ["KUBERNETES_SERVICE_HOST": "h", "KUBERNETES_SERVICE_PORT": "1"], root: "/nonexistent")
        }
        #expect(noToken.message.contains("/nonexistent/token"))
    }
}
