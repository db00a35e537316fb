import Foundation

/// The decoded values of a Secret: `data` (base64) and `stringData` (plain). Components that
/// read credentials keep them to themselves: never in logs, events, conditions or notifications.
public struct SecretData: Sendable {
    private var values: [String: String] = [:]

    public init(_ secret: KubeObject) {
        for (k, v) in secret.body["data"]?.objectValue ?? [:] {
            if let s = v.stringValue, let d = Data(base64Encoded: s) { values[k] = String(decoding: d, as: UTF8.self) }
        }
        for (k, v) in secret.body["stringData"]?.objectValue ?? [:] {
            if let s = v.stringValue { values[k] = s }
        }
    }

    /// Every key with its decoded value.
    public var all: [String: String] { values }

    /// The value of a key; nil when absent or empty.
    public subscript(key: String) -> String? { values[key].flatMap { $0.isEmpty ? nil : $0 } }
}
