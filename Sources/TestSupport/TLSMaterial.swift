import Foundation

/// A throwaway PKI made with the `openssl` command for TLS tests: a CA, a server certificate
/// for `127.0.0.1`, `localhost` and `kubernetes.default.svc` (a `tls-server-name`), and client certificates whose subject carries a user
/// (`CN`) and groups (`O`), the way kube-apiserver reads client certificate identities.
/// EC P-256 keys, valid for two days, in a temporary directory removed by ``remove()``.
public final class TLSMaterial: Sendable {
    public let directory: String
    public let caCertificatePEM: String
    public let caCertificatePath: String
    public let serverCertificatePath: String
    public let serverKeyPath: String

    /// A client certificate and its unencrypted key, PEM.
    public struct ClientCertificate: Sendable {
        public let certificatePEM: String
        public let keyPEM: String
    }

    /// Makes a CA (`commonName`) and a server certificate signed by it.
    public init(commonName: String = "gitops-test-ca") throws {
        directory = try GitFixture.temporaryDirectory(prefix: "tls")
        caCertificatePath = directory + "/ca.crt"
        serverCertificatePath = directory + "/server.crt"
        serverKeyPath = directory + "/server.key"
        try Self.write(directory + "/ca.cnf", """
            [req]
            distinguished_name = dn
            prompt = no
            [dn]
            CN = \(commonName)
            [v3_ca]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            """)
        try Self.openssl(["req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", directory + "/ca.key", "-out", caCertificatePath, "-days", "2",
                          "-config", directory + "/ca.cnf", "-extensions", "v3_ca"])
        caCertificatePEM = try String(contentsOfFile: caCertificatePath, encoding: .utf8)
        try sign(name: "server", subject: "/CN=127.0.0.1", extensions: """
            basicConstraints = CA:FALSE
            keyUsage = critical,digitalSignature,keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc
            """)
    }

    /// A client certificate for `user` in `groups`, signed by this CA.
    public func clientCertificate(user: String, groups: [String] = []) throws -> ClientCertificate {
        let name = "client-\(UUID().uuidString.prefix(8))"
        let subject = "/CN=\(user)" + groups.map { "/O=\($0)" }.joined()
        try sign(name: name, subject: subject, extensions: """
            basicConstraints = CA:FALSE
            keyUsage = critical,digitalSignature,keyEncipherment
            extendedKeyUsage = clientAuth
            """)
        return ClientCertificate(certificatePEM: try String(contentsOfFile: "\(directory)/\(name).crt", encoding: .utf8),
                                 keyPEM: try String(contentsOfFile: "\(directory)/\(name).key", encoding: .utf8))
    }

    /// Deletes the directory and every key in it.
    public func remove() { try? FileManager.default.removeItem(atPath: directory) }

    private func sign(name: String, subject: String, extensions: String) throws {
        let base = "\(directory)/\(name)"
        try Self.write(base + ".cnf", "[req]\ndistinguished_name = dn\n[dn]\n")
        try Self.write(base + ".ext", extensions)
        try Self.openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", base + ".key", "-out", base + ".csr", "-subj", subject, "-config", base + ".cnf"])
        try Self.openssl(["x509", "-req", "-in", base + ".csr", "-CA", caCertificatePath, "-CAkey", directory + "/ca.key",
                          "-set_serial", String(UInt32.random(in: 1...UInt32.max)), "-days", "2",
                          "-out", base + ".crt", "-extfile", base + ".ext"])
    }

    private static func write(_ path: String, _ text: String) throws {
        try (text + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitFixtureError(command: "openssl " + arguments.prefix(2).joined(separator: " "), status: process.terminationStatus,
                                  stderr: String(decoding: message, as: UTF8.self))
        }
    }
}
