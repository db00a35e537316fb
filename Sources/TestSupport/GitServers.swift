import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `git http-backend` behind a small Python HTTP server on `127.0.0.1`, serving every bare
/// repository under `root` at `http://127.0.0.1:<port>/<name>.git`. It can demand Basic auth
/// or a Bearer token (401 otherwise) and can stall each answer to exercise timeouts.
/// The server stops when ``stop()`` is called or the object is released.
public final class GitHTTPServer {
    /// What the server requires of a request.
    public enum Auth: Sendable {
        case none
        case basic(username: String, password: String)
        case bearer(token: String)
    }

    public let port: Int
    private let process: Process
    private let scratch: String

    /// Starts serving `root`; `delay` seconds are slept before each answer.
    public init(root: String, auth: Auth = .none, delay: Double = 0) throws {
        scratch = try GitFixture.temporaryDirectory(prefix: "githttp")
        let script = scratch + "/server.py"
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        var environment = ["GITOPS_TEST_ROOT": root, "GITOPS_TEST_DELAY": String(delay)]
        switch auth {
        case .none: break
        case .basic(let username, let password):
            environment["GITOPS_TEST_BASIC"] = Data("\(username):\(password)".utf8).base64EncodedString()
        case .bearer(let token):
            environment["GITOPS_TEST_BEARER"] = token
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // The script binds port 0 and prints the port it got as its first line.
        let line = try GitServerSupport.readLine(from: output.fileHandleForReading, timeout: 10)
        guard let port = Int(line) else {
            process.terminate()
            throw GitFixtureError(command: "python3 server.py", status: -1, stderr: "no port announced: \(line)")
        }
        self.port = port
    }

    deinit { stop() }

    /// `http://127.0.0.1:<port>/<path>`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// Stops the server (idempotent).
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: scratch)
    }

    /// A CGI bridge: checks auth, runs `git http-backend`, relays its headers and body.
    /// libgit2 may send chunked request bodies, so those are decoded before piping.
    private static let script = #"""
import base64, http.server, os, signal, subprocess, sys, threading, time

# The Swift test process spawns children with SIGTERM blocked; unblock it so stop() works, and
# exit on our own when that parent dies so no server outlives a crashed test run.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
PARENT = os.getppid()
def watch_parent():
    while os.getppid() == PARENT:
        time.sleep(0.5)
    os._exit(0)
threading.Thread(target=watch_parent, daemon=True).start()

