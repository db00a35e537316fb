import Cluster
import Curl
import Foundation
import GitOpsAPI
import KubeAPIServer
import KubeClient
import KubeConfig
import TestSupport
import Testing

/// The loopback API server behind a TLS proxy with certificates made here with openssl.
@Suite("TLS with a CA and client certificates")
struct TLSTests {
    struct Secure {
        let fixture: Fixture
        let material: TLSMaterial
        let proxy: TLSFrontProxy

        func client(_ connection: ClusterConnection) -> KubeClient { KubeClient(connection: connection, retryPolicy: .none) }

        func stop() {
            proxy.stop()
            material.remove()
            let fixture = self.fixture
            Task { await fixture.stop() }
        }
    }

    func secure() async throws -> Secure {
        let fixture = try await Fixture.start(authentication: Authentication())
        let material = try TLSMaterial()
        let proxy = try TLSFrontProxy(material: material, backendPort: fixture.server.port!)
        fixture.server.authentication = Authentication(frontProxySecret: proxy.secret)
        return Secure(fixture: fixture, material: material, proxy: proxy)
    }

    @Test("verifies the server against the CA and authenticates by client certificate")
    func clientCertificate() async throws {
        let s = try await secure()
        defer { s.stop() }
        let certificate = try s.material.clientCertificate(user: "alice", groups: ["system:masters"])
        let client = s.client(ClusterConnection(server: s.proxy.url, certificateAuthority: Data(s.material.caCertificatePEM.utf8),
                                                credentials: .clientCertificate(certificate: Data(certificate.certificatePEM.utf8), key: Data(certificate.keyPEM.utf8))))
        let result = try await client.apply(deployment("web"), options: ApplyOptions())
        #expect(result.action == .created)
        #expect(s.fixture.server.requests.allSatisfy { $0.user == "alice" })
    }

    @Test("a user with a token and a client certificate presents both, as client-go does")
    func tokenAndClientCertificate() async throws {
        let s = try await secure()
        defer { s.stop() }
        s.fixture.server.authentication = Authentication(tokens: ["t0k": "bob"], frontProxySecret: s.proxy.secret)
        let certificate = try s.material.clientCertificate(user: "alice")
        let pair = TLSClientCertificate(certificate: Data(certificate.certificatePEM.utf8), key: Data(certificate.keyPEM.utf8))
        let ca = Data(s.material.caCertificatePEM.utf8)
        // Through TLS the certificate is presented: kube-apiserver's x509 authenticator comes first.
        let both = s.client(ClusterConnection(server: s.proxy.url, certificateAuthority: ca, credentials: .bearerToken("t0k"), clientCertificate: pair))
        _ = try await both.list(ListQuery(apiVersion: "v1", kind: "Namespace"))
        #expect(s.fixture.server.requests.last?.user == "alice")
        // The token goes with it: the same connection straight to the server (no TLS) is bob.
        let plain = s.client(ClusterConnection(server: s.fixture.url, credentials: .bearerToken("t0k"), clientCertificate: pair))
        _ = try await plain.list(ListQuery(apiVersion: "v1", kind: "Namespace"))
        #expect(s.fixture.server.requests.last?.user == "bob")
    }

    @Test("refuses a server whose certificate the configured CA did not sign")
    func wrongCA() async throws {
        let s = try await secure()
        defer { s.stop() }
        let other = try TLSMaterial(commonName: "some-other-ca")
        defer { other.remove() }
        let client = s.client(ClusterConnection(server: s.proxy.url, certificateAuthority: Data(other.caCertificatePEM.utf8)))
        let error = try #require(await clusterError { _ = try await client.get(configMap("a").ref) })
        #expect(error.message.contains("TLS"))
        #expect(s.fixture.server.requests.isEmpty)
    }

    @Test("insecure-skip-tls-verify connects without a CA; without a client certificate the request is anonymous and refused")
    func insecureSkipVerify() async throws {
        let s = try await secure()
        defer { s.stop() }
        let client = s.client(ClusterConnection(server: s.proxy.url, insecureSkipTLSVerify: true))
        let error = try #require(await clusterError { _ = try await client.get(configMap("a").ref) })
        #expect(error.reason == .unauthorized)
        #expect(s.fixture.server.requests.map(\.status) == [401])
    }

    @Test("tls-server-name verifies the certificate against that name while connecting to the server address")
    func tlsServerName() async throws {
        let s = try await secure()
        defer { s.stop() }
        let certificate = try s.material.clientCertificate(user: "alice")
        let credentials = Credentials.clientCertificate(certificate: Data(certificate.certificatePEM.utf8), key: Data(certificate.keyPEM.utf8))
        let ca = Data(s.material.caCertificatePEM.utf8)
        let named = s.client(ClusterConnection(server: s.proxy.url, certificateAuthority: ca, tlsServerName: "kubernetes.default.svc", credentials: credentials))
        #expect(try await named.list(ListQuery(apiVersion: "v1", kind: "Namespace")).count == 4)
        let wrong = s.client(ClusterConnection(server: s.proxy.url, certificateAuthority: ca, tlsServerName: "api.example.com", credentials: credentials))
        let error = try #require(await clusterError { _ = try await wrong.list(ListQuery(apiVersion: "v1", kind: "Namespace")) })
        #expect(error.message.contains("TLS"))
    }

    @Test("an exec plugin may hand out a client certificate")
    func execClientCertificate() async throws {
        let s = try await secure()
        defer { s.stop() }
        let certificate = try s.material.clientCertificate(user: "robot")
        let script = s.material.directory + "/cert-plugin.sh"
        func jsonString(_ text: String) -> String { JSONValue.string(text).jsonString() }
        try """
            #!/bin/sh
            cat <<'EOF'
            {"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":\(jsonString(certificate.certificatePEM)),"clientKeyData":\(jsonString(certificate.keyPEM))}}
            EOF
            """.write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let client = s.client(ClusterConnection(server: s.proxy.url, certificateAuthority: Data(s.material.caCertificatePEM.utf8),
                                                credentials: .exec(KubeConfig.ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: script))))
        _ = try await client.list(ListQuery(apiVersion: "v1", kind: "Namespace"))
        #expect(s.fixture.server.requests.last?.user == "robot")
    }

    @Test("identity headers sent by a client are not believed without the proxy's secret")
    func spoofedIdentity() async throws {
        let s = try await secure()
        defer { s.stop() }
        let response = try await CurlClient().perform(CurlRequest(
            url: s.fixture.url + "/api/v1/namespaces", headers: [("X-Remote-User", "admin"), ("X-Front-Proxy-Secret", "guess")]))
        #expect(response.status == 401)
    }
}
