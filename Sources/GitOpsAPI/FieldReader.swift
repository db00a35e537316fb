/// Reads a JSON map into typed fields, strictly: a value of the wrong type or a field the kind
/// does not have is an error that names the object and the field path
/// (`Kustomization/flux-system/apps: spec.prun: unknown field "prun"`), the way the
/// API server's strict decoding reports it.
public final class FieldReader {
    public let object: String
    public let path: String
    let map: JSONObject
    private var seen: Set<String> = []

    /// - Parameters:
    ///   - object: how the object is named in messages (`Kind/namespace/name`).
    ///   - path: the field path of `value` (`spec`).
    public init(_ value: JSONValue?, object: String, path: String) throws {
        self.object = object
        self.path = path
        switch value {
        case nil, .null?: map = [:]
        case .object(let o)?: map = o
        case let other?: throw APIError(object: object, field: path, message: "expected a map, found \(other.typeName)")
        }
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func fail(_ key: String, _ message: String) -> APIError { APIError(object: object, field: fieldPath(key), message: message) }

    /// The raw value of a field (marked as known).
    public func raw(_ key: String) -> JSONValue? {
        seen.insert(key)
        if case .null? = map[key] { return nil }
        return map[key]
    }

    public func string(_ key: String) throws -> String? {
        guard let v = raw(key) else { return nil }
        guard case .string(let s) = v else { throw fail(key, "expected a string, found \(v.typeName)") }
        return s
    }

    public func requiredString(_ key: String) throws -> String {
        guard let s = try string(key), !s.isEmpty else { throw fail(key, "required field is missing") }
        return s
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let v = raw(key) else { return nil }
        guard case .bool(let b) = v else { throw fail(key, "expected true or false, found \(v.typeName)") }
        return b
    }

    public func int(_ key: String) throws -> Int? {
        guard let v = raw(key) else { return nil }
        guard let i = v.intValue else { throw fail(key, "expected an integer, found \(v.typeName)") }
        return i
    }

    /// A Go duration string (`1m30s`).
    public func duration(_ key: String) throws -> GoDuration? {
        guard let s = try string(key) else { return nil }
        guard let d = GoDuration(s) else {
            throw fail(key, "invalid duration \"\(s)\": use a Go duration such as 30s, 5m or 1h30m")
        }
        return d
    }

    public func requiredDuration(_ key: String) throws -> GoDuration {
        guard let d = try duration(key) else { throw fail(key, "required field is missing") }
        return d
    }

    public func stringList(_ key: String) throws -> [String] {
        guard let v = raw(key) else { return [] }
        guard case .array(let a) = v else { throw fail(key, "expected a list, found \(v.typeName)") }
        return try a.enumerated().map { i, item in
            guard case .string(let s) = item else { throw fail("\(key)[\(i)]", "expected a string, found \(item.typeName)") }
            return s
        }
    }

    public func stringMap(_ key: String) throws -> [String: String] {
        guard let v = raw(key) else { return [:] }
        guard case .object(let o) = v else { throw fail(key, "expected a map, found \(v.typeName)") }
        var out: [String: String] = [:]
        for (k, item) in o {
            guard case .string(let s) = item else { throw fail("\(key).\(k)", "expected a string, found \(item.typeName)") }
            out[k] = s
        }
        return out
    }

    /// A nested map, decoded by `body` with its own strict reader.
    public func nested<T>(_ key: String, _ body: (FieldReader) throws -> T) throws -> T? {
        guard let v = raw(key) else { return nil }
        let reader = try FieldReader(v, object: object, path: fieldPath(key))
        let result = try body(reader)
        try reader.finish()
        return result
    }

    /// A list of maps, each decoded by `body`.
    public func list<T>(_ key: String, _ body: (FieldReader) throws -> T) throws -> [T] {
        guard let v = raw(key) else { return [] }
        guard case .array(let a) = v else { throw fail(key, "expected a list, found \(v.typeName)") }
        return try a.enumerated().map { i, item in
            let reader = try FieldReader(item, object: object, path: "\(fieldPath(key))[\(i)]")
            let result = try body(reader)
            try reader.finish()
            return result
        }
    }

    /// A value restricted to a set of spellings.
    public func oneOf(_ key: String, _ allowed: [String]) throws -> String? {
        guard let s = try string(key) else { return nil }
        guard allowed.contains(s) else {
            throw fail(key, "unsupported value \"\(s)\": supported values: \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return s
    }

    /// Fails on the first field not in `known`, before any field is decoded: a misspelt field
    /// (`prun`) is reported as unknown rather than as the required field it was meant to be.
    public func rejectUnknown(_ known: [String]) throws {
        for key in map.keys where !known.contains(key) {
            throw fail(key, "unknown field \"\(key)\"")
        }
    }

    /// Fails on the first field that was never read: the kind has no such field.
    public func finish() throws {
        for key in map.keys where !seen.contains(key) {
            throw fail(key, "unknown field \"\(key)\"")
        }
    }
}

/// A field of one of our kinds that cannot be decoded.
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
    public var object: String
    public var field: String
    public var message: String

    public init(object: String, field: String, message: String) {
        self.object = object
        self.field = field
        self.message = message
    }

    public var description: String { "\(object): \(field): \(message)" }
}
