import ChartRepository
import Compression
import Curl
import Foundation
import GitOpsAPI
import Synchronization
import Testing
import TestSupport

/// A repository on a loopback HTTP server: index.yaml plus chart archives built in the test,
/// optionally behind basic or bearer authentication.
final class LoopbackRepository: Sendable {
    final class Files: Sendable {
        let byPath = Mutex<[String: [UInt8]]>([:])
    }

    let recorder: HTTPRecorder
    let files = Files()

    init(authorization: String? = nil) throws {
        let files = self.files
        recorder = try HTTPRecorder { request, _ in
            if let authorization, request.header("Authorization") != authorization { return .status(401, "unauthorized") }
            guard let body = files.byPath.withLock({ $0[request.path] }) else { return .status(404, "not found") }
            return RecordedResponse(status: 200, headers: [("Content-Type", "application/octet-stream")], body: body)
        }
    }

    func serve(_ path: String, _ body: [UInt8]) { files.byPath.withLock { $0[path] = body } }

    var url: String { recorder.url }

    func requests(to path: String) -> Int { recorder.requests.filter { $0.path == path }.count }
}

/// A chart archive as `helm package` lays it out: `<name>/Chart.yaml`, values, a template.
func chartArchive(name: String, version: String) -> [UInt8] {
    Compression.gzip(TarArchive.write([
        TarEntry(path: "\(name)/Chart.yaml", contents: Array("apiVersion: v2\nname: \(name)\nversion: \(version)\n".utf8)),
        TarEntry(path: "\(name)/values.yaml", contents: Array("replicaCount: 1\n".utf8)),
        TarEntry(path: "\(name)/templates/cm.yaml", contents: Array("kind: ConfigMap\n".utf8)),
    ]), level: 9)
}

func indexYAML(_ versions: [(version: String, url: String, digest: String?)]) -> [UInt8] {
    var text = "apiVersion: v1\nentries:\n  demo:\n"
    for entry in versions {
        text += "  - name: demo\n    version: \(entry.version)\n    urls: [\"\(entry.url)\"]\n"
        if let digest = entry.digest { text += "    digest: \(digest)\n" }
    }
    return Array(text.utf8)
}

func temporaryCache() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("chart-cache-\(UUID().uuidString)").path
}

@Suite("chart repositories over HTTP on loopback")
struct ChartRepositoryClientTests {
    let http = CurlClient(maxConcurrent: 4)

    @Test("fetches the index, picks the version, downloads, verifies and caches the archive")
    func fetchVerifyCache() async throws {
        let repo = try LoopbackRepository(authorization: "Basic " + Data("reader:pa55".utf8).base64EncodedString())
        let v1 = chartArchive(name: "demo", version: "1.4.0"), v2 = chartArchive(name: "demo", version: "2.0.0")
        repo.serve("/charts/demo-1.4.0.tgz", v1)
        repo.serve("/charts/demo-2.0.0.tgz", v2)
        repo.serve("/index.yaml", indexYAML([("1.4.0", "charts/demo-1.4.0.tgz", ChartDigest.sha256Hex(v1)),
                                              ("2.0.0", "charts/demo-2.0.0.tgz", "sha256:" + ChartDigest.sha256Hex(v2))]))
        let cache = temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let credentials = try RepositoryCredentials(secretData: ["username": "reader", "password": "pa55"], secretName: "flux-system/repo-auth")
        let client = try ChartRepositoryClient(url: repo.url + "/", credentials: credentials, cacheDirectory: cache, http: http)

        let archive = try await client.fetchChart("demo", range: "~1")
        #expect(archive.entry.version == "1.4.0")
        #expect(archive.bytes == v1)
        #expect(archive.digest == ChartDigest.sha256Hex(v1))
        #expect(!archive.fromCache)
        #expect(archive.url == repo.url + "/charts/demo-1.4.0.tgz")
        #expect(FileManager.default.fileExists(atPath: cache + "/" + archive.digest + ".tgz"))
        // The archive is a chart: Chart.yaml inside.
        let entries = try TarArchive.read(Compression.gunzip(archive.bytes))
        #expect(entries.contains { $0.path == "demo/Chart.yaml" })

        let again = try await client.fetchChart("demo", range: "~1")
        #expect(again.fromCache && again.bytes == v1)
        #expect(repo.requests(to: "/charts/demo-1.4.0.tgz") == 1, "the second fetch is served from the cache")
        #expect(repo.requests(to: "/index.yaml") == 2)

        let latest = try await client.fetchChart("demo", range: "")
        #expect(latest.entry.version == "2.0.0" && latest.bytes == v2)
    }

    @Test("a digest mismatch is refused and nothing is cached")
    func digestMismatch() async throws {
        let repo = try LoopbackRepository()
        let real = chartArchive(name: "demo", version: "1.0.0")
        repo.serve("/demo-1.0.0.tgz", real)
        repo.serve("/index.yaml", indexYAML([("1.0.0", "demo-1.0.0.tgz", ChartDigest.sha256Hex(chartArchive(name: "demo", version: "9.9.9")))]))
        let cache = temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let client = try ChartRepositoryClient(url: repo.url, cacheDirectory: cache, http: http)
        let error = await #expect(throws: ChartRepositoryError.self) { try await client.fetchChart("demo", range: "1.x") }
        #expect(error?.reason == .digestMismatch)
        #expect(error?.message.contains("chart \"demo\" version 1.0.0 from \(repo.url)/demo-1.0.0.tgz has digest sha256:\(ChartDigest.sha256Hex(real))") == true)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: cache))?.isEmpty ?? true)
    }

