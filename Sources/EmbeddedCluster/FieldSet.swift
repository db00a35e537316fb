import GitOpsAPI

/// One step in a field path, as structured-merge-diff writes it in `fieldsV1`:
/// `f:replicas` (a map field), `k:{"name":"web"}` (the item of an associative list with that
/// key), `v:"finalizer"` (a member of a set-like list of scalars).
enum PathElement: Hashable, Comparable, Sendable {
    case field(String)
    /// The key fields of a list item, as a map with sorted keys (so equal keys hash equally).
    case key(JSONValue)
    case value(JSONValue)

    /// The `fieldsV1` spelling.
    var encoded: String {
        switch self {
        case .field(let name): return "f:" + name
        case .key(let key): return "k:" + key.jsonString(sortedKeys: true)
        case .value(let value): return "v:" + value.jsonString(sortedKeys: true)
        }
    }

    init?(encoded: String) {
        let body = String(encoded.dropFirst(2))
        if encoded.hasPrefix("f:") {
            self = .field(body)
        } else if encoded.hasPrefix("k:"), let key = try? JSONValue.parse(json: body) {
            self = .key(key.sortedKeys())
        } else if encoded.hasPrefix("v:"), let value = try? JSONValue.parse(json: body) {
            self = .value(value.sortedKeys())
        } else {
            return nil  // `i:` (positional) paths are not produced here; ignore them
        }
    }

    /// How kube prints a path in conflict messages: `.spec.replicas`,
    /// `.spec.containers[name="web"].image`, `.metadata.finalizers[="x"]`.
    var display: String {
        switch self {
        case .field(let name): return "." + name
        case .key(let key):
            let parts = (key.objectValue ?? [:]).map { "\($0.key)=\($0.value.jsonString())" }
            return "[" + parts.joined(separator: ",") + "]"
        case .value(let value): return "[=\(value.jsonString())]"
        }
    }

    static func < (a: PathElement, b: PathElement) -> Bool { a.encoded < b.encoded }
}

/// A set of field paths, as a tree: the fields a manager owns.
///
/// `isMember` marks the path of this node itself as owned: a leaf (a scalar, an atomic list,
/// an empty map) or, for a list item, the item's existence (`"."` in `fieldsV1`).
struct FieldSet: Hashable, Sendable {
    var isMember = false
    var children: [PathElement: FieldSet] = [:]

    static let leaf = FieldSet(isMember: true)

    var isEmpty: Bool { !isMember && children.isEmpty }

    func union(_ other: FieldSet) -> FieldSet {
        var out = self
        out.isMember = isMember || other.isMember
        for (element, child) in other.children {
            out.children[element] = out.children[element].map { $0.union(child) } ?? child
        }
        return out
    }

    func subtracting(_ other: FieldSet) -> FieldSet {
        var out = FieldSet(isMember: isMember && !other.isMember)
        for (element, child) in children {
            let rest = other.children[element].map { child.subtracting($0) } ?? child
            if !rest.isEmpty { out.children[element] = rest }
        }
        return out
    }

    func intersection(_ other: FieldSet) -> FieldSet {
        var out = FieldSet(isMember: isMember && other.isMember)
        for (element, child) in children {
            guard let theirs = other.children[element] else { continue }
            let both = child.intersection(theirs)
            if !both.isEmpty { out.children[element] = both }
        }
        return out
    }

    /// Every member path, depth first in a stable order.
    func memberPaths(prefix: [PathElement] = []) -> [[PathElement]] {
        var out: [[PathElement]] = isMember && !prefix.isEmpty ? [prefix] : []
        for element in children.keys.sorted() {
            out += children[element]!.memberPaths(prefix: prefix + [element])
        }
        return out
    }

    // MARK: fieldsV1

    /// The `fieldsV1` map: `{"f:spec":{"f:replicas":{}}}`, keys sorted as kube sorts them.
    var fieldsV1: JSONValue {
        var object = JSONObject()
        if isMember && !children.isEmpty { object["."] = .object([:]) }
        for element in children.keys.sorted() { object[element.encoded] = children[element]!.fieldsV1 }
        return .object(object)
    }

    init(isMember: Bool = false, children: [PathElement: FieldSet] = [:]) {
        self.isMember = isMember
        self.children = children
    }

    /// Reads `fieldsV1`. A node written as `{}` is a leaf, so it is a member.
    init(fieldsV1: JSONValue) {
        let object = fieldsV1.objectValue ?? [:]
        isMember = object.isEmpty || object["."] != nil
        for (key, value) in object where key != "." {
            if let element = PathElement(encoded: key) { children[element] = FieldSet(fieldsV1: value) }
        }
    }
}

extension JSONValue {
    /// The same value with every map's keys sorted (a canonical form for list keys).
    func sortedKeys() -> JSONValue {
        switch self {
        case .object(let o):
            var out = JSONObject()
            for key in o.keys.sorted() { out[key] = o[key]!.sortedKeys() }
            return .object(out)
        case .array(let a): return .array(a.map { $0.sortedKeys() })
        default: return self
        }
    }
}
