import ChartRepository
import Curl
import Foundation
import GitOpsAPI

/// Why a HelmRepository's index could not be fetched, with the Flux reason written into its
/// Ready and FetchFailed conditions. The message names the repository (credentials redacted)
/// and what to do; it never holds a secret value.
struct HelmRepositoryFetchError: Error, Sendable, CustomStringConvertible {
    /// The server could not be reached or answered with an error: retried with backoff.
    static let fetchFailed = "FetchFailed"
    /// Flux's reason for an index that is not a valid repository index.
    static let indexationFailed = "IndexationFailed"

    var reason: String
    var message: String
    var description: String { message }
}

/// Fetches a chart repository's raw `index.yaml` — the bytes whose sha256 is the artifact
/// revision, as Flux's source-controller digests the index it downloaded — and checks that it
/// parses as a Helm repository index (Helm's `loadIndex` rules, in `RepositoryIndex`).
struct HelmRepositoryIndexFetcher: Sendable {
    let url: String
    let credentials: RepositoryCredentials?
    let timeout: Duration
    let http: CurlClient
    /// Flux's `--helm-index-max-size` default: 50 MiB.
    var maxIndexBytes = 50 << 20

    /// Helm's `ResolveReferenceURL(url, "index.yaml")`.
    var indexURL: String { ChartRepositoryClient.resolve("index.yaml", against: url) }

    func fetch() async throws -> [UInt8] {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw HelmRepositoryFetchError(reason: Reason.invalidSpec, message: "url \(redact(url)) is not http:// or https://; a HelmRepository of type default needs a chart repository URL (use type: oci for oci:// registries)")
        }
        var headers: [(String, String)] = [("Accept", "*/*"), ("User-Agent", "gitops-source/helm")]
        if let authorization { headers.append(("Authorization", authorization)) }
        let target = indexURL, shown = CurlError.redactedURL(target)
        let response: CurlResponse
        do {
            response = try await http.perform(CurlRequest(url: target, headers: headers, timeout: timeout,
                                                          tls: credentials?.tls ?? CurlRequest.TLSOptions(), followRedirects: true))
        } catch let error as CurlError {
            throw HelmRepositoryFetchError(reason: HelmRepositoryFetchError.fetchFailed, message: "failed to fetch Helm repository index from \(shown): \(error)")
        }
        switch response.status {
        case 200..<300:
            break
        case 401, 403:
            throw HelmRepositoryFetchError(reason: Reason.authenticationFailed, message: "failed to fetch Helm repository index from \(shown): HTTP \(response.status) (\(credentials == nil ? "no secretRef credentials were sent; set spec.secretRef" : "the credentials in spec.secretRef were refused; check the Secret"))")
        default:
            throw HelmRepositoryFetchError(reason: HelmRepositoryFetchError.fetchFailed, message: "failed to fetch Helm repository index from \(shown): HTTP \(response.status)\(response.status == 404 ? "; check spec.url" : "")")
        }
        guard response.body.count <= maxIndexBytes else {
            throw HelmRepositoryFetchError(reason: HelmRepositoryFetchError.indexationFailed, message: "the Helm repository index at \(shown) is \(response.body.count) bytes, over the limit of \(maxIndexBytes)")
        }
        do {
            _ = try RepositoryIndex.parse(response.body, source: shown)
        } catch {
            throw HelmRepositoryFetchError(reason: HelmRepositoryFetchError.indexationFailed, message: "\(error)")
        }
        return response.body
    }

    /// HTTP basic from `username`/`password`, or a bearer token (the header Helm sends).
    var authorization: String? {
        guard let credentials else { return nil }
        if let username = credentials.username, let password = credentials.password {
            return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        }
        return credentials.bearerToken.map { "Bearer \($0)" }
    }
}

extension SourceController {
    /// Reads the Secret named by `spec.secretRef` (RepositoryCredentials' keys); a missing or
    /// malformed Secret is an AuthenticationFailed error naming the Secret, never its values.
    func loadHelmCredentials(_ repo: HelmRepository) async throws -> RepositoryCredentials? {
        guard let secretRef = repo.spec.secretRef else { return nil }
        let name = "\(repo.metadata.namespace)/\(secretRef.name)"
        let ref = ObjectRef(apiVersion: "v1", kind: "Secret", namespace: repo.metadata.namespace, name: secretRef.name)
        guard let secret = try await cluster.get(ref) else {
            throw HelmRepositoryFetchError(reason: Reason.authenticationFailed, message: "failed to get authentication secret '\(name)' named in spec.secretRef: not found; create it or fix the name")
        }
        do {
            return try RepositoryCredentials(secretData: SecretData(secret).all, secretName: name)
        } catch {
            throw HelmRepositoryFetchError(reason: Reason.authenticationFailed, message: "invalid authentication secret '\(name)': \(error)")
        }
    }
}