ROOT = os.environ["GITOPS_TEST_ROOT"]
DELAY = float(os.environ.get("GITOPS_TEST_DELAY", "0"))
BASIC = os.environ.get("GITOPS_TEST_BASIC")
BEARER = os.environ.get("GITOPS_TEST_BEARER")

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def authorized(self):
        header = self.headers.get("Authorization", "")
        if BASIC is not None:
            return header == "Basic " + BASIC
        if BEARER is not None:
            return header == "Bearer " + BEARER
        return True

    def body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length", "0") or "0")
        return self.rfile.read(length) if length else b""

    def handle_any(self):
        request_body = self.body()
        if DELAY:
            time.sleep(DELAY)
        if not self.authorized():
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="git"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path, _, query = self.path.partition("?")
        env = dict(os.environ)
        env.update({
            "GIT_PROJECT_ROOT": ROOT, "GIT_HTTP_EXPORT_ALL": "1", "PATH_INFO": path,
            "QUERY_STRING": query, "REQUEST_METHOD": self.command,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(request_body)), "REMOTE_ADDR": "127.0.0.1",
            "GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
        })
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers.get("Content-Encoding")
        result = subprocess.run(["git", "http-backend"], input=request_body, env=env, capture_output=True)
        head, _, payload = result.stdout.partition(b"\r\n\r\n")
        if not _:
            head, _, payload = result.stdout.partition(b"\n\n")
        status = 200
        headers = []
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.strip().split()[0])
            elif name:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = handle_any
    do_POST = handle_any

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
"""#
}

/// An OpenSSH `sshd` on `127.0.0.1:<free port>` with a throwaway ed25519 host key, accepting
/// only the client keys given, run as the current user (root in CI) so libgit2 can fetch
/// `ssh://<user>@127.0.0.1:<port>/absolute/path/repo.git`. Stops on ``stop()`` or release.
public final class GitSSHServer {
    public let port: Int
    /// A `known_hosts` line for this server: `[127.0.0.1]:<port> ssh-ed25519 AAAA…`.
    public let knownHostsLine: String
    /// The client key pair the server accepts.
    public let clientKey: SSHKeyPair
    private let process: Process
    private let scratch: String

    /// A generated key pair (OpenSSH text formats).
    public struct SSHKeyPair: Sendable {
        public let privateKey: String
        public let publicKey: String
    }

    /// Starts sshd accepting `authorizedKeys` (default: one freshly generated ed25519 key,
    /// available as ``clientKey``).
    public init(authorizedKeys extra: [String] = []) throws {
        scratch = try GitFixture.temporaryDirectory(prefix: "gitsshd")
        let hostKey = try Self.generateKey(type: "ed25519", in: scratch, name: "host")
        clientKey = try Self.generateKey(type: "ed25519", in: scratch, name: "client")
        try ([clientKey.publicKey] + extra).joined(separator: "\n")
            .write(toFile: scratch + "/authorized_keys", atomically: true, encoding: .utf8)
        // sshd refuses to start without its privilege-separation directory.
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)

        port = try GitServerSupport.freePort()
        let config = """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(scratch)/host
        AuthorizedKeysFile \(scratch)/authorized_keys
        PidFile \(scratch)/sshd.pid
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PubkeyAuthentication yes
        PermitRootLogin yes
        StrictModes no
        UsePAM no
        LogLevel VERBOSE

        """
        try config.write(toFile: scratch + "/sshd_config", atomically: true, encoding: .utf8)
        let hostPublic = hostKey.publicKey.split(separator: " ").prefix(2).joined(separator: " ")
        knownHostsLine = "[127.0.0.1]:\(port) \(hostPublic)"

        // sshd closes every inherited descriptor at startup, which Foundation's Process takes
        // for the child's exit (it then blocks in waitpid and no other Process can finish).
        // A small Python supervisor stands between them and also stops sshd with its parent.
        try Self.supervisor.write(toFile: scratch + "/supervise.py", atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scratch + "/supervise.py", "/usr/sbin/sshd", "-D", "-e", "-f", scratch + "/sshd_config"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        _ = FileManager.default.createFile(atPath: scratch + "/sshd.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: scratch + "/sshd.log")
        try process.run()
        guard GitServerSupport.waitForListener(port: port, timeout: 10) else {
            stop()
            throw GitFixtureError(command: "sshd", status: -1, stderr: "sshd did not start listening on \(port)")
        }
    }

    deinit { stop() }

    /// `ssh://<user>@127.0.0.1:<port><absolutePath>`.
    public func url(_ absolutePath: String, user: String = NSUserName()) -> String {
        "ssh://\(user)@127.0.0.1:\(port)\(absolutePath)"
    }

    /// What sshd logged (for diagnosing a failing test).
    public var log: String { (try? String(contentsOfFile: scratch + "/sshd.log", encoding: .utf8)) ?? "" }

    /// Stops sshd (idempotent).
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: scratch)
    }

    /// Runs the command in its arguments until SIGTERM or until its own parent exits.
    private static let supervisor = #"""
import os, signal, subprocess, sys, threading, time

signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
child = subprocess.Popen(sys.argv[1:])
def finish(*_):
    child.terminate()
    try:
        child.wait(timeout=5)
    except subprocess.TimeoutExpired:
        child.kill()
    os._exit(0)
signal.signal(signal.SIGTERM, finish)
PARENT = os.getppid()
def watch_parent():
    while os.getppid() == PARENT and child.poll() is None:
        time.sleep(0.5)
    finish()
threading.Thread(target=watch_parent, daemon=True).start()
child.wait()
finish()
"""#

    /// Generates a key pair with `ssh-keygen` (`type`: ed25519, ecdsa, rsa).
    public static func generateKey(type: String) throws -> SSHKeyPair {
        let directory = try GitFixture.temporaryDirectory(prefix: "sshkey")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try generateKey(type: type, in: directory, name: "key")
    }

    private static func generateKey(type: String, in directory: String, name: String) throws -> SSHKeyPair {
        let path = directory + "/" + name
        try GitFixture.run("/usr/bin/ssh-keygen", ["-q", "-t", type, "-N", "", "-C", "gitops-test", "-f", path])
        return SSHKeyPair(privateKey: try String(contentsOfFile: path, encoding: .utf8),
                          publicKey: try String(contentsOfFile: path + ".pub", encoding: .utf8)
                              .trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Socket helpers shared by the Git test servers.
enum GitServerSupport {
    /// A TCP port on 127.0.0.1 that was free a moment ago (bind to 0, read, close).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw GitFixtureError(command: "socket", status: errno, stderr: "socket() failed") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw GitFixtureError(command: "bind", status: errno, stderr: "bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Polls until something accepts connections on 127.0.0.1:`port`.
    static func waitForListener(port: Int, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = loopback(port: port)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(fd)
            if connected { return true }
            usleep(50_000)
        }
        return false
    }

    /// Reads one line from `handle`, giving up after `timeout` seconds.
    static func readLine(from handle: FileHandle, timeout: Double) throws -> String {
        var buffer = Data()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var poller = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                return String(decoding: buffer[..<newline], as: UTF8.self)
            }
        }
        throw GitFixtureError(command: "read", status: -1, stderr: "no line within \(timeout)s: \(String(decoding: buffer, as: UTF8.self))")
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
