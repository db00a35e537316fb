import Compression
import Foundation
import GitOpsAPI

extension StoredRelease {
    /// Helm's storage prefix: records are named `sh.helm.release.v1.<name>.v<version>`.
    public static let storageType = "sh.helm.release.v1"
    /// The Secret type Helm's Secrets driver writes.
    public static let secretType = "helm.sh/release.v1"
    /// Labels the driver manages itself (`driver.GetSystemLabels`); users may not set them.
    public static let systemLabels: Set<String> = ["name", "owner", "status", "version", "createdAt", "modifiedAt"]

    /// The record's object name (`storage.makeKey`).
    public static func key(name: String, version: Int) -> String { "\(storageType).\(name).v\(version)" }

    /// `driver.encodeRelease`: base64(gzip(json)) with `gzip.BestCompression`. This string is the
    /// Secret's `data.release` before the Secret's own base64.
    public func encodedPayload() -> String {
        Data(Compression.gzip(jsonBytes(), level: Compression.bestCompression)).base64EncodedString()
    }

    /// `driver.decodeRelease`: base64, then gunzip when the bytes start with gzip's magic (older
    /// Helm versions stored plain JSON), then JSON.
    public init(payload: String) throws {
        guard let data = Data(base64Encoded: payload) else {
            throw HelmStorageError.corrupt("the release payload is not valid base64")
        }
        var bytes = [UInt8](data)
        if bytes.count > 3, bytes[0] == 0x1f, bytes[1] == 0x8b, bytes[2] == 0x08 {
            do {
                bytes = try Compression.gunzip(bytes)
            } catch {
                throw HelmStorageError.corrupt("the release payload's gzip data is unreadable: \(error)")
            }
        }
        try self.init(jsonBytes: bytes)
    }

    /// Reads a release from its Secret (`Secrets.Get`/`List`), setting `labels` to the Secret's
    /// labels; pass `customLabelsOnly` for what `Get` gives (system labels filtered out).
    public init(secret: KubeObject, customLabelsOnly: Bool) throws {
        guard let encoded = secret.body[path: ["data", "release"]]?.stringValue else {
            throw HelmStorageError.corrupt("Secret \(secret.namespace ?? "")/\(secret.name) has no data.release; it is not a Helm release record")
        }
        guard let payload = Data(base64Encoded: encoded) else {
            throw HelmStorageError.corrupt("Secret \(secret.namespace ?? "")/\(secret.name): data.release is not valid base64")
        }
        do {
            try self.init(payload: String(decoding: payload, as: UTF8.self))
        } catch let error as HelmStorageError {
            throw HelmStorageError(error.reason, "Secret \(secret.namespace ?? "")/\(secret.name): \(error.message)")
        }
        labels = customLabelsOnly ? secret.labels.filter { !Self.systemLabels.contains($0.key) } : secret.labels
    }

    /// The Secret Helm's driver writes for this release (`newSecretsObject`). Labels are this
    /// release's `labels`, then `extra` (createdAt/modifiedAt), then `labels` again, then name,
    /// owner, status, version — the driver merges `rls.Labels` twice, so a `modifiedAt` carried in
    /// `labels` (read by a query) wins over the fresh one, exactly as Helm 3 records show.
    public func secret(extraLabels: [String: String]) -> KubeObject {
        var merged = labels.merging(extraLabels) { _, new in new }
        merged.merge(labels) { _, new in new }
        merged["name"] = name
        merged["owner"] = "helm"
        merged["status"] = info.status.rawValue
        merged["version"] = String(version)
        var object = KubeObject(apiVersion: "v1", kind: "Secret", name: Self.key(name: name, version: version), namespace: namespace)
        object.body.set(["metadata", "labels"], .object(JSONObject(uniqueKeysWithValues: merged.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })))
        object.body["type"] = .string(Self.secretType)
        object.body["data"] = ["release": .string(Data(encodedPayload().utf8).base64EncodedString())]
        return object
    }
}
