import GitOpsAPI

/// How a list merges, in the absence of the OpenAPI schema a real API server has.
///
/// Kubernetes marks lists in its schema (`x-kubernetes-list-type`, `patchMergeKey`). The
/// embedded cluster has no schema, so it infers: lists of maps whose items all carry a `name`
/// (containers, env, volumes, …) are associative by `name`; ports without names by
/// `containerPort` or `port` (plus `protocol` when every item sets it); `ownerReferences` by
/// `uid`; `volumeMounts` by `mountPath`; `metadata.finalizers` is a set. Everything else —
/// `args`, `command`, `rules`, `tolerations` — is atomic: whoever sets it owns all of it.
enum ListStrategy: Equatable {
    case atomic
    case set
    case keyed([String])

    /// The strategy for the list held in `field`, given one or more versions of that list (live
    /// and applied): a key is used only when every item of every version has it and it is unique
    /// within each version.
    init(field: String, lists: [[JSONValue]]) {
        let items = lists.joined()
        guard !items.isEmpty else {
            self = .atomic
            return
        }
        if field == "finalizers", items.allSatisfy({ $0.stringValue != nil }) {
            self = .set
            return
        }
        guard items.allSatisfy({ $0.objectValue != nil }) else {
            self = .atomic
            return
        }
        let has = { (key: String) in items.allSatisfy { $0[key] != nil && $0[key]?.objectValue == nil && $0[key]?.arrayValue == nil } }
        let keys: [String]
        switch field {
        case "ownerReferences" where has("uid"): keys = ["uid"]
        case "volumeMounts" where has("mountPath"): keys = ["mountPath"]
        case "volumeDevices" where has("devicePath"): keys = ["devicePath"]
        default:
            if has("name") {
                keys = ["name"]
            } else if has("containerPort") {
                keys = has("protocol") ? ["containerPort", "protocol"] : ["containerPort"]
            } else if has("port") {
                keys = has("protocol") ? ["port", "protocol"] : ["port"]
            } else {
                self = .atomic
                return
            }
        }
        // Duplicate keys (two env entries named alike) would make ownership ambiguous.
        for list in lists {
            let distinct = Set(list.map { Self.key(of: $0, keys: keys) })
            if distinct.count != list.count {
                self = .atomic
                return
            }
        }
        self = .keyed(keys)
    }

    static func key(of item: JSONValue, keys: [String]) -> PathElement {
        var key = JSONObject()
        for name in keys.sorted() { key[name] = item[name] ?? .null }
        return .key(.object(key))
    }

    /// The path element naming `item` in a list with this strategy (nil for atomic lists).
    func element(for item: JSONValue) -> PathElement? {
        switch self {
        case .atomic: return nil
        case .set: return .value(item.sortedKeys())
        case .keyed(let keys): return Self.key(of: item, keys: keys)
        }
    }
}

/// Whether two values are the same regardless of map key order (the store keeps maps ordered,
/// but a re-ordered manifest is not a change).
func sameValue(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
    if a == b { return true }
    guard let a, let b else { return false }
    switch (a, b) {
    case (.object(let x), .object(let y)):
        guard x.count == y.count else { return false }
        for (key, value) in x where !sameValue(value, y[key]) { return false }
        return true
    case (.array(let x), .array(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { sameValue($0, $1) }
    case (.int, .double), (.double, .int):
        return a.doubleValue == b.doubleValue
    default:
        return false
    }
}
