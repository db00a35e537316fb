import Foundation

/// TLS in front of a plain-HTTP test server (the loopback `KubeAPIServer`), as a small Python
/// proxy on `127.0.0.1`: it presents the server certificate of a ``TLSMaterial``, asks for a
/// client certificate signed by its CA (optional: requests without one pass on anonymously),
/// and forwards each request to `backendPort` with the certificate's identity in
/// `X-Remote-User` (CN) and `X-Remote-Group` (each O), plus `X-Front-Proxy-Secret` so the
/// backend knows those headers came from here — kube's request-header authentication. Headers
/// of those names sent by the client are removed first.
///
/// A backend that breaks its connection mid-answer makes the proxy close the client's
/// connection without an answer. Stops on ``stop()`` or release.
public final class TLSFrontProxy {
    public let port: Int
    /// The shared secret the backend must require in `X-Front-Proxy-Secret`.
    public let secret: String
    private let process: Process
    private let scratch: String

    public init(material: TLSMaterial, backendPort: Int) throws {
        scratch = try GitFixture.temporaryDirectory(prefix: "tlsproxy")
        secret = UUID().uuidString
        let script = scratch + "/proxy.py"
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "PROXY_BACKEND_PORT": String(backendPort), "PROXY_CERT": material.serverCertificatePath,
            "PROXY_KEY": material.serverKeyPath, "PROXY_CA": material.caCertificatePath, "PROXY_SECRET": secret,
        ]) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let line = try GitServerSupport.readLine(from: output.fileHandleForReading, timeout: 10)
        guard let port = Int(line) else {
            process.terminate()
            throw GitFixtureError(command: "python3 proxy.py", status: -1, stderr: "no port announced: \(line)")
        }
        self.port = port
    }

    deinit { stop() }

    /// `https://127.0.0.1:PORT`.
    public var url: String { "https://127.0.0.1:\(port)" }

    /// Stops the proxy (idempotent).
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: scratch)
    }

    private static let script = #"""
import http.client, http.server, os, signal, socket, ssl, threading, time

# Unblock SIGTERM (the Swift test process blocks it for children) and exit with the parent.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
PARENT = os.getppid()
def watch_parent():
    while os.getppid() == PARENT:
        time.sleep(0.5)
    os._exit(0)
threading.Thread(target=watch_parent, daemon=True).start()

BACKEND = int(os.environ["PROXY_BACKEND_PORT"])
SECRET = os.environ["PROXY_SECRET"]
STRIP = {"x-remote-user", "x-remote-group", "x-front-proxy-secret", "connection", "host", "keep-alive"}

context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(os.environ["PROXY_CERT"], os.environ["PROXY_KEY"])
context.load_verify_locations(os.environ["PROXY_CA"])
context.verify_mode = ssl.CERT_OPTIONAL

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        # The handshake runs on this connection's thread, not the accepting one.
        self.request.do_handshake()
        super().setup()

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or "0")
        body = self.rfile.read(length) if length else None
        headers = [(k, v) for k, v in self.headers.items() if k.lower() not in STRIP]
        cert = self.request.getpeercert()
        if cert:
            user, groups = None, []
            for rdn in cert.get("subject", ()):
                for key, value in rdn:
                    if key == "commonName":
                        user = value
                    elif key == "organizationName":
                        groups.append(value)
            if user:
                headers.append(("X-Remote-User", user))
                for group in groups:
                    headers.append(("X-Remote-Group", group))
                headers.append(("X-Front-Proxy-Secret", SECRET))
        backend = http.client.HTTPConnection("127.0.0.1", BACKEND, timeout=120)
        try:
            backend.putrequest(self.command, self.path, skip_accept_encoding=True)
            for k, v in headers:
                backend.putheader(k, v)
            if body is not None and not any(k.lower() == "content-length" for k, _ in headers):
                backend.putheader("Content-Length", str(len(body)))
            backend.endheaders(body)
            response = backend.getresponse()
            data = response.read()
        except Exception:
            # The backend broke the answer: break ours the same way.
            self.close_connection = True
            try:
                self.request.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        finally:
            backend.close()
        self.send_response_only(response.status, response.reason)
        for k, v in response.getheaders():
            if k.lower() not in ("content-length", "connection", "transfer-encoding", "keep-alive"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = handle_any

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
print(server.server_address[1], flush=True)
server.serve_forever()
"""#
}
