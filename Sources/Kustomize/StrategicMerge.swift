import GitOpsAPI

/// kustomize's strategic-merge patch (`api/filters/patchstrategicmerge` → kyaml `merge2` with
/// `ListIncreaseDirection: Prepend`), rule for rule:
/// - maps merge key by key; a `null` in the patch deletes the key; a `null` the target already
///   had is kept when the patch is silent about it;
/// - `$patch: delete` removes a map (or a list element, or the whole object), `$patch: replace`
///   takes the patch's map or list as is; `$patch: merge` is the default;
/// - lists the schema marks `x-kubernetes-patch-strategy: merge` merge element by element on
///   their merge keys (several with `x-kubernetes-list-map-keys`), patch elements first; lists
///   of scalars with that strategy merge as sets; every other list, and every list of a kind the
///   schema does not know, is replaced by the patch's.
/// kyaml implements no other directive (`$setElementOrder`, `$retainKeys`,
/// `$deleteFromPrimitiveList` are kept as plain keys), and neither does this.
struct StrategicMerge {
    var schema: OpenAPISchema

    struct Failure: Error { var message: String }

    /// Merges `patch` into `target`; nil when the patch deletes the whole object.
    func apply(_ patch: JSONValue, to target: JSONValue) throws -> JSONValue? {
        let dest = MergeNode(target)
        let origin = MergeNode(patch)
        guard let result = try walk(dest, origin, schema: nil, path: []) else { return nil }
        if result.isNull || result.isEmptyMap { return nil }
        return result.value
    }

    // MARK: - The walk (kyaml `walk.Walker`)

    func walk(_ dest: MergeNode?, _ origin: MergeNode?, schema given: JSONValue?, path: [String]) throws -> MergeNode? {
        let schema = given ?? typeSchema(dest) ?? typeSchema(origin)
        let present = [dest, origin].compactMap { $0 }.filter { !$0.isNull }
        guard let kind = present.first?.kind else { return try walkMap(dest, origin, schema: schema, path: path) }
        // kyaml refuses to merge a map into a list, a list into a scalar, and so on.
        if let other = present.first(where: { $0.kind != kind }) {
            throw Failure(message: "cannot merge a \(Self.name(other.kind)) into a \(Self.name(kind)) at \(Self.describe(path))")
        }
        switch kind {
        case .map: return try walkMap(dest, origin, schema: schema, path: path)
        case .sequence:
            if let schema, OpenAPISchema.isAssociative(schema) {
                return try walkAssociativeList(dest, origin, schema: schema, path: path)
            }
            // A list with no merge strategy: the patch's list replaces the target's.
            return origin ?? dest
        case .scalar: return origin ?? dest
        }
    }

    /// The schema of an embedded object that names its own apiVersion and kind.
    func typeSchema(_ node: MergeNode?) -> JSONValue? {
        guard let node, node.kind == .map, let apiVersion = node.field("apiVersion")?.scalar.stringValue,
              let kind = node.field("kind")?.scalar.stringValue else { return nil }
        return schema.schema(apiVersion: apiVersion, kind: kind)
    }

    func walkMap(_ destIn: MergeNode?, _ origin: MergeNode?, schema: JSONValue?, path: [String]) throws -> MergeNode? {
        guard let dest = try visitMap(destIn, origin, path: path) else { return nil }
        var names = Set<String>()
        for source in [dest, origin] where source?.kind == .map { names.formUnion(source!.entries.map(\.key)) }
        for key in names.sorted() {
            let childSchema = schema.flatMap { self.schema.field($0, key) }
            let value = try walk(dest.kind == .map ? dest.field(key) : nil, origin?.kind == .map ? origin!.field(key) : nil,
                                 schema: childSchema, path: path + [key])
            guard dest.kind == .map else { continue }
            // kyaml's FieldSetter: a missing or (non-persistent) null value clears the field.
            if let value, !(value.isNull && !value.keepNull) { dest.setField(key, value) } else { dest.setField(key, nil) }
        }
        return dest
    }

    func visitMap(_ dest: MergeNode?, _ origin: MergeNode?, path: [String]) throws -> MergeNode? {
        if isMissingOrNull(dest) {
            if let origin, origin.kind == .map, try directive(origin, path: path) == "delete" { return nil }
            if origin == nil, let dest {
                // The target's own `key: null` stays when the patch does not mention the key.
                let kept = MergeNode(kind: .scalar)
                kept.keepNull = true
                return dest.isNull ? kept : dest
            }
            return origin
        }
        if let origin, origin.isNull { return nil }
        guard let origin else { return dest }
        switch try directive(origin, path: path) {
        case "delete": return nil
        case "replace": return origin
        default: return dest
        }
    }

    /// Reads and removes the `$patch` directive of a map or list (kyaml `determineSmpDirective`).
    func directive(_ patch: MergeNode, path: [String]) throws -> String {
        let key = "$patch"
        switch patch.kind {
        case .map:
            guard let value = patch.field(key) else { return "merge" }
            let v = value.text
            guard ["delete", "replace", "merge"].contains(v) else {
                throw Failure(message: "unknown patch strategy '\(v)' at \(Self.describe(path))")
            }
            patch.setField(key, nil)
            return v
        case .sequence:
            // The directive is an element holding only `$patch`.
            guard let element = patch.items.first(where: { $0.kind == .map && $0.field(key) != nil }),
                  element.entries.count <= 1, let value = element.field(key) else { return "merge" }
            let v = value.text
            guard ["delete", "replace", "merge"].contains(v) else {
                throw Failure(message: "unknown patch strategy '\(v)' at \(Self.describe(path))")
            }
            ListOps.set(patch, element: nil, keys: [key], values: [v])
            return v
        case .scalar:
            throw Failure(message: "no strategic merge patch strategy for a scalar at \(Self.describe(path))")
        }
    }

    static func name(_ kind: MergeNode.Kind) -> String {
        switch kind {
        case .map: return "map"
        case .sequence: return "list"
        case .scalar: return "scalar"
        }
    }

    static func describe(_ path: [String]) -> String { path.isEmpty ? "the top level" : path.joined(separator: ".") }
}
