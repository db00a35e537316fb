import OrderedCollections

/// An ordered JSON object: keys keep the order in which they were read or set, so a manifest
/// prints back the way its author wrote it.
public typealias JSONObject = OrderedDictionary<String, JSONValue>

/// A JSON-compatible value: what a YAML document or a Kubernetes object body is made of.
///
/// Integers and floating-point numbers stay distinct (`replicas: 3` is an int, `ratio: 0.5` a
/// double), the way Kubernetes' decoder keeps them.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: return Int(d)
        default: return nil
        }
    }
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The name of this value's JSON type, for error messages ("expected a string, found an array").
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "a map"
        }
    }

    /// Reads a member of an object (nil for other values and missing keys).
    public subscript(key: String) -> JSONValue? {
        get { objectValue?[key] }
        set {
            guard case .object(var o) = self else { return }
            self = .null  // drop the reference so the mutation below does not copy
            o[key] = newValue
            self = .object(o)
        }
    }

    /// Follows a path of object keys.
    public subscript(path path: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for key in path { current = current?[key] }
        return current
    }

    /// The value a JSON Pointer's reference tokens (RFC 6901, already unescaped) name: object
    /// members by key, array elements by decimal index; nil where the document has nothing.
    public func value(atPointer tokens: [String]) -> JSONValue? {
        var current = self
        for token in tokens {
            switch current {
            case .object(let o):
                guard let next = o[token] else { return nil }
                current = next
            case .array(let a):
                guard let i = Int(token), i >= 0, i < a.count else { return nil }
                current = a[i]
            default: return nil
            }
        }
        return current
    }

    /// Sets a value at a path of object keys, creating intermediate objects.
    public mutating func set(_ path: [String], _ value: JSONValue?) {
        guard let first = path.first else {
            if let value { self = value }
            return
        }
        guard case .object(var o) = self else { return }
        self = .null
        if path.count == 1 {
            o[first] = value
        } else {
            var child = o[first] ?? .object([:])
            if child.objectValue == nil { child = .object([:]) }
            child.set(Array(path.dropFirst()), value)
            o[first] = child
        }
        self = .object(o)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    /// The same value with every object's keys in the order Go's YAML encoders print map keys,
    /// which is what `kubectl kustomize` prints (see `goYAMLKeyLess`).
    public func sortedKeys() -> JSONValue {
        switch self {
        case .array(let a): return .array(a.map { $0.sortedKeys() })
        case .object(let o):
            var out = JSONObject(minimumCapacity: o.count)
            for k in o.keys.sorted(by: JSONValue.goYAMLKeyLess) { out[k] = o[k]!.sortedKeys() }
            return .object(out)
        default: return self
        }
    }

    /// go-yaml's map-key order (`keyList.Less` in sorter.go): character by character; two
    /// letters compare by code point; a letter against a non-letter sorts after it unless the
    /// characters before were digits; runs of digits compare as numbers. So `A_FIRST` sorts
    /// before `ANOTHER`, and `item2` before `item10`.
    public static func goYAMLKeyLess(_ a: String, _ b: String) -> Bool {
        let ar = Array(a.unicodeScalars), br = Array(b.unicodeScalars)
        var digits = false
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] {
                digits = ar[i].properties.numericType == .decimal
                i += 1
                continue
            }
            let al = ar[i].properties.isAlphabetic, bl = br[i].properties.isAlphabetic
            if al && bl { return ar[i].value < br[i].value }
            if al || bl { return digits ? al : bl }
            func isDigit(_ c: Unicode.Scalar) -> Bool { c.properties.numericType == .decimal && c.isASCII }
            var an: Int64 = 0, bn: Int64 = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != "0" { an = 1; bn = 1; break }
                    j -= 1
                }
            }
            var ai = i, bi = i
            while ai < ar.count && isDigit(ar[ai]) { an = an &* 10 &+ Int64(ar[ai].value - 48); ai += 1 }
            while bi < br.count && isDigit(br[bi]) { bn = bn &* 10 &+ Int64(br[bi].value - 48); bi += 1 }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }
}
