import Foundation
import Testing
@testable import KubeConfig

@Suite("reading a kubeconfig")
struct KubeConfigParseTests {
    static let full = """
    apiVersion: v1
    kind: Config
    current-context: dev
    clusters:
    - name: dev-cluster
      cluster:
        server: https://dev.example.com:6443
        certificate-authority-data: \(b64("-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n"))
        tls-server-name: api.dev.internal
        proxy-url: http://proxy:3128
    - name: lab
      cluster:
        server: https://10.0.0.5:6443
        insecure-skip-tls-verify: true
    users:
    - name: alice
      user:
        token: s3cr3t-token
    - name: robot
      user:
        client-certificate-data: \(b64("CERT-PEM"))
        client-key-data: \(b64("KEY-PEM"))
    - name: basic
      user:
        username: bob
        password: hunter2
    - name: cloud
      user:
        exec:
          apiVersion: client.authentication.k8s.io/v1
          command: aws
          args: [eks, get-token, --cluster-name, prod]
          env:
          - name: AWS_PROFILE
            value: prod
          interactiveMode: Never
    contexts:
    - name: dev
      context: {cluster: dev-cluster, user: alice, namespace: apps}
    - name: lab
      context: {cluster: lab, user: robot}
    - name: basic
      context: {cluster: lab, user: basic}
    - name: cloud
      context: {cluster: dev-cluster, user: cloud}
    """

    @Test("a full kubeconfig reads into clusters, users, contexts and current-context")
    func full() throws {
        let config = try KubeConfig.parse(Self.full, file: "/home/me/.kube/config")
        #expect(config.currentContext == "dev")
        #expect(config.files == ["/home/me/.kube/config"])
        #expect(Set(config.clusters.keys) == ["dev-cluster", "lab"])
        let dev = try #require(config.clusters["dev-cluster"])
        #expect(dev.server == "https://dev.example.com:6443")
        #expect(dev.tlsServerName == "api.dev.internal")
        #expect(dev.proxyURL == "http://proxy:3128")
        #expect(config.clusters["lab"]?.insecureSkipTLSVerify == true)
        let cloud = try #require(config.users["cloud"]?.exec)
        #expect(cloud.command == "aws")
        #expect(cloud.args == ["eks", "get-token", "--cluster-name", "prod"])
        #expect(cloud.env == [.init(name: "AWS_PROFILE", value: "prod")])
        #expect(cloud.interactiveMode == "Never")
        #expect(config.contexts["dev"] == .init(name: "dev", cluster: "dev-cluster", user: "alice", namespace: "apps", file: "/home/me/.kube/config"))
    }

    @Test("*-data fields are base64-decoded into the PEM bytes")
    func base64Data() throws {
        let config = try KubeConfig.parse(Self.full)
        #expect(config.users["robot"]?.clientCertificateData == Data("CERT-PEM".utf8))
        #expect(config.users["robot"]?.clientKeyData == Data("KEY-PEM".utf8))
        let connection = try config.resolve(context: "dev")
        #expect(String(decoding: try #require(connection.certificateAuthority), as: UTF8.self).hasPrefix("-----BEGIN CERTIFICATE-----"))
    }

    @Test("invalid base64 names the field and file, not the value")
    func badBase64() throws {
        let text = "clusters:\n- name: c\n  cluster:\n    server: https://x\n    certificate-authority-data: '!!not base64!!'\n"
        let error = try #require(throws: KubeConfigError.self) { try KubeConfig.parse(text, file: "/k/config") }
        #expect(error.message.contains("/k/config"))
        #expect(error.message.contains("certificate-authority-data"))
        #expect(error.message.contains("cluster \"c\""))
        #expect(!error.message.contains("!!not base64!!"))
    }

    @Test("relative paths resolve against the kubeconfig's directory; absolute ones stay")
    func relativePaths() throws {
        let text = """
        clusters:
        - name: c
          cluster: {server: "https://x", certificate-authority: certs/ca.pem}
        users:
        - name: u
          user: {client-certificate: ../pki/me.crt, client-key: /etc/me.key}
        - name: t
          user: {tokenFile: token}
        - name: e
          user:
            exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: ./bin/plugin}
        - name: p
          user:
            exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: kubelogin}
        """
        let config = try KubeConfig.parse(text, file: "/home/me/.kube/config")
        #expect(config.clusters["c"]?.certificateAuthority == "/home/me/.kube/certs/ca.pem")
        #expect(config.users["u"]?.clientCertificate == "/home/me/pki/me.crt")
        #expect(config.users["u"]?.clientKey == "/etc/me.key")
        #expect(config.users["t"]?.tokenFile == "/home/me/.kube/token")
        #expect(config.users["e"]?.exec?.command == "/home/me/.kube/bin/plugin")
        // A bare command is looked up on PATH, not next to the file.
        #expect(config.users["p"]?.exec?.command == "kubelogin")
    }

    @Test("CA and client certificate files are read when the connection resolves")
    func filesRead() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("ca.pem", "CA-PEM")
        try dir.write("pki/me.crt", "CERT")
        try dir.write("pki/me.key", "KEY")
        let file = try dir.write("config", """
        current-context: c
        clusters: [{name: c, cluster: {server: "https://x", certificate-authority: ca.pem}}]
        users: [{name: u, user: {client-certificate: pki/me.crt, client-key: pki/me.key}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        """)
        let connection = try KubeConfig.read(file: file).resolve(context: nil)
        #expect(connection.certificateAuthority == Data("CA-PEM".utf8))
        #expect(connection.credentials == .clientCertificate(certificate: Data("CERT".utf8), key: Data("KEY".utf8)))
        #expect(connection.namespace == "default")
    }

    @Test("an empty file is an empty configuration; a file of another kind is refused")
    func emptyAndWrongKind() throws {
        #expect(try KubeConfig.parse("", file: "/k").contexts.isEmpty)
        let error = try #require(throws: KubeConfigError.self) { try KubeConfig.parse("kind: Pod\n", file: "/k/pod.yaml") }
        #expect(error.message.contains("/k/pod.yaml"))
        #expect(error.reason == .invalid)
    }
}
