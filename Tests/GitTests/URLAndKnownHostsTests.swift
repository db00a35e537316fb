import Foundation
@testable import Git
import Hashing
import Testing

@Suite("URLs, known_hosts and key detection")
struct URLAndKnownHostsTests {
    @Test("normalises the URL forms the agent accepts")
    func urls() throws {
        #expect(try GitURL.parse("git@github.com:org/repo.git").normalized == "ssh://git@github.com/org/repo.git")
        #expect(try GitURL.parse("host.example:/srv/repo.git").normalized == "ssh://host.example/srv/repo.git")
        let ssh = try GitURL.parse("ssh://git@127.0.0.1:2222/srv/repo.git")
        #expect(ssh.host == "127.0.0.1" && ssh.sshPort == 2222 && ssh.user == "git")
        let ipv6 = try GitURL.parse("ssh://git@[::1]:2200/r.git")
        #expect(ipv6.host == "::1" && ipv6.port == 2200)
        #expect(try GitURL.parse("/tmp/repo").scheme == .local)
        #expect(try GitURL.parse("file:///tmp/repo").scheme == .file)
        let https = try GitURL.parse("https://user:s3cret@example.com/r.git")
        #expect(https.display == "https://user:***@example.com/r.git")
    }

    @Test("matches plain, bracketed, wildcard and hashed known_hosts entries")
    func knownHosts() throws {
        let key: [UInt8] = Array("\u{0}\u{0}\u{0}\u{b}ssh-ed25519 fake key".utf8)
        let other: [UInt8] = Array("another key".utf8)
        let encoded = Data(key).base64EncodedString()
        let salt: [UInt8] = Array(repeating: 7, count: 20)
        let hashed = "|1|\(Data(salt).base64EncodedString())|\(Data(HMAC.sha1(key: salt, message: "hashed.example".utf8)).base64EncodedString())"
        let file = KnownHosts("""
        # comment
        example.com,192.0.2.1 ssh-ed25519 \(encoded)
        [127.0.0.1]:2222 ssh-ed25519 \(encoded)
        *.wild.example,!bad.wild.example ssh-ed25519 \(encoded)
        \(hashed) ssh-ed25519 \(encoded)
        @revoked revoked.example ssh-ed25519 \(encoded)
        """)
        #expect(file.verify(host: "example.com", port: 22, key: key) == .trusted)
        #expect(file.verify(host: "192.0.2.1", port: 22, key: key) == .trusted)
        #expect(file.verify(host: "example.com", port: 22, key: other) == .mismatch)
        #expect(file.verify(host: "127.0.0.1", port: 2222, key: key) == .trusted)
        #expect(file.verify(host: "127.0.0.1", port: 22, key: key) == .unknown)
        #expect(file.verify(host: "a.wild.example", port: 22, key: key) == .trusted)
        #expect(file.verify(host: "bad.wild.example", port: 22, key: key) == .unknown)
        #expect(file.verify(host: "hashed.example", port: 22, key: key) == .trusted)
        #expect(file.verify(host: "revoked.example", port: 22, key: key) == .revoked)
        #expect(file.verify(host: "nowhere.example", port: 22, key: key) == .unknown)
    }

    @Test("recognises key algorithms from the private key text")
    func keyAlgorithms() throws {
        #expect(SSHKeyAlgorithm(privateKey: "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----") == .rsa)
        #expect(SSHKeyAlgorithm(privateKey: "garbage") == .unknown)
    }

    @Test("masks secrets and describes credentials without values")
    func redaction() {
        let credentials = GitCredentials(username: "bob", password: "hunter2", bearerToken: "tok-123")
        let redact = Redactor(credentials)
        #expect(redact("failed for https://bob:hunter2@x with tok-123") == "failed for https://bob:***@x with ***")
        #expect(!credentials.description.contains("hunter2") && credentials.description.contains("password"))
    }
}
