import Curl
import Foundation
import Testing

/// A throwaway CA, a server certificate for 127.0.0.1 and a client certificate, made with the
/// `openssl` tool, and Python's `ssl` module serving HTTPS with them on loopback.
struct TLSFixture {
    let directory: URL

    static func make() async throws -> TLSFixture {
        let directory = try makeTemporaryDirectory()
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try await runToolChecked(["openssl", "req", "-x509"] + ec + [
            "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=gitops test CA",
        ], in: directory)
        for (name, usage, san) in [("server", "serverAuth", "\nsubjectAltName=IP:127.0.0.1,DNS:localhost"),
                                   ("client", "clientAuth", "")] {
            try "extendedKeyUsage=\(usage)\(san)\n".write(
                to: directory.appendingPathComponent("\(name).ext"), atomically: true, encoding: .utf8)
            try await runToolChecked(["openssl", "req"] + ec + [
                "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=gitops-\(name)",
            ], in: directory)
            try await runToolChecked([
                "openssl", "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", "\(name).ext", "-out", "\(name).pem",
            ], in: directory)
        }
        let script = directory.appendingPathComponent("server.py")
        try serverScript.write(to: script, atomically: true, encoding: .utf8)
        return TLSFixture(directory: directory)
    }

    func pem(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Starts an HTTPS server; with `requireClientCertificate` it demands one signed by the CA.
    func startServer(requireClientCertificate: Bool = false) async throws -> HTTPSServer {
        let portFile = directory.appendingPathComponent("port-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "server.py", requireClientCertificate ? "1" : "0", portFile.path]
        process.currentDirectoryURL = directory
        try process.run()
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) {
                return HTTPSServer(process: process, port: port)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, SIGKILL)
        throw ToolFailed(description: "the Python HTTPS server did not start")
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    private static let serverScript = """
        import http.server, os, signal, ssl, sys
        # Swift's Process hands the child the test runner's blocked signal mask; unblock SIGTERM.
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        require_client, port_file = sys.argv[1] == "1", sys.argv[2]

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                peer = self.connection.getpeercert()
                who = dict(item[0] for item in peer["subject"])["commonName"] if peer else "anonymous"
                body = ("hello over tls, " + who).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain("server.pem", "server.key")
        if require_client:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations("ca.pem")
        server.socket = context.wrap_socket(server.socket, server_side=True)
        with open(port_file + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        os.rename(port_file + ".tmp", port_file)
        server.serve_forever()
        """
}

struct HTTPSServer {
    let process: Process
    let port: Int
    var url: String { "https://127.0.0.1:\(port)/" }

    func stop() {
        // SIGKILL: the child may have inherited a mask that blocks SIGTERM (see the script).
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

@Suite("CurlClient verifies TLS peers against the given CA")
struct CurlTLSTests {
    let client = CurlClient()

    @Test("a server signed by the given CA is trusted; without the CA the handshake fails as tls")
    func customCA() async throws {
        let fixture = try await TLSFixture.make()
        defer { fixture.remove() }
        let server = try await fixture.startServer()
        defer { server.stop() }

        let trusted = try await client.perform(CurlRequest(
            url: server.url, tls: .init(caBundlePEM: try fixture.pem("ca.pem"))))
        #expect(trusted.status == 200)
        #expect(trusted.text == "hello over tls, anonymous")

        let untrusted = await Result { try await client.perform(CurlRequest(url: server.url)) }
        let error = try #require(untrusted.failure as? CurlError)
        print("without the CA: \(error)")
        #expect(error.kind == .tls)

        let skipped = try await client.perform(CurlRequest(url: server.url, tls: .init(insecureSkipVerify: true)))
        #expect(skipped.status == 200)
    }

    @Test("a client certificate from PEM text satisfies a server that requires one")
    func clientCertificate() async throws {
        let fixture = try await TLSFixture.make()
        defer { fixture.remove() }
        let server = try await fixture.startServer(requireClientCertificate: true)
        defer { server.stop() }
        let ca = try fixture.pem("ca.pem")

        let response = try await client.perform(CurlRequest(url: server.url, tls: .init(
            caBundlePEM: ca, clientCertificatePEM: try fixture.pem("client.pem"),
            clientKeyPEM: try fixture.pem("client.key"))))
        #expect(response.status == 200)
        #expect(response.text == "hello over tls, gitops-client")

        let without = await Result {
            try await client.perform(CurlRequest(url: server.url, tls: .init(caBundlePEM: ca)))
        }
        // The server rejects the handshake (or closes right after it, depending on TLS 1.3 timing).
        #expect(without.failure is CurlError)
    }
}
