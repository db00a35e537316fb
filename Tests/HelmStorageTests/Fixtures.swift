import Compression
import Foundation
import GitOpsAPI
import HelmStorage

/// The records helm 3.19 wrote (`shared/conformance/helm/releases/fixtures`): one directory per
/// step with every Secret as `kubectl get -o json` printed it, and the journal of API writes.
enum HelmFixtures {
    /// `$GITOPS_CONFORMANCE/helm/releases/fixtures`, or `../shared/conformance/…` next to the package.
    static let directory: URL = {
        if let path = ProcessInfo.processInfo.environment["GITOPS_CONFORMANCE"] {
            return URL(fileURLWithPath: path).appendingPathComponent("helm/releases/fixtures")
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance/helm/releases/fixtures")
    }()

    static let steps = ["01-install", "02-upgrade", "03-upgrade-failed", "04-rollback", "05-upgrade-history-max", "06-uninstall-keep-history"]

    static func json(_ path: String) throws -> JSONValue {
        try JSONValue.parse(json: Data(contentsOf: directory.appendingPathComponent(path)))
    }

    /// The Secrets of one step, by name.
    static func secrets(step: String) throws -> [String: KubeObject] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(step).path)
        var out: [String: KubeObject] = [:]
        for file in files where file.hasSuffix(".secret.json") {
            let object = KubeObject(try json("\(step)/\(file)"))
            out[object.name] = object
        }
        return out
    }

    /// The exact JSON bytes Go wrote into a Secret: base64, base64, gunzip.
    static func payloadJSON(of secret: KubeObject) throws -> [UInt8] {
        let outer = try requireValue(secret.body[path: ["data", "release"]]?.stringValue)
        let inner = try requireValue(Data(base64Encoded: outer))
        let gz = try requireValue(Data(base64Encoded: String(decoding: inner, as: UTF8.self)))
        return try Compression.gunzip([UInt8](gz))
    }

    /// The journal: one line per write helm made to a Secret.
    struct JournalEntry: Equatable, CustomStringConvertible {
        var method: String
        var name: String
        var labels: [String: String]
        var status: String
        var description: String { "\(method) \(name) \(status) \(labels.sorted { $0.key < $1.key })" }
    }

    static func journal() throws -> [JournalEntry] {
        let text = try String(contentsOf: directory.appendingPathComponent("secrets-journal.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let entry = try JSONValue.parse(json: String(line))
            var labels: [String: String] = [:]
            for (key, value) in entry["labels"]?.objectValue ?? [:] { labels[key] = value.stringValue }
            return JournalEntry(method: entry["method"]?.stringValue ?? "", name: entry["name"]?.stringValue ?? "",
                                labels: labels, status: entry["release.info.status"]?.stringValue ?? "")
        }
    }
}

struct MissingValue: Error {}

func requireValue<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingValue() }
    return value
}

