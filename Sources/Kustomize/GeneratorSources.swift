import Foundation
import GitOpsAPI

/// The key/value pairs of one generator (kustomize's `api/kv`): env files first, then literals,
/// then files, each key validated as a ConfigMap key and never repeated.
struct GeneratorSources {
    var literals: [String] = []
    var files: [String] = []
    var envs: [String] = []

    /// A value is text, or bytes that are not UTF-8 (a ConfigMap puts those in `binaryData`).
    enum Value: Equatable {
        case text(String)
        case bytes([UInt8])

        var bytes: [UInt8] {
            switch self {
            case .text(let s): return Array(s.utf8)
            case .bytes(let b): return b
            }
        }
    }

    /// Reads every source, in kustomize's order: envs, literals, files.
    func load(name: String, context: BuildContext) throws -> [(key: String, value: Value)] {
        let path = context.file.path
        var pairs: [(key: String, value: Value)] = []
        for env in envs {
            let text = try context.readFile(env)
            pairs += try Self.envPairs(text, file: env, kustomization: path)
        }
        for literal in literals {
            pairs.append(try Self.literalPair(literal, kustomization: path))
        }
        for source in files {
            let (key, file) = try Self.fileSource(source, kustomization: path)
            pairs.append((key, try Self.readBytes(file, context: context)))
        }
        var seen: Set<String> = []
        for (key, _) in pairs {
            try Self.validateKey(key, kustomization: path)
            guard seen.insert(key).inserted else {
                throw BuildError.invalid(file: path, message: "configmap \(name) illegally repeats the key `\(key)`; each key may appear once across literals, files and env files")
            }
        }
        return pairs
    }

    /// `KEY=value` (split at the first `=`); matching single or double quotes around the value
    /// are removed (kustomize's `removeQuotes`).
    static func literalPair(_ source: String, kustomization: String) throws -> (key: String, value: Value) {
        guard let eq = source.firstIndex(of: "="), eq != source.startIndex else {
            throw BuildError.invalid(file: kustomization, message: "invalid literal source \(source), expected key=value")
        }
        let key = String(source[..<eq])
        var value = String(source[source.index(after: eq)...])
        let bytes = Array(value.utf8)
        if bytes.count >= 2, bytes.first == bytes.last, bytes.first == UInt8(ascii: "\"") || bytes.first == UInt8(ascii: "'") {
            value = String(decoding: bytes.dropFirst().dropLast(), as: UTF8.self)
        }
        return (key, .text(value))
    }

    /// `[key=]path`: without a key, the file's base name is the key.
    static func fileSource(_ source: String, kustomization: String) throws -> (key: String, path: String) {
        let parts = source.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: return ((source as NSString).lastPathComponent, source)
        case 2 where parts[0].isEmpty:
            throw BuildError.invalid(file: kustomization, message: "missing key name for file path \"\(parts[1])\" in source \"\(source)\"")
        case 2 where parts[1].isEmpty:
            throw BuildError.invalid(file: kustomization, message: "missing file path for key name \"\(parts[0])\" in source \"\(source)\"")
        case 2: return (parts[0], parts[1])
        default:
            throw BuildError.invalid(file: kustomization, message: "source \"\(source)\" key name or file path contains '='")
        }
    }

    /// An env file: one `KEY=value` a line; blank lines and `#` comments skipped; leading
    /// whitespace trimmed; a line without `=` gives the key an empty value (kustomize v5 no
    /// longer reads the process environment); a UTF-8 BOM on the first line is dropped.
    static func envPairs(_ text: String, file: String, kustomization: String) throws -> [(key: String, value: Value)] {
        var pairs: [(key: String, value: Value)] = []
        // "\r\n" is one Character in Swift: split on both.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        // bufio.Scanner drops a final empty line and a trailing \r on each line.
        if lines.last == "" { lines.removeLast() }
        for (i, raw) in lines.enumerated() {
            var line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            if i == 0, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            line = String(line.drop(while: { $0.isWhitespace }))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let key: String
            let value: String
            if let eq = line.firstIndex(of: "=") {
                key = String(line[..<eq])
                value = String(line[line.index(after: eq)...])
            } else {
                key = line
                value = ""
            }
            guard isEnvVarName(key) else {
                throw BuildError.invalid(file: kustomization, message: "\(file) line \(i + 1): \"\(key)\" is not a valid environment variable name: it must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit")
            }
            pairs.append((key, .text(value)))
        }
        return pairs
    }

    static func isEnvVarName(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, !key.isEmpty else { return false }
        func ok(_ c: Unicode.Scalar) -> Bool { c.isASCII && (c.properties.isAlphabetic || c == "-" || c == "_" || c == ".") }
        return ok(first) && key.unicodeScalars.allSatisfy { ok($0) || ("0"..."9").contains($0) }
    }

    /// Kubernetes' `IsConfigMapKey`: at most 253 characters of `[-._a-zA-Z0-9]`.
    static func validateKey(_ key: String, kustomization: String) throws {
        let valid = !key.isEmpty && key.utf8.count <= 253 && key.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == ".")
        }
        guard valid else {
            throw BuildError.invalid(file: kustomization, message: "\"\(key)\" is not a valid key name: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name'); rename the key")
        }
        if key == "." || key == ".." {
            throw BuildError.invalid(file: kustomization, message: "\"\(key)\" is not a valid key name: must not be '.' or '..'")
        }
    }

    /// A file's bytes, read within the load restrictions (through `context.readFile` first, which
    /// checks them), kept as text when they are UTF-8.
    static func readBytes(_ path: String, context: BuildContext) throws -> Value {
        _ = try context.readFile(path)
        let full = Builder.canonical(path.hasPrefix("/") ? path : context.directory + "/" + path)
        let data = FileManager.default.contents(atPath: full) ?? Data()
        let bytes = [UInt8](data)
        if let text = String(validatingUTF8Bytes: bytes) { return .text(text) }
        return .bytes(bytes)
    }
}

extension String {
    /// The text of `bytes` when they are valid UTF-8, else nil.
    init?(validatingUTF8Bytes bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self = String(scalars)
    }
}
