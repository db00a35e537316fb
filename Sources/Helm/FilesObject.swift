import Foundation
import GoTemplate

/// `.Files` (Helm's `engine.files`, a `map[string][]byte` with methods): `Get`, `GetBytes`,
/// `Glob` (gobwas globs, `**` crosses directories), `AsConfig`, `AsSecrets`, `Lines`.
/// Ranging over it (or over a `Glob` result) yields path → bytes, as ranging over the Go map does.
struct FilesObject: TemplateObject {
    /// Path → file; read when a method asks for the bytes.
    let entries: [String: ChartFile]
    /// Helm's `toYAML`, for `AsConfig`/`AsSecrets` (the engine's `toYaml` function).
    let toYAML: Function?

    init(entries: [String: ChartFile], toYAML: Function?) {
        self.entries = entries
        self.toYAML = toYAML
    }

    init(files: [String: [UInt8]], toYAML: Function?) {
        self.init(entries: files.mapValues { ChartFile(name: "", data: $0) }, toYAML: toYAML)
    }

    /// Every file's bytes (reads them all).
    var files: [String: [UInt8]] { entries.mapValues(\.data) }

    var goTypeName: String { "engine.files" }

    /// `engine.files` is a `map[string][]byte`: `range`, `len` and `index` see path → bytes.
    var goCollection: Value? { .map(GoMap(entries.mapValues { .bytes($0.data) })) }

    func field(_ name: String) -> Value? { nil }

    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? {
        switch name {
        case "GetBytes": return .bytes(entries[try stringArgument(name, arguments)]?.data ?? [])
        case "Get":
            // Go's string keeps any bytes; a Swift String only UTF-8. A binary file's content
            // stays bytes, which the encoders and hashes (`b64enc`, `sha256sum`) and `len` take
            // as Go would take the string.
            let data = entries[try stringArgument(name, arguments)]?.data ?? []
            if let text = String(validating: data, as: UTF8.self) { return .string(text) }
            return .bytes(data)
        case "Glob":
            let pattern = try stringArgument(name, arguments)
            return .object(FilesObject(entries: entries.filter { GoGlob.filesGlobMatch(pattern, $0.key) }, toYAML: toYAML))
        case "AsConfig":
            try noArguments(name, arguments)
            return .string(try yaml(files.map { (Self.base($0.key), Value.string(String(decoding: $0.value, as: UTF8.self))) }))
        case "AsSecrets":
            try noArguments(name, arguments)
            return .string(try yaml(files.map { (Self.base($0.key), Value.string(Data($0.value).base64EncodedString())) }))
        case "Lines":
            let path = try stringArgument(name, arguments)
            guard let data = entries[path]?.data else { return .list([]) }
            // Bytes, not Characters: "\r\n" is one Character to Swift, and Go splits at every '\n'
            // (leaving the '\r').
            var bytes = data[...]
            if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
            return .list(bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .map { .string(String(decoding: $0, as: UTF8.self)) })
        default:
            return nil
        }
    }

    private func yaml(_ pairs: [(String, Value)]) throws -> String {
        if entries.isEmpty { return toYAML == nil ? "" : try render(GoMap()) }
        var storage: [String: Value] = [:]
        for (k, v) in pairs { storage[k] = v }  // later paths with the same base name win, as in Go's map order
        return try render(GoMap(storage))
    }

    private func render(_ map: GoMap) throws -> String {
        guard let toYAML else { throw FunctionError("toYaml is not available") }
        final class NoContext: CallContext {
            func executeTemplate(named name: String, data: Value) throws -> String { "" }
            func executeText(_ text: String, named name: String, data: Value) throws -> String { "" }
            var currentTemplateName: String { "" }
        }
        guard case .string(let s) = try toYAML.body([.map(map)], NoContext()) else { return "" }
        return s
    }

    private static func base(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    private func stringArgument(_ method: String, _ arguments: [Value]) throws -> String {
        guard arguments.count == 1 else { throw FunctionError("wrong number of args for \(method): want 1 got \(arguments.count)") }
        guard case .string(let s) = arguments[0] else { throw FunctionError("wrong type for value; expected string") }
        return s
    }

    private func noArguments(_ method: String, _ arguments: [Value]) throws {
        guard arguments.isEmpty else { throw FunctionError("wrong number of args for \(method): want 0 got \(arguments.count)") }
    }

    var goFormatted: String {
        let files = self.files
        return "map[" + files.keys.sorted().map { "\($0):[" + files[$0]!.map(String.init).joined(separator: " ") + "]" }.joined(separator: " ") + "]"
    }

    /// The underlying map (path → bytes): what `range`, `len` and `toJson` see.
    var jsonValue: Value? { .map(GoMap(files.mapValues(Value.bytes))) }
}
