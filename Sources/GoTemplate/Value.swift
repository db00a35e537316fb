/// A value as Go's `text/template` sees it through reflection, in the shapes Helm charts meet:
/// values read from YAML (every number a float64), `--set` integers (int64), Sprig's lists and
/// dicts, and Helm's built-in objects (`.Chart`, `.Capabilities`, `.Files`).
///
/// Maps are reference types, as Go maps are: `{{ $_ := set .Values "k" 1 }}` changes `.Values`
/// for every later template, and charts rely on that.
public enum Value: @unchecked Sendable {
    /// An invalid `reflect.Value`: what a missing map key yields. Prints `<no value>`.
    case missing
    /// A nil interface, pointer, map or slice. Prints `<nil>`.
    case null
    case bool(Bool)
    /// Go's `int`/`int64` (both print and compare the same way in templates).
    case int(Int)
    /// Go's `float64`: every number that came from YAML or JSON.
    case float(Double)
    case string(String)
    /// `[]byte`, from `.Files.GetBytes`; prints as Go prints a byte slice (`[104 105]`).
    case bytes([UInt8])
    /// `[]interface{}` (also stands for `[]string` and other slices).
    case list([Value])
    /// `map[string]interface{}`; ranged over and printed in sorted key order.
    case map(GoMap)
    /// A Go struct or named type with fields and methods (Helm's built-in objects).
    case object(any TemplateObject)
}

/// `map[string]interface{}` with Go's reference semantics. Not thread-safe: one rendering owns
/// its maps, as in Go.
public final class GoMap: @unchecked Sendable {
    public var storage: [String: Value]
    /// The Go named map type this map has, when not `map[string]interface {}`: Helm's `.Values`
    /// and `.Template` are `chartutil.Values`, which `typeOf` prints and Sprig's `dig` refuses.
    public var namedType: String?

    public init(_ storage: [String: Value] = [:]) {
        self.storage = storage
    }

    public subscript(key: String) -> Value? {
        get { storage[key] }
        set { storage[key] = newValue }
    }

    /// Keys in Go's iteration order for templates and printing (sorted).
    public var sortedKeys: [String] { storage.keys.sorted() }

    public var count: Int { storage.count }
}

/// A Go struct (or named type) reachable from a template: `.Release.Name`, `.Capabilities.KubeVersion.Minor`,
/// `.Files.Get "x"`, `.Capabilities.APIVersions.Has "v1"`.
public protocol TemplateObject: Sendable {
    /// Go's type name for `typeOf` and error messages, e.g. `*chart.Metadata`, `chartutil.Capabilities`.
    var goTypeName: String { get }
    /// An exported field; nil when the type has no such field (the engine then looks for a method).
    func field(_ name: String) -> Value?
    /// Calls an exported method; nil when there is no such method. Throws `FunctionError` for
    /// wrong arguments, as Go's reflection would.
    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value?
    /// How `fmt` prints the value with `%v` (Go's `{field1 field2}` for a struct, or the result of
    /// its `String()` method when it has one).
    var goFormatted: String { get }
    /// The value as JSON would see it (`toJson`, `toYaml` of a struct), when it has one.
    var jsonValue: Value? { get }
    /// For a named slice or map type (`chartutil.VersionSet` is a `[]string`): the elements as a
    /// `.list` or `.map`, which `len`, `index`, `slice`, `range` and truth tests then use as Go's
    /// reflection does. Nil (the default) for structs.
    var goCollection: Value? { get }
    /// For a struct: its JSON fields in declaration order (what `encoding/json` writes; the
    /// keys of `jsonValue` alone would print sorted, as for a map). Nil (the default) otherwise.
    var jsonFields: [(String, Value)]? { get }
}

extension TemplateObject {
    public var jsonValue: Value? { nil }
    public var goCollection: Value? { nil }
    public var jsonFields: [(String, Value)]? { nil }
}
