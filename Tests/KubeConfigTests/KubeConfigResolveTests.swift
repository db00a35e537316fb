import Foundation
import Testing
@testable import KubeConfig

@Suite("resolving a context into a connection")
struct KubeConfigResolveTests {
    let config = try! KubeConfig.parse(KubeConfigParseTests.full, file: "/home/me/.kube/config")

    @Test("current-context is used when no context is named; a named one overrides it")
    func currentContext() throws {
        let dev = try config.resolve(context: nil)
        #expect(dev.contextName == "dev")
        #expect(dev.server == "https://dev.example.com:6443")
        #expect(dev.namespace == "apps")
        #expect(dev.tlsServerName == "api.dev.internal")
        #expect(dev.credentials == .bearerToken("s3cr3t-token"))
        let lab = try config.resolve(context: "lab")
        #expect(lab.insecureSkipTLSVerify)
        #expect(lab.namespace == "default")
        #expect(lab.credentials == .clientCertificate(certificate: Data("CERT-PEM".utf8), key: Data("KEY-PEM".utf8)))
        #expect(try config.resolve(context: "basic").credentials == .basic(username: "bob", password: "hunter2"))
        guard case .exec(let exec) = try config.resolve(context: "cloud").credentials else {
            Issue.record("expected an exec credential")
            return
        }
        #expect(exec.command == "aws")
    }

    @Test("a missing context names the file, the contexts there and --context")
    func missingContext() throws {
        let error = try #require(throws: KubeConfigError.self) { try config.resolve(context: "prod") }
        #expect(error.reason == .contextNotFound)
        #expect(error.message == "context \"prod\" not found in /home/me/.kube/config (contexts: basic, cloud, dev, lab); pass --context with one of them")
    }

    @Test("a current-context that does not exist says it is the current-context")
    func missingCurrentContext() throws {
        var c = config
        c.currentContext = "gone"
        let error = try #require(throws: KubeConfigError.self) { try c.resolve(context: nil) }
        #expect(error.message.hasPrefix("current-context context \"gone\" not found"))
    }

    @Test("a missing cluster or user names it, the context and what exists")
    func missingClusterAndUser() throws {
        var c = config
        c.contexts["broken"] = .init(name: "broken", cluster: "nowhere", user: "alice", file: "/k/other")
        let clusterError = try #require(throws: KubeConfigError.self) { try c.resolve(context: "broken") }
        #expect(clusterError.reason == .clusterNotFound)
        #expect(clusterError.message.contains("cluster \"nowhere\" of context \"broken\""))
        #expect(clusterError.message.contains("(clusters: dev-cluster, lab)"))

        c.contexts["broken"] = .init(name: "broken", cluster: "lab", user: "nobody")
        let userError = try #require(throws: KubeConfigError.self) { try c.resolve(context: "broken") }
        #expect(userError.reason == .userNotFound)
        #expect(userError.message.contains("user \"nobody\" of context \"broken\""))
        #expect(userError.message.contains("(users: alice, basic, cloud, robot)"))
    }

    @Test("a cluster without server, a CA with insecure, and two auth methods are refused")
    func incomplete() throws {
        var c = config
        c.clusters["lab"]?.server = ""
        #expect(throws: KubeConfigError.self) { try c.resolve(context: "lab") }
        c = config
        c.clusters["lab"]?.certificateAuthorityData = Data("CA".utf8)
        let insecure = try #require(throws: KubeConfigError.self) { try c.resolve(context: "lab") }
        #expect(insecure.message.contains("insecure-skip-tls-verify"))
        c = config
        c.users["alice"]?.password = "pw"
        c.users["alice"]?.username = "alice"
        let two = try #require(throws: KubeConfigError.self) { try c.resolve(context: "dev") }
        #expect(two.message.contains("more than one authentication method (token, username/password)"))
        #expect(!two.message.contains("s3cr3t") && !two.message.contains("pw)"))
    }

    @Test("a client certificate goes beside a token or basic auth; an exec plugin stands aside for them (client-go)")
    func combinedCredentials() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = try dir.write("config", """
        current-context: token
        clusters: [{name: c, cluster: {server: "https://x"}}]
        users:
        - {name: token, user: {token: s3cr3t, client-certificate-data: Q0VSVA==, client-key-data: S0VZ}}
        - {name: basic, user: {username: u, password: pw, client-certificate-data: Q0VSVA==, client-key-data: S0VZ}}
        - {name: exec-token, user: {token: s3cr3t, exec: {apiVersion: client.authentication.k8s.io/v1, command: never-run}}}
        - {name: exec-cert, user: {client-certificate-data: Q0VSVA==, client-key-data: S0VZ, exec: {apiVersion: client.authentication.k8s.io/v1, command: never-run}}}
        contexts:
        - {name: token, context: {cluster: c, user: token}}
        - {name: basic, context: {cluster: c, user: basic}}
        - {name: exec-token, context: {cluster: c, user: exec-token}}
        - {name: exec-cert, context: {cluster: c, user: exec-cert}}
        """)
        let config = try KubeConfig.read(file: file)
        let pair = TLSClientCertificate(certificate: Data("CERT".utf8), key: Data("KEY".utf8))
        let token = try config.resolve(context: "token")
        #expect(token.credentials == .bearerToken("s3cr3t"))
        #expect(token.clientCertificate == pair)
        #expect(!token.description.contains("s3cr3t") && !"\(token)".contains("CERT"))
        let basic = try config.resolve(context: "basic")
        #expect(basic.credentials == .basic(username: "u", password: "pw"))
        #expect(basic.clientCertificate == pair)
        #expect(try config.resolve(context: "exec-token").credentials == .bearerToken("s3cr3t"))
        let cert = try config.resolve(context: "exec-cert")
        #expect(cert.credentials == .clientCertificate(certificate: Data("CERT".utf8), key: Data("KEY".utf8)))
        #expect(cert.clientCertificate == nil)
    }

    @Test("a token file is re-read on every use, so a rotated token is picked up")
    func tokenFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = try dir.write("config", """
        current-context: c
        clusters: [{name: c, cluster: {server: "https://x"}}]
        users: [{name: u, user: {tokenFile: tok}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        """)
        try dir.write("tok", "first\n")
        let credentials = try KubeConfig.read(file: file).resolve().credentials
        #expect(credentials == .bearerTokenFile(path: "\(dir.path)/tok"))
        #expect(try credentials.currentBearerToken() == "first")
        try dir.write("tok", "second")
        #expect(try credentials.currentBearerToken() == "second")
    }

    @Test("descriptions, errors and dumps never show tokens, passwords or keys")
    func secretsAbsent() throws {
        let secrets = ["s3cr3t-token", "hunter2", "CERT-PEM", "KEY-PEM", b64("KEY-PEM")]
        var texts: [String] = []
        for name in ["dev", "lab", "basic", "cloud"] {
            let connection = try config.resolve(context: name)
            texts.append(String(describing: connection))
            texts.append(String(reflecting: connection.credentials))
            var dumped = ""
            dump(connection.credentials, to: &dumped)
            texts.append(dumped)
        }
        for user in config.users.values {
            texts.append(String(describing: user))
            var dumped = ""
            dump(user, to: &dumped)
            texts.append(dumped)
        }
        let credential = ExecCredential(token: "s3cr3t-token", expirationTimestamp: Date())
        texts.append("\(credential)")
        var dumped = ""
        dump(credential, to: &dumped)
        texts.append(dumped)
        for text in texts {
            for secret in secrets { #expect(!text.contains(secret), "\(text)") }
        }
        #expect(texts.contains { $0.contains("basic auth as bob") })
    }
}
