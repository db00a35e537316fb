import Foundation
import GitOpsAPI
import Testing
@testable import KubeConfig

@Suite("exec credential plugins")
struct ExecCredentialTests {
    static let v1 = "client.authentication.k8s.io/v1"

    @Test("v1 and v1beta1 ExecCredential output decode, with expiry")
    func decode() throws {
        let out = #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"abc","expirationTimestamp":"2030-01-02T03:04:05Z"}}"#
        let credential = try ExecCredential.decode(Data(out.utf8), expectedAPIVersion: Self.v1, command: "p")
        #expect(credential.token == "abc")
        #expect(credential.expirationTimestamp == Timestamp.parse("2030-01-02T03:04:05Z"))
        #expect(credential.credentials == .bearerToken("abc"))

        let beta = #"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"clientCertificateData":"C","clientKeyData":"K"}}"#
        let cert = try ExecCredential.decode(Data(beta.utf8), expectedAPIVersion: "client.authentication.k8s.io/v1beta1", command: "p")
        #expect(cert.expirationTimestamp == nil)
        #expect(cert.credentials == .clientCertificate(certificate: Data("C".utf8), key: Data("K".utf8)))
    }

    @Test("output in the wrong version, without status, or with half a certificate is refused")
    func refused() throws {
        let cases = [
            #"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"x"}}"#,
            #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}"#,
            #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientKeyData":"K"}}"#,
            #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"x","expirationTimestamp":"soon"}}"#,
            "not json",
        ]
        for out in cases {
            let error = try #require(throws: KubeConfigError.self) {
                try ExecCredential.decode(Data(out.utf8), expectedAPIVersion: Self.v1, command: "plugin")
            }
            #expect(error.reason == .execOutputInvalid)
            #expect(error.message.contains("exec plugin plugin"))
        }
    }

    @Test("the cache hands back a credential until it expires, and forgets it on invalidate")
    func cache() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        var cache = ExecCredentialCache()
        #expect(cache.credential(at: now) == nil)
        cache.store(ExecCredential(token: "t", expirationTimestamp: now.addingTimeInterval(60)))
        #expect(cache.credential(at: now)?.token == "t")
        #expect(cache.credential(at: now.addingTimeInterval(59))?.token == "t")
        #expect(cache.credential(at: now.addingTimeInterval(60)) == nil)
        cache.store(ExecCredential(token: "forever"))
        #expect(cache.credential(at: now.addingTimeInterval(1e9))?.token == "forever")
        cache.invalidate()
        #expect(cache.credential(at: now) == nil)
    }

    @Test("a shell-script plugin runs with the kubeconfig env and KUBERNETES_EXEC_INFO")
    func runsPlugin() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        // The plugin echoes what it was given back inside the token, so the test can see it.
        let script = try dir.write("plugin.sh", """
        #!/bin/sh
        info=$(printf '%s' "$KUBERNETES_EXEC_INFO" | tr -d '"{}:,' )
        printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s|%s|%s","expirationTimestamp":"2030-01-01T00:00:00Z"}}' "$GREETING" "$1" "$info"
        """, executable: true)
        let config = KubeConfig.ExecConfig(
            apiVersion: Self.v1, command: script, args: ["arg1"], env: [.init(name: "GREETING", value: "hello")],
            interactiveMode: "Never")
        let credential = try ExecPlugin.run(config, environment: ["PATH": "/usr/bin:/bin"])
        #expect(credential.token == "hello|arg1|kindExecCredentialapiVersionclient.authentication.k8s.io/v1specinteractivefalse")
        #expect(credential.isValid(at: Date(timeIntervalSince1970: 0)))
    }

    @Test("KUBERNETES_EXEC_INFO carries the cluster only when provideClusterInfo is set")
    func execInfo() throws {
        let cluster = ClusterConnection(server: "https://x", certificateAuthority: Data("CA".utf8))
        var config = KubeConfig.ExecConfig(apiVersion: Self.v1, command: "p")
        #expect(ExecPlugin.execInfo(config, cluster: cluster) == #"{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"interactive":false}}"#)
        config.provideClusterInfo = true
        let info = try JSONValue.parse(json: ExecPlugin.execInfo(config, cluster: cluster))
        #expect(info[path: ["spec", "cluster", "server"]] == "https://x")
        #expect(info[path: ["spec", "cluster", "certificate-authority-data"]] == .string(Data("CA".utf8).base64EncodedString()))
    }

    @Test("a plugin that hangs is stopped after the timeout, and that is an error saying so")
    func hangingPlugin() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let script = try dir.write("hang.sh", "#!/bin/sh\nexec sleep 30\n", executable: true)
        let start = ContinuousClock.now
        let hung = try #require(throws: KubeConfigError.self) {
            try ExecPlugin.run(.init(apiVersion: Self.v1, command: script), environment: [:], timeout: .milliseconds(500))
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(hung.message.contains("did not finish within"), "\(hung.message)")
    }

    @Test("a failing plugin's message and a missing plugin are reported with what to do")
    func failures() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let script = try dir.write("fail.sh", "#!/bin/sh\necho 'please run login first' >&2\nexit 3\n", executable: true)
        let failed = try #require(throws: KubeConfigError.self) {
            try ExecPlugin.run(.init(apiVersion: Self.v1, command: script), environment: [:])
        }
        #expect(failed.message.contains("exited with status 3: please run login first"))
        let missing = try #require(throws: KubeConfigError.self) {
            try ExecPlugin.run(.init(apiVersion: Self.v1, command: "no-such-plugin-xyz"), environment: ["PATH": dir.path])
        }
        #expect(missing.message.contains("not found on PATH"))
        let interactive = try #require(throws: KubeConfigError.self) {
            try ExecPlugin.run(.init(apiVersion: Self.v1, command: script, interactiveMode: "Always"), environment: [:])
        }
        #expect(interactive.message.contains("interactive"))
    }
}