    @Test("an index without digests still downloads; a non-gzip answer is refused")
    func noDigestAndNotGzip() async throws {
        let repo = try LoopbackRepository()
        let archive = chartArchive(name: "demo", version: "1.0.0")
        repo.serve("/repo/demo-1.0.0.tgz", archive)
        repo.serve("/repo/demo-1.1.0.tgz", Array("<html>login</html>".utf8))
        repo.serve("/repo/index.yaml", indexYAML([("1.0.0", "demo-1.0.0.tgz", nil), ("1.1.0", "demo-1.1.0.tgz", nil)]))
        let client = try ChartRepositoryClient(url: repo.url + "/repo", http: http)
        #expect(try await client.fetchChart("demo", range: "1.0.0").bytes == archive)
        let error = await #expect(throws: ChartRepositoryError.self) { try await client.fetchChart("demo", range: "^1") }
        #expect(error?.reason == .invalidArchive)
    }

    @Test("wrong credentials, a missing index and a closed port give errors saying what to do")
    func failures() async throws {
        let repo = try LoopbackRepository(authorization: "Bearer t0ken")
        repo.serve("/index.yaml", indexYAML([]))
        let wrong = try ChartRepositoryClient(url: repo.url, credentials: try RepositoryCredentials(secretData: ["bearerToken": "nope"], secretName: "ns/s"), http: http)
        let refused = await #expect(throws: ChartRepositoryError.self) { try await wrong.fetchIndex() }
        #expect(refused?.reason == .unauthorized)
        #expect(refused?.message.contains("check the credentials in the HelmRepository's secretRef") == true)
        #expect(refused?.message.contains("nope") == false)
        let right = try ChartRepositoryClient(url: repo.url, credentials: try RepositoryCredentials(secretData: ["token": "t0ken"], secretName: "ns/s"), http: http)
        #expect(try await right.fetchIndex().entries["demo"]?.isEmpty == true)

        let empty = try LoopbackRepository()
        let missing = await #expect(throws: ChartRepositoryError.self) { try await ChartRepositoryClient(url: empty.url + "/charts", http: http).fetchIndex() }
        #expect(missing?.message == "the index was not found at \(empty.url)/charts/index.yaml (HTTP 404); check the HelmRepository's url and the chart name")

        let closedPort = empty.recorder.port
        empty.recorder.stop()
        let down = await #expect(throws: ChartRepositoryError.self) { try await ChartRepositoryClient(url: "http://127.0.0.1:\(closedPort)", http: http).fetchIndex() }
        #expect(down?.reason == .unavailable)
        #expect(down?.message.contains("http://127.0.0.1:\(closedPort)") == true)
    }

    @Test("credentials go to chart URLs on another host only with passCredentials")
    func passCredentials() async throws {
        let auth = "Basic " + Data("u:p".utf8).base64EncodedString()
        let index = try LoopbackRepository(authorization: auth)
        let mirror = try LoopbackRepository()
        let archive = chartArchive(name: "demo", version: "1.0.0")
        mirror.serve("/demo-1.0.0.tgz", archive)
        index.serve("/index.yaml", indexYAML([("1.0.0", mirror.url + "/demo-1.0.0.tgz", nil)]))
        let credentials = RepositoryCredentials(username: "u", password: "p")
        _ = try await ChartRepositoryClient(url: index.url, credentials: credentials, http: http).fetchChart("demo", range: "*")
        #expect(mirror.recorder.requests.last?.header("Authorization") == nil)
        _ = try await ChartRepositoryClient(url: index.url, credentials: credentials, passCredentials: true, http: http).fetchChart("demo", range: "*")
        #expect(mirror.recorder.requests.last?.header("Authorization") == auth)
    }

    @Test("credentials are read from a Secret object; half-filled Secrets are rejected")
    func credentialsFromSecret() throws {
        var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: "repo-auth", namespace: "flux-system")
        secret.body["data"] = ["username": .string(Data("reader".utf8).base64EncodedString()), "password": .string(Data("pa55".utf8).base64EncodedString())]
        let credentials = try RepositoryCredentials(secret: secret)
        #expect(credentials.username == "reader" && credentials.password == "pa55" && credentials.bearerToken == nil)
        secret.body["data"] = ["username": .string(Data("reader".utf8).base64EncodedString())]
        let error = #expect(throws: ChartRepositoryError.self) { try RepositoryCredentials(secret: secret) }
        #expect(error?.message == "Secret flux-system/repo-auth has a username but no password; set both keys for basic authentication")
        #expect(throws: ChartRepositoryError.self) { try ChartRepositoryClient(url: "oci://ghcr.io/x", http: CurlClient(maxConcurrent: 1)) }
    }
}
