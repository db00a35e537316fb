import ChartRepository
import Curl
import Foundation
import Helm

/// `helm template NAME CHART --repo URL [--version V]`: the chart fetched from a chart
/// repository's `index.yaml` (version chosen as Helm's `IndexFile.Get` chooses it: an exact
/// version, else the highest matching the constraint; stable versions only unless `--devel`),
/// with Helm's repository flags (basic auth, CA, client certificate, insecure TLS,
/// `--pass-credentials`). OCI (`oci://`) charts are not supported.
struct ChartRepositoryOptions {
    var url: String
    var version: String?
    var devel: Bool
    var username: String?
    var password: String?
    var caFile: String?
    var certFile: String?
    var keyFile: String?
    var insecureSkipTLSVerify: Bool
    var passCredentials: Bool

    func fetch(_ chart: String) throws -> Chart {
        var tls = CurlRequest.TLSOptions()
        tls.insecureSkipVerify = insecureSkipTLSVerify
        tls.caBundlePEM = try caFile.map { try Self.read($0, "--ca-file") }
        tls.clientCertificatePEM = try certFile.map { try Self.read($0, "--cert-file") }
        tls.clientKeyPEM = try keyFile.map { try Self.read($0, "--key-file") }
        if (username == nil) != (password == nil) {
            throw HelmError("--username and --password go together: give both for basic authentication")
        }
        let credentials = RepositoryCredentials(username: username, password: password, tls: tls)
        let client: ChartRepositoryClient
        do {
            client = try ChartRepositoryClient(url: url, credentials: credentials, passCredentials: passCredentials, http: CurlClient())
        } catch {
            throw HelmError("\(error)")
        }
        // Helm's IndexFile.Get: "" is the latest stable version; --devel admits pre-releases.
        let range = version.flatMap { $0.isEmpty ? nil : $0 } ?? (devel ? ">0.0.0-0" : "*")
        let archive = try Self.wait { try await client.fetchChart(chart, range: range) }
        return try ChartLoader.loadArchive(archive.bytes)
    }

    private static func read(_ path: String, _ flag: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HelmError("open \(path): no such file or directory (\(flag))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs async work to completion from the synchronous command (the main thread, never a
    /// cooperative one, so blocking it cannot starve the work).
    private static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<T, Error>?
        Task.detached {
            do { result = .success(try await work()) } catch { result = .failure(error) }
            done.signal()
        }
        done.wait()
        do {
            return try result!.get()
        } catch let error as HelmError {
            throw error
        } catch {
            throw HelmError("\(error)")
        }
    }
}
