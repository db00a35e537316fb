import GitOpsAPI

/// What a field spec with `create: true` makes when the field at its path is missing: labels
/// and annotations are maps, replicas a scalar. `nil`: never create (images, names).
enum FieldCreateKind {
    case map
    case scalar
}

/// A field spec's path met a scalar where a map or list was expected.
struct FieldSpecWalkError: Error {
    var path: String
    var object: String
}

extension FieldSpec {
    /// Calls `set` on every value at this spec's path in `object`, the way kustomize's
    /// `filters/fieldspec` walks: a list met anywhere along the path is walked element by
    /// element with the same remaining path (so `spec/ingress/from/podSelector` reaches into
    /// lists without `[]`); a missing field ends the walk unless the spec says `create` (then
    /// intermediate maps, and a leaf of `createKind`, are made; a `[]` component is never
    /// created); an existing null is turned into the kind to create. A scalar in the middle
    /// of the path is an error, as in kustomize.
    func apply(to object: inout KubeObject, createKind: FieldCreateKind?, _ set: (inout JSONValue) throws -> Void) throws {
        guard matches(object) else { return }
        let parts = Self.splitPath(path)
        var body = object.body
        do {
            try Self.walk(&body, parts[...], create: create ? createKind : nil, set)
        } catch is FieldSpecWalkError {
            throw FieldSpecWalkError(path: path, object: "\(object.kind)/\(object.name)")
        }
        object.body = body
    }

    /// Splits a path at `/`, keeping `\/` as a literal slash (kustomize's `PathSplitter`), so
    /// an annotation key like `example.com\/name` is one component.
    static func splitPath(_ path: String) -> [String] {
        var pieces = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // A leading slash is allowed (`/a/b`).
        if pieces.count > 1 && pieces[0].isEmpty { pieces.removeFirst() }
        var parts: [String] = []
        for piece in pieces {
            if let last = parts.last, last.hasSuffix("\\") {
                parts[parts.count - 1] = String(last.dropLast()) + "/" + piece
            } else {
                parts.append(piece)
            }
        }
        return parts
    }

    private static func walk(_ node: inout JSONValue, _ path: ArraySlice<String>, create: FieldCreateKind?, _ set: (inout JSONValue) throws -> Void) throws {
        guard let head = path.first else {
            try set(&node)
            return
        }
        switch node {
        case .null:
            return
        case .array(var items):
            for i in items.indices { try walk(&items[i], path, create: create, set) }
            node = .array(items)
        case .object(var map):
            let isSequence = head.hasSuffix("[]")
            let key = isSequence ? String(head.dropLast(2)) : head
            let isLeaf = path.count == 1
            // The kind made for a missing (or null) field; nil when it must already exist.
            var makeKind: JSONValue?
            if let create, !isSequence {
                makeKind = isLeaf ? (create == .map ? .object([:]) : .null) : .object([:])
            }
            var child: JSONValue
            if let existing = map[key] {
                child = existing
                if child.isNull {
                    if isSequence { child = .array([]) } else if let makeKind { child = makeKind }
                }
            } else {
                guard let makeKind else { return }
                child = makeKind
            }
            try walk(&child, path.dropFirst(), create: create, set)
            map[key] = child
            node = .object(map)
        default:
            throw FieldSpecWalkError(path: "", object: "")
        }
    }
}

extension FieldSpecWalkError: CustomStringConvertible {
    var description: String { "considering field '\(path)' of object \(object): expected sequence or mapping node" }
}

extension Array where Element == FieldSpec {
    /// Runs every spec over every object (kustomize's `fsslice.Filter`), naming the
    /// kustomization in errors.
    func apply(to objects: inout [KubeObject], createKind: FieldCreateKind?, file: String,
               _ set: (inout JSONValue) throws -> Void) throws {
        for i in objects.indices {
            for spec in self {
                do {
                    try spec.apply(to: &objects[i], createKind: createKind, set)
                } catch let error as FieldSpecWalkError {
                    throw BuildError.invalid(file: file, message: error.description)
                }
            }
        }
    }
}
