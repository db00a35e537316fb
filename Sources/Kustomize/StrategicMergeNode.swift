import GitOpsAPI

/// A mutable YAML node, the shape kyaml's merge works on. kustomize's strategic merge
/// (`kyaml/yaml/merge2`) merges patch nodes *into* the target's nodes in place and compares
/// element nodes by identity, and the order of list elements it prints follows from that; a
/// reference type lets `StrategicMerge` keep those rules instead of approximating them.
final class MergeNode {
    enum Kind { case map, sequence, scalar }
    var kind: Kind
    /// Map entries in order (`kind == .map`).
    var entries: [(key: String, value: MergeNode)] = []
    /// Sequence items (`kind == .sequence`).
    var items: [MergeNode] = []
    /// The scalar (`kind == .scalar`); `.null` is YAML's tagged null.
    var scalar: JSONValue = .null
    /// kyaml's "persistent null": a `null` the target already had, kept when the patch is silent.
    var keepNull = false

    init(kind: Kind) { self.kind = kind }

    convenience init(_ value: JSONValue) {
        switch value {
        case .object(let o):
            self.init(kind: .map)
            entries = o.map { ($0.key, MergeNode($0.value)) }
        case .array(let a):
            self.init(kind: .sequence)
            items = a.map(MergeNode.init)
        default:
            self.init(kind: .scalar)
            scalar = value
        }
    }

    var value: JSONValue {
        switch kind {
        case .map:
            var o = JSONObject()
            for e in entries { o[e.key] = e.value.value }
            return .object(o)
        case .sequence: return .array(items.map(\.value))
        case .scalar: return scalar
        }
    }

    var isNull: Bool { kind == .scalar && scalar.isNull }
    var isEmptyMap: Bool { kind == .map && entries.isEmpty }

    /// The scalar as YAML text (`8080`, `true`): kyaml compares merge-key values as strings.
    var text: String {
        switch scalar {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .double(let d): return JSONValue.double(d).jsonString()
        default: return ""
        }
    }

    func field(_ key: String) -> MergeNode? { entries.first { $0.key == key }?.value }

    func setField(_ key: String, _ node: MergeNode?) {
        if let i = entries.firstIndex(where: { $0.key == key }) {
            if let node { entries[i].value = node } else { entries.remove(at: i) }
        } else if let node {
            entries.append((key, node))
        }
    }

    /// kyaml's `IsNilOrEmpty` for a field value: null, `{}`, `[]`.
    var isNilOrEmpty: Bool {
        isNull || (kind == .map && entries.isEmpty) || (kind == .sequence && items.isEmpty)
    }
}

func isMissingOrNull(_ node: MergeNode?) -> Bool { node == nil || node!.isNull }
