/// A Kubernetes object: its body as a JSON map, with typed accessors for the parts every
/// object has. Kind-specific fields are read from `body` (or decoded into an API type).
public struct KubeObject: Sendable, Hashable {
    public var body: JSONValue

    public init(_ body: JSONValue) { self.body = body }

    public init(apiVersion: String, kind: String, name: String, namespace: String? = nil) {
        var metadata: JSONObject = ["name": .string(name)]
        if let namespace { metadata["namespace"] = .string(namespace) }
        body = ["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": .object(metadata)]
    }

    public var apiVersion: String {
        get { body["apiVersion"]?.stringValue ?? "" }
        set { body["apiVersion"] = .string(newValue) }
    }
    public var kind: String {
        get { body["kind"]?.stringValue ?? "" }
        set { body["kind"] = .string(newValue) }
    }
    /// The API group ("" for the core group).
    public var group: String { GroupVersion(apiVersion).group }
    public var version: String { GroupVersion(apiVersion).version }

    public var metadata: JSONValue {
        get { body["metadata"] ?? .object([:]) }
        set { body["metadata"] = newValue }
    }
    public var name: String {
        get { body[path: ["metadata", "name"]]?.stringValue ?? "" }
        set { body.set(["metadata", "name"], .string(newValue)) }
    }
    /// The namespace, or nil when the object does not name one.
    public var namespace: String? {
        get {
            guard let ns = body[path: ["metadata", "namespace"]]?.stringValue, !ns.isEmpty else { return nil }
            return ns
        }
        set { body.set(["metadata", "namespace"], newValue.map { .string($0) }) }
    }
    public var uid: String? { body[path: ["metadata", "uid"]]?.stringValue }
    public var resourceVersion: String? {
        get { body[path: ["metadata", "resourceVersion"]]?.stringValue }
        set { body.set(["metadata", "resourceVersion"], newValue.map { .string($0) }) }
    }
    public var generation: Int { body[path: ["metadata", "generation"]]?.intValue ?? 0 }
    /// `metadata` fields the API server sets for itself: never part of what a user asked for,
    /// so diffs and drift checks leave them (and `status`) out.
    public static let serverSetMetadata = ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation"]

    public var creationTimestamp: String? { body[path: ["metadata", "creationTimestamp"]]?.stringValue }
    public var deletionTimestamp: String? { body[path: ["metadata", "deletionTimestamp"]]?.stringValue }

    public var labels: [String: String] {
        get { Self.stringMap(body[path: ["metadata", "labels"]]) }
        set { body.set(["metadata", "labels"], newValue.isEmpty ? Optional<JSONValue>.none : Self.jsonMap(newValue)) }
    }
    public var annotations: [String: String] {
        get { Self.stringMap(body[path: ["metadata", "annotations"]]) }
        set { body.set(["metadata", "annotations"], newValue.isEmpty ? Optional<JSONValue>.none : Self.jsonMap(newValue)) }
    }

    public mutating func setLabel(_ key: String, _ value: String?) {
        body.set(["metadata", "labels", key], value.map { .string($0) })
    }
    public mutating func setAnnotation(_ key: String, _ value: String?) {
        body.set(["metadata", "annotations", key], value.map { .string($0) })
    }

    public var spec: JSONValue? { body["spec"] }
    public var status: JSONValue? {
        get { body["status"] }
        set { body["status"] = newValue }
    }

    /// The object's identity: group, kind, namespace and name.
    public var id: ObjectID { ObjectID(group: group, kind: kind, namespace: namespace ?? "", name: name) }

    /// A reference with the version, for reading the object back.
    public var ref: ObjectRef { ObjectRef(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name) }

    static func stringMap(_ v: JSONValue?) -> [String: String] {
        guard let o = v?.objectValue else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in o {
            switch v {
            case .string(let s): out[k] = s
            case .int(let i): out[k] = String(i)
            case .bool(let b): out[k] = String(b)
            default: continue
            }
        }
        return out
    }

    static func jsonMap(_ m: [String: String]) -> JSONValue {
        var o = JSONObject()
        for k in m.keys.sorted() { o[k] = .string(m[k]!) }
        return .object(o)
    }
}

/// An API group and version split from `apiVersion` ("apps/v1" → apps, v1; "v1" → "", v1).
public struct GroupVersion: Sendable, Hashable {
    public var group: String
    public var version: String

    public init(_ apiVersion: String) {
        if let slash = apiVersion.firstIndex(of: "/") {
            group = String(apiVersion[..<slash])
            version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            group = ""
            version = apiVersion
        }
    }

    public init(group: String, version: String) {
        self.group = group
        self.version = version
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
}

/// The identity of an object regardless of version, written the way Flux writes inventory
/// entries: `<namespace>_<name>_<group>_<kind>` (e.g. `default_podinfo_apps_Deployment`).
public struct ObjectID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var group: String
    public var kind: String
    public var namespace: String
    public var name: String

    public init(group: String, kind: String, namespace: String, name: String) {
        self.group = group
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// Parses Flux's inventory form. Names cannot contain `_`, so splitting is unambiguous.
    public init?(inventoryID: String) {
        let parts = inventoryID.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4 else { return nil }
        self.init(group: parts[2], kind: parts[3], namespace: parts[0], name: parts[1])
    }

    public var inventoryID: String { "\(namespace)_\(name)_\(group)_\(kind)" }

    /// `Kind/namespace/name` (or `Kind/name` for cluster-scoped objects), as Flux prints objects
    /// in messages.
    public var description: String { namespace.isEmpty ? "\(kind)/\(name)" : "\(kind)/\(namespace)/\(name)" }

    public static func < (a: ObjectID, b: ObjectID) -> Bool {
        (a.group, a.kind, a.namespace, a.name) < (b.group, b.kind, b.namespace, b.name)
    }
}

/// A reference to an object with its apiVersion, as used to read it from a cluster.
public struct ObjectRef: Sendable, Hashable, Codable, CustomStringConvertible {
    public var apiVersion: String
    public var kind: String
    public var namespace: String?
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String?, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    public var id: ObjectID {
        ObjectID(group: GroupVersion(apiVersion).group, kind: kind, namespace: namespace ?? "", name: name)
    }
    public var description: String { id.description }
}
