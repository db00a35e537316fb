import Foundation
import GitOpsAPI

/// Reads the fields of one JSON object the way Go's `encoding/json` fills a struct: a missing
/// field or `null` leaves the zero value, unknown fields are ignored, and a value of the wrong
/// type is an error naming the field's path.
struct GoJSONReader {
    let object: JSONObject
    let path: String

    init(_ value: JSONValue, path: String) throws {
        switch value {
        case .object(let object): self.object = object
        case .null: self.object = [:]
        default: throw HelmStorageError.corrupt("\(path) is \(value.typeName), expected an object")
        }
        self.path = path
    }

    private func present(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    private func mismatch(_ key: String, _ value: JSONValue, _ expected: String) -> HelmStorageError {
        .corrupt("\(path).\(key) is \(value.typeName), expected \(expected)")
    }

    func string(_ key: String) throws -> String {
        guard let value = present(key) else { return "" }
        guard let text = value.stringValue else { throw mismatch(key, value, "a string") }
        return text
    }

    func int(_ key: String) throws -> Int {
        guard let value = present(key) else { return 0 }
        guard let number = value.intValue else { throw mismatch(key, value, "an integer") }
        return number
    }

    func bool(_ key: String) throws -> Bool {
        guard let value = present(key) else { return false }
        guard let flag = value.boolValue else { throw mismatch(key, value, "a boolean") }
        return flag
    }

    func strings(_ key: String) throws -> [String] {
        try array(key).enumerated().map { index, value in
            guard let text = value.stringValue else { throw HelmStorageError.corrupt("\(path).\(key)[\(index)] is \(value.typeName), expected a string") }
            return text
        }
    }

    func array(_ key: String) throws -> [JSONValue] {
        guard let value = present(key) else { return [] }
        guard let items = value.arrayValue else { throw mismatch(key, value, "a list") }
        return items
    }

    /// A list of objects, each read by `read`.
    func objects<T>(_ key: String, _ read: (GoJSONReader) throws -> T) throws -> [T] {
        try array(key).enumerated().map { index, value in try read(GoJSONReader(value, path: "\(path).\(key)[\(index)]")) }
    }

    func map(_ key: String) throws -> JSONObject? {
        guard let value = present(key) else { return nil }
        guard let map = value.objectValue else { throw mismatch(key, value, "a map") }
        return map
    }

    func nested(_ key: String) throws -> GoJSONReader? {
        guard let value = present(key) else { return nil }
        return try GoJSONReader(value, path: "\(path).\(key)")
    }

    /// Helm's time type: `""` and `null` are the zero time (nil).
    func helmTime(_ key: String) throws -> GoTime? {
        let text = try string(key)
        if text.isEmpty { return nil }
        guard let time = GoTime(rfc3339: text) else { throw HelmStorageError.corrupt("\(path).\(key) \"\(text)\" is not an RFC 3339 time") }
        return time
    }

    /// `[]byte`: standard base64 with padding; nil for a missing field or `null`.
    func bytes(_ key: String) throws -> [UInt8]? {
        guard present(key) != nil else { return nil }
        let text = try string(key)
        guard let data = Data(base64Encoded: text) else { throw HelmStorageError.corrupt("\(path).\(key) is not valid base64") }
        return [UInt8](data)
    }
}

/// Builds one JSON object in a Go struct's field order, applying `omitempty` where the struct
/// tag says so.
struct GoJSONWriter {
    private(set) var object = JSONObject()

    mutating func string(_ key: String, _ value: String, omitEmpty: Bool = true) {
        if !(omitEmpty && value.isEmpty) { object[key] = .string(value) }
    }

    mutating func int(_ key: String, _ value: Int, omitEmpty: Bool = true) {
        if !(omitEmpty && value == 0) { object[key] = .int(value) }
    }

    mutating func bool(_ key: String, _ value: Bool) {
        if value { object[key] = .bool(true) }
    }

    /// A slice: omitted when empty with omitempty, else `null` when empty (a nil slice).
    mutating func array(_ key: String, _ values: [JSONValue], omitEmpty: Bool = true) {
        if values.isEmpty {
            if !omitEmpty { object[key] = .null }
        } else {
            object[key] = .array(values)
        }
    }

    mutating func strings(_ key: String, _ values: [String], omitEmpty: Bool = true) {
        array(key, values.map { .string($0) }, omitEmpty: omitEmpty)
    }

    /// A Go map: keys sorted by their bytes at every level, as `encoding/json` prints maps.
    mutating func map(_ key: String, _ value: JSONObject?, omitEmpty: Bool) {
        guard let value, !(omitEmpty && value.isEmpty) else {
            if !omitEmpty { object[key] = .null }
            return
        }
        object[key] = JSONValue.object(value).goMapOrder()
    }

    mutating func value(_ key: String, _ value: JSONValue) { object[key] = value }

    /// Helm's time type: `""` for the zero time; never omitted (omitempty has no effect on structs).
    mutating func helmTime(_ key: String, _ value: GoTime?) {
        object[key] = .string(value?.description ?? "")
    }

    mutating func bytes(_ key: String, _ value: [UInt8]?) {
        object[key] = value.map { .string(Data($0).base64EncodedString()) } ?? .null
    }

    var json: JSONValue { .object(object) }
}

extension JSONValue {
    /// Every object's keys in byte order, as Go prints a `map[string]interface{}`.
    func goMapOrder() -> JSONValue {
        switch self {
        case .array(let items): return .array(items.map { $0.goMapOrder() })
        case .object(let object):
            var sorted = JSONObject(minimumCapacity: object.count)
            for key in object.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                sorted[key] = object[key]!.goMapOrder()
            }
            return .object(sorted)
        default: return self
        }
    }
}
