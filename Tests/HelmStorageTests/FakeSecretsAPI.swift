import Foundation

/// Just enough of the Kubernetes API for helm's Secrets driver, served by python's http.server
/// on loopback from a fixed list of Secrets: `GET /version`, `GET …/namespaces/<ns>/secrets`
/// with an equality label selector, and `GET …/secrets/<name>` (404 as a `Status` otherwise).
/// helm 3 reads releases through exactly these calls (`helm history`, `status`, `get`).
final class FakeSecretsAPI {
    let process = Process()
    let port: Int
    let directory: URL

    static let script = #"""
    import json, signal, sys, urllib.parse
    # Foundation's Process starts children with the test thread's signal mask (almost all
    # blocked): unblock, so the test can stop the server with SIGTERM.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, range(1, signal.NSIG))
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    secrets = json.load(open(sys.argv[1]))
    def matches(obj, selector):
        labels = obj["metadata"].get("labels", {})
        for term in filter(None, selector.split(",")):
            key, _, value = term.partition("=")
            if labels.get(key) != value: return False
        return True
    def status(code, reason, message):
        return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "reason": reason, "code": code, "message": message}
    class Handler(BaseHTTPRequestHandler):
        def send(self, code, body):
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        def do_GET(self):
            url = urllib.parse.urlparse(self.path)
            query = urllib.parse.parse_qs(url.query)
            parts = url.path.strip("/").split("/")
            if url.path == "/version":
                return self.send(200, {"major": "1", "minor": "30", "gitVersion": "v1.30.0", "platform": "linux/amd64"})
            if parts[:3] == ["api", "v1", "namespaces"] and len(parts) >= 5 and parts[4] == "secrets":
                items = [s for s in secrets if s["metadata"].get("namespace") == parts[3]]
                if len(parts) == 6:
                    for s in items:
                        if s["metadata"]["name"] == parts[5]: return self.send(200, s)
                    return self.send(404, status(404, "NotFound", 'secrets "%s" not found' % parts[5]))
                items = [s for s in items if matches(s, query.get("labelSelector", [""])[0])]
                return self.send(200, {"kind": "SecretList", "apiVersion": "v1", "metadata": {"resourceVersion": "1"}, "items": items})
            self.send(404, status(404, "NotFound", "the server could not find the requested resource"))
        def log_message(self, *args): pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#

    /// Starts the server over `secrets` (Secret bodies as JSON text) in a fresh temporary directory.
    init(secretsJSON: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fake-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(Self.script.utf8).write(to: directory.appendingPathComponent("server.py"))
        try Data(secretsJSON.utf8).write(to: directory.appendingPathComponent("secrets.json"))
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "server.py", "secrets.json"]
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The first line is the port the server bound.
        var line: [UInt8] = []
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") { line.append(byte) }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw FakeAPIError(message: "python3 did not start the fake API server")
        }
        self.port = port
        let kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters: [{name: fake, cluster: {server: "http://127.0.0.1:\(port)"}}]
        users: [{name: tester, user: {token: unused}}]
        contexts: [{name: fake, context: {cluster: fake, user: tester}}]
        current-context: fake
        """
        try Data(kubeconfig.utf8).write(to: directory.appendingPathComponent("kubeconfig"))
    }

    deinit {
        // SIGKILL: it cannot be blocked, so the wait below always ends.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `helm <arguments>` against the server; returns stdout, or throws with stderr.
    func helm(_ binary: String, _ arguments: [String]) throws -> String {
        let helm = Process()
        helm.executableURL = URL(fileURLWithPath: binary)
        helm.arguments = ["--kubeconfig", directory.appendingPathComponent("kubeconfig").path] + arguments
        helm.environment = ["HOME": directory.path, "PATH": "/usr/bin:/bin"]
        let output = Pipe(), errors = Pipe()
        helm.standardOutput = output
        helm.standardError = errors
        try helm.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let failure = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        helm.waitUntilExit()
        guard helm.terminationStatus == 0 else { throw FakeAPIError(message: "helm \(arguments.joined(separator: " ")): \(failure)") }
        return text
    }
}

struct FakeAPIError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A helm 3 binary: `$GITOPS_HELM3`, or `shared/conformance/helm/bin/helm3` (where
/// `get_helm.sh` puts it). nil when neither exists.
let helm3Binary: String? = {
    var candidates: [String] = []
    if let path = ProcessInfo.processInfo.environment["GITOPS_HELM3"] { candidates.append(path) }
    candidates.append(HelmFixtures.directory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("bin/helm3").path)
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

