import GitOpsAPI
import YAML

/// An RFC 6902 JSON patch, applied the way kustomize's `patchjson6902` filter applies it (through
/// evanphx/json-patch v4): `add` (parents must exist; `-` appends to a list), `remove` and
/// `replace` (the path must exist), `move`, `copy`, `test`. Pointers unescape `~1` to `/` and
/// `~0` to `~`.
struct JSONPatch {
    struct Operation {
        var op: String
        var path: String
        var from: String?
        var value: JSONValue?
    }

    struct Failure: Error { var message: String }

    var operations: [Operation]

    /// Parses the operations from JSON (text starting with `[`) or YAML.
    init(text: String) throws {
        let value: JSONValue
        do {
            value = text.hasPrefix("[") ? try JSONValue.parse(json: text) : try KYAML.parse(text)
        } catch {
            throw Failure(message: "cannot parse the JSON patch: \(error)")
        }
        guard case .array(let items) = value else {
            throw Failure(message: "a JSON patch is a list of operations, found \(value.typeName)")
        }
        operations = try items.enumerated().map { i, item in
            guard case .object(let o) = item else { throw Failure(message: "operation \(i) is \(item.typeName), not a map") }
            return Operation(op: o["op"]?.stringValue ?? "", path: o["path"]?.stringValue ?? "", from: o["from"]?.stringValue,
                             value: o["value"])
        }
    }

    /// Whether `text` parses as a list of patch operations (kustomize's `jsonPatchFromBytes`).
    static func looksLikePatch(_ text: String) -> Bool {
        guard let patch = try? JSONPatch(text: text) else { return false }
        return !patch.operations.isEmpty || text.hasPrefix("[")
    }

    func apply(to document: JSONValue) throws -> JSONValue {
        var doc = document
        for (i, op) in operations.enumerated() {
            do {
                try apply(op, to: &doc)
            } catch let failure as Failure {
                throw Failure(message: "operation \(i) (\(op.op) \(op.path)): \(failure.message)")
            }
        }
        return doc
    }

    func apply(_ op: Operation, to doc: inout JSONValue) throws {
        switch op.op {
        case "add":
            guard let value = op.value else { throw Failure(message: "add needs a value") }
            try Self.add(&doc, Self.pointer(op.path), value)
        case "remove":
            _ = try Self.remove(&doc, Self.pointer(op.path))
        case "replace":
            guard let value = op.value else { throw Failure(message: "replace needs a value") }
            let path = try Self.pointer(op.path)
            guard Self.get(doc, path) != nil else { throw Failure(message: "the document has no \(op.path) to replace") }
            if path.isEmpty { doc = value; return }
            _ = try Self.remove(&doc, path)
            try Self.add(&doc, path, value)
        case "move":
            let from = try Self.pointer(op.from ?? "")
            let value = try Self.remove(&doc, from)
            try Self.add(&doc, Self.pointer(op.path), value)
        case "copy":
            guard let value = Self.get(doc, try Self.pointer(op.from ?? "")) else {
                throw Failure(message: "the document has no \(op.from ?? "") to copy")
            }
            try Self.add(&doc, Self.pointer(op.path), value)
        case "test":
            let actual = Self.get(doc, try Self.pointer(op.path))
            guard actual == (op.value ?? .null) || (actual == nil && op.value == nil) else {
                throw Failure(message: "test failed: the value at \(op.path) differs")
            }
        default:
            throw Failure(message: "unknown operation \"\(op.op)\"; use add, remove, replace, move, copy or test")
        }
    }

    static func pointer(_ text: String) throws -> [String] {
        if text.isEmpty { return [] }
        guard text.hasPrefix("/") else { throw Failure(message: "path \"\(text)\" must start with /") }
        return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    static func get(_ doc: JSONValue, _ path: [String]) -> JSONValue? { doc.value(atPointer: path) }

    static func add(_ doc: inout JSONValue, _ path: [String], _ value: JSONValue) throws {
        guard let last = path.last else { doc = value; return }
        try modifyParent(&doc, path.dropLast()) { parent in
            switch parent {
            case .object(var o):
                parent = .null
                o[last] = value
                parent = .object(o)
            case .array(var a):
                if last == "-" {
                    a.append(value)
                } else {
                    guard let i = Int(last), i >= 0, i <= a.count else { throw Failure(message: "index \(last) is out of range") }
                    a.insert(value, at: i)
                }
                parent = .array(a)
            default: throw Failure(message: "cannot add to a \(parent.typeName)")
            }
        }
    }

    static func remove(_ doc: inout JSONValue, _ path: [String]) throws -> JSONValue {
        guard let last = path.last else { throw Failure(message: "cannot remove the whole document") }
        var removed: JSONValue = .null
        try modifyParent(&doc, path.dropLast()) { parent in
            switch parent {
            case .object(var o):
                guard let v = o.removeValue(forKey: last) else { throw Failure(message: "the document has no key \"\(last)\"") }
                removed = v
                parent = .object(o)
            case .array(var a):
                guard let i = Int(last), i >= 0, i < a.count else { throw Failure(message: "index \(last) is out of range") }
                removed = a.remove(at: i)
                parent = .array(a)
            default: throw Failure(message: "cannot remove from a \(parent.typeName)")
            }
        }
        return removed
    }

    /// Runs `body` on the container at `path`, which must exist.
    static func modifyParent(_ doc: inout JSONValue, _ path: ArraySlice<String>, _ body: (inout JSONValue) throws -> Void) throws {
        guard let head = path.first else { try body(&doc); return }
        switch doc {
        case .object(var o):
            guard var child = o[head] else { throw Failure(message: "the document is missing the path /\(path.joined(separator: "/"))") }
            doc = .null
            defer { o[head] = child; doc = .object(o) }
            try modifyParent(&child, path.dropFirst(), body)
        case .array(var a):
            guard let i = Int(head), i >= 0, i < a.count else { throw Failure(message: "index \(head) is out of range") }
            var child = a[i]
            doc = .null
            defer { a[i] = child; doc = .array(a) }
            try modifyParent(&child, path.dropFirst(), body)
        default:
            throw Failure(message: "the document is missing the path /\(path.joined(separator: "/"))")
        }
    }
}
