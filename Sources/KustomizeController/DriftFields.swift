import GitOpsAPI

/// The fields in which a live object differs from what applying the desired one would store
/// (the server's dry-run result), as dotted paths (`spec.replicas`,
/// `spec.template.spec.containers[0].image`). Fields the server sets for itself
/// (managedFields, resourceVersion, uid, creationTimestamp, generation) and `status` are not drift.
enum DriftFields {
    static let ignoredMetadata = Set(KubeObject.serverSetMetadata)

    static func between(live: JSONValue, desired: JSONValue) -> [String] {
        var paths: [String] = []
        compare(live, desired, path: "", into: &paths, depth: 0)
        return paths
    }

    private static func compare(_ a: JSONValue, _ b: JSONValue, path: String, into paths: inout [String], depth: Int) {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            for key in Array(x.keys) + y.keys.filter({ x[$0] == nil }) {
                if depth == 0 && key == "status" { continue }
                if path == "metadata" && ignoredMetadata.contains(key) { continue }
                let child = path.isEmpty ? key : "\(path).\(key)"
                compare(x[key] ?? .null, y[key] ?? .null, path: child, into: &paths, depth: depth + 1)
            }
        case (.array(let x), .array(let y)) where x.count == y.count:
            for (i, (u, v)) in zip(x, y).enumerated() {
                compare(u, v, path: "\(path)[\(i)]", into: &paths, depth: depth + 1)
            }
        default:
            if !same(a, b) { paths.append(path) }
        }
    }

    /// Numbers compare by value (`1` and `1.0` are the same replica count).
    private static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.doubleValue, let y = b.doubleValue { return x == y }
        return a == b
    }
}
