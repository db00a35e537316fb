import Cluster
import Curl
import Foundation
import GitOpsAPI
import KubeConfig

extension KubeClient {
    /// Sends `request` with credentials, retrying as `retryPolicy` allows, and returns the final
    /// response whatever its status. Transport failures become `ClusterError`s.
    func perform(_ request: APIRequest) async throws -> CurlResponse {
        var attempt = 1
        var refreshedCredentials = false
        var repeated = false
        while true {
            let auth: RequestAuth
            do { auth = try await credentials.current() } catch {
                throw ClusterError(.unauthorized, "cannot get credentials for \(connection.server): \(error)", object: request.object)
            }
            counters.record(request.kind, retry: repeated)
            repeated = true
            let response: CurlResponse
            do {
                response = try await curl.perform(curlRequest(request, auth: auth))
            } catch let error as CurlError {
                // Nothing reached the server when the connection was refused; a read or a dry
                // run changes nothing. Anything else may have been applied: report it.
                let repeatable = error.kind == .couldNotConnect || request.isSafeToRepeat
                if repeatable, attempt < retryPolicy.maxAttempts {
                    try await Task.sleep(for: retryPolicy.delay(afterAttempt: attempt, retryAfter: nil))
                    attempt += 1
                    continue
                }
                throw transportError(error, request, attempts: attempt)
            }
            if response.status == 401, credentials.canRefresh, !refreshedCredentials {
                // An exec credential the server no longer accepts: run the plugin again, once.
                await credentials.invalidate()
                refreshedCredentials = true
                continue
            }
            if RetryPolicy.isRetryable(status: response.status), attempt < retryPolicy.maxAttempts {
                let delay = retryPolicy.delay(afterAttempt: attempt, retryAfter: response.header("Retry-After"))
                logger.debug("retrying Kubernetes API request", metadata: [
                    "method": "\(request.method)", "path": "\(request.path)", "status": "\(response.status)",
                    "attempt": "\(attempt)", "delay": "\(delay)",
                ])
                try await Task.sleep(for: delay)
                attempt += 1
                continue
            }
            return response
        }
    }

    /// The libcurl request for one attempt.
    private func curlRequest(_ request: APIRequest, auth: RequestAuth) -> CurlRequest {
        var headers: [(String, String)] = [("Accept", "application/json"), ("User-Agent", "gitops")]
        if let contentType = request.contentType { headers.append(("Content-Type", contentType)) }
        if let authorization = auth.authorization { headers.append(("Authorization", authorization)) }
        if let impersonatedUser { headers.append(("Impersonate-User", impersonatedUser)) }
        let tls = CurlRequest.TLSOptions(
            caBundlePEM: connection.certificateAuthority.map { String(decoding: $0, as: UTF8.self) },
            insecureSkipVerify: connection.insecureSkipTLSVerify,
            clientCertificatePEM: auth.clientCertificatePEM, clientKeyPEM: auth.clientKeyPEM)
        var curlRequest = CurlRequest(method: request.method, url: address.baseURL + request.pathAndQuery, headers: headers,
                                      body: request.body, timeout: requestTimeout, tls: tls, proxy: connection.proxyURL)
        curlRequest.connectTo = address.connectTo
        return curlRequest
    }

    /// A transport failure in the cluster's terms. The message names the request and says
    /// whether a write may have been applied.
    private func transportError(_ error: CurlError, _ request: APIRequest, attempts: Int) -> ClusterError {
        let target = "\(request.method) \(connection.server)\(request.path)"
        let tries = attempts > 1 ? " (after \(attempts) attempts)" : ""
        switch error.kind {
        case .timeout:
            return ClusterError(.timeout, "\(target) timed out\(tries): \(error.message)", object: request.object)
        case .couldNotConnect, .dns:
            return ClusterError(.serviceUnavailable, "cannot reach the API server for \(target)\(tries): \(error.message); check the server address and that it is up", object: request.object)
        case .tls:
            return ClusterError(.unknown, "TLS with \(connection.server) failed for \(target): \(error.message); check certificate-authority, insecure-skip-tls-verify and the client certificate of the kubeconfig", object: request.object)
        case .invalidRequest, .other:
            let note = request.isSafeToRepeat ? "" : "; the write may or may not have been applied, the next reconcile reads the live state again"
            return ClusterError(.serviceUnavailable, "connection to the API server broke during \(target)\(tries): \(error.message)\(note)", object: request.object)
        }
    }

    /// The object in a 2xx answer; a `ClusterError` for anything else.
    func decodeObject(_ response: CurlResponse, _ request: APIRequest, apiVersion: String, kind: String) throws -> KubeObject {
        guard response.isSuccess else { throw StatusError.clusterError(response, request) }
        return Self.withTypeMeta(try decodeJSON(response, request), apiVersion: apiVersion, kind: kind)
    }

    /// The object with `apiVersion` and `kind` first, filled in when missing: the items of a
    /// typed list (`DeploymentList`) carry neither on the wire.
    static func withTypeMeta(_ body: JSONValue, apiVersion: String, kind: String) -> KubeObject {
        guard var fields = body.objectValue else { return KubeObject(body) }
        if fields["apiVersion"] != nil, fields["kind"] != nil { return KubeObject(body) }
        var ordered: JSONObject = [
            "apiVersion": fields["apiVersion"] ?? .string(apiVersion), "kind": fields["kind"] ?? .string(kind),
        ]
        fields["apiVersion"] = nil
        fields["kind"] = nil
        for (key, value) in fields { ordered[key] = value }
        return KubeObject(.object(ordered))
    }

    func decodeJSON(_ response: CurlResponse, _ request: APIRequest) throws -> JSONValue {
        do { return try JSONValue.parse(json: Data(response.body)) } catch {
            throw ClusterError(.internalError, "\(request.method) \(request.path): the server answered \(response.status) with a body that is not JSON (\(error))", object: request.object)
        }
    }
}
