import Curl
import Foundation

/// A Helm chart repository over HTTP(S) (Flux's HelmRepository of type `default`): fetches
/// `index.yaml`, selects a chart version, downloads the archive, verifies its digest and keeps
/// verified archives in a cache directory keyed by digest.
public struct ChartRepositoryClient: Sendable {
    /// The repository URL as configured (`spec.url`).
    public let url: String
    public let credentials: RepositoryCredentials?
    /// Helm's `--pass-credentials` / Flux's `spec.passCredentials`: send credentials to chart
    /// URLs on other hosts too. Off by default, so an index cannot send them elsewhere.
    public let passCredentials: Bool
    /// Where verified archives are kept as `<sha256>.tgz`; nil disables the cache.
    public let cacheDirectory: String?
    public let timeout: Duration
    /// Flux's `--helm-index-max-size` default: 50 MiB.
    public var maxIndexBytes = 50 << 20
    /// Flux's `--helm-chart-max-size` default: 10 MiB.
    public var maxChartBytes = 10 << 20
    let http: CurlClient

    public init(url: String, credentials: RepositoryCredentials? = nil, passCredentials: Bool = false,
                cacheDirectory: String? = nil, timeout: Duration = .seconds(60), http: CurlClient) throws {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw ChartRepositoryError(.invalidConfiguration, "repository URL \(url) is not http:// or https://; OCI repositories (oci://) are not supported by this client")
        }
        self.url = url
        self.credentials = credentials
        self.passCredentials = passCredentials
        self.cacheDirectory = cacheDirectory
        self.timeout = timeout
        self.http = http
    }

    /// The index's URL: `index.yaml` resolved against the repository URL (Helm's `ResolveReferenceURL`).
    public var indexURL: String { Self.resolve("index.yaml", against: url) }

    /// Downloads and parses `index.yaml`.
    public func fetchIndex() async throws -> RepositoryIndex {
        let body = try await get(indexURL, what: "the index", limit: maxIndexBytes, sendCredentials: true)
        return try RepositoryIndex.parse(body, source: indexURL)
    }

    /// Fetches the index, selects a version of `chart` for `range` and downloads it.
    public func fetchChart(_ chart: String, range: String) async throws -> ChartArchive {
        let index = try await fetchIndex()
        return try await download(try index.select(chart: chart, range: range, repository: url))
    }

    /// Downloads one index entry's archive (its first URL), verifying the digest when the index
    /// gives one; a cached archive with that digest is returned without a request.
    public func download(_ entry: ChartVersionEntry) async throws -> ChartArchive {
        guard let first = entry.urls.first else {
            throw ChartRepositoryError(.invalidIndex, "chart \"\(entry.name)\" version \(entry.version) in the repository \(url) lists no urls; the repository index is broken")
        }
        let chartURL = Self.resolve(first, against: url)
        let expected = entry.digest.isEmpty ? nil : ChartDigest.normalize(entry.digest)
        if !entry.digest.isEmpty, expected == nil {
            throw ChartRepositoryError(.invalidIndex, "chart \"\(entry.name)\" version \(entry.version) in the repository \(url) has digest \"\(entry.digest)\", which is not a sha256 hex digest")
        }
        if let expected, let cached = cachedArchive(digest: expected) {
            return ChartArchive(entry: entry, url: chartURL, bytes: cached, digest: expected, fromCache: true)
        }
        let bytes = try await get(chartURL, what: "chart \"\(entry.name)\" version \(entry.version)", limit: maxChartBytes,
                                  sendCredentials: passCredentials || Self.sameOrigin(chartURL, url))
        guard bytes.count > 2, bytes[0] == 0x1f, bytes[1] == 0x8b else {
            throw ChartRepositoryError(.invalidArchive, "chart \"\(entry.name)\" version \(entry.version) from \(chartURL) is not a gzip archive (\(bytes.count) bytes); the URL may point at a web page or need credentials")
        }
        let digest = ChartDigest.sha256Hex(bytes)
        if let expected, digest != expected {
            throw ChartRepositoryError(.digestMismatch, "chart \"\(entry.name)\" version \(entry.version) from \(chartURL) has digest sha256:\(digest) but the index of \(url) says sha256:\(expected); the index is stale or the archive was altered — re-index the repository or check the server")
        }
        if expected != nil { storeInCache(bytes, digest: digest) }
        return ChartArchive(entry: entry, url: chartURL, bytes: bytes, digest: digest, fromCache: false)
    }

    private func get(_ target: String, what: String, limit: Int, sendCredentials: Bool) async throws -> [UInt8] {
        var headers: [(String, String)] = [("Accept", "*/*"), ("User-Agent", "gitops-source/helm")]
        var tls = CurlRequest.TLSOptions()
        if let credentials {
            tls = credentials.tls
            if sendCredentials, let authorization = credentials.authorization { headers.append(("Authorization", authorization)) }
        }
        let response: CurlResponse
        do {
            response = try await http.perform(CurlRequest(url: target, headers: headers, timeout: timeout, tls: tls, followRedirects: true))
        } catch let error as CurlError {
            throw ChartRepositoryError(.unavailable, "fetching \(what) from the repository \(url) failed: \(error); the repository is unreachable, retrying later")
        }
        switch response.status {
        case 200..<300:
            break
        case 401, 403:
            throw ChartRepositoryError(.unauthorized, "fetching \(what) from \(CurlError.redactedURL(target)) was refused (HTTP \(response.status)); check the credentials in the HelmRepository's secretRef")
        case 404:
            throw ChartRepositoryError(.unavailable, "\(what) was not found at \(CurlError.redactedURL(target)) (HTTP 404); check the HelmRepository's url and the chart name")
        default:
            throw ChartRepositoryError(.unavailable, "fetching \(what) from \(CurlError.redactedURL(target)) failed with HTTP \(response.status); retrying later")
        }
        guard response.body.count <= limit else {
            throw ChartRepositoryError(.invalidArchive, "\(what) from \(CurlError.redactedURL(target)) is \(response.body.count) bytes, over the limit of \(limit)")
        }
        return response.body
    }
}

/// A downloaded (or cached) chart archive.
public struct ChartArchive: Sendable {
    /// The index entry it was chosen from.
    public var entry: ChartVersionEntry
    /// Where it came from.
    public var url: String
    /// The `.tgz` bytes.
    public var bytes: [UInt8]
    /// Lower-case hex sha256 of `bytes`.
    public var digest: String
    /// True when served from the cache directory without a request.
    public var fromCache: Bool
}
