import Foundation
import GoTemplate
import YAML

/// User-supplied values as `helm template` takes them (`pkg/cli/values/options.go` `MergeValues`):
/// `-f` files merged in order (maps deep-merged, anything else replaced), then every `--set-json`,
/// `--set`, `--set-string`, `--set-file` and `--set-literal`, in that order. Files are local
/// paths or `-` (standard input); Helm's URL getters are not supported.
public struct ValueOptions: Sendable {
    public var valueFiles: [String] = []
    public var jsonValues: [String] = []
    public var values: [String] = []
    public var stringValues: [String] = []
    public var fileValues: [String] = []
    public var literalValues: [String] = []

    public init(valueFiles: [String] = [], jsonValues: [String] = [], values: [String] = [], stringValues: [String] = [],
                fileValues: [String] = [], literalValues: [String] = []) {
        self.valueFiles = valueFiles
        self.jsonValues = jsonValues
        self.values = values
        self.stringValues = stringValues
        self.fileValues = fileValues
        self.literalValues = literalValues
    }

    public func merged() throws -> GoMap {
        var base = GoMap()
        for path in valueFiles {
            let data = try Self.read(path)
            let parsed: GoMap
            do {
                let json = try YAML.parse(String(decoding: data, as: UTF8.self), file: path, limits: .helm)
                guard json.isNull || json.objectValue != nil else {
                    throw HelmError("failed to parse \(path): error unmarshaling JSON: json: cannot unmarshal into Go value of type map[string]interface {}")
                }
                parsed = ValueConversion.map(from: json)
            } catch let error as HelmError {
                throw error
            } catch {
                throw HelmError("failed to parse \(path): \(error)")
            }
            base = Self.mergeMaps(base, parsed)
        }
        for value in jsonValues {
            // Helm drops the cause here and names the whole flag value.
            do { try StrVals.parseJSON(value, into: base) } catch { throw HelmError("failed parsing --set-json data \(value)") }
        }
        for value in values {
            do { try StrVals.parse(value, into: base) } catch let error as HelmError {
                throw HelmError("failed parsing --set data: \(error.message)")
            }
        }
        for value in stringValues {
            do { try StrVals.parse(value, into: base, stringValues: true) } catch let error as HelmError {
                throw HelmError("failed parsing --set-string data: \(error.message)")
            }
        }
        for value in fileValues {
            do {
                try StrVals.parseFile(value, into: base) { path in .string(String(decoding: try Self.read(path), as: UTF8.self)) }
            } catch let error as HelmError {
                throw HelmError("failed parsing --set-file data: \(error.message)")
            }
        }
        for value in literalValues {
            do { try StrVals.parseLiteral(value, into: base) } catch let error as HelmError {
                throw HelmError("failed parsing --set-literal data: \(error.message)")
            }
        }
        return base
    }

    /// `readFile`: standard input for `-`, else the local file (os.ReadFile's error text).
    static func read(_ path: String) throws -> Data {
        if path.trimmingCharacters(in: .whitespaces) == "-" {
            return FileHandle.standardInput.readDataToEndOfFile()
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw HelmError("read \(path): is a directory")
            }
            if FileManager.default.fileExists(atPath: path) { throw HelmError("open \(path): permission denied") }
            throw HelmError("open \(path): no such file or directory")
        }
        return data
    }

    /// A values document (`yaml.Unmarshal` into a map: numbers are float64); `file` names it in
    /// errors. An empty document is an empty map.
    public static func values(yaml bytes: [UInt8], file: String) throws -> GoMap {
        let json = try YAML.parse(String(decoding: bytes, as: UTF8.self), file: file, limits: .helm)
        guard json.isNull || json.objectValue != nil else {
            throw HelmError("failed to parse \(file): error unmarshaling JSON: json: cannot unmarshal into Go value of type map[string]interface {}")
        }
        return ValueConversion.map(from: json)
    }

    /// `mergeMaps`: `b` over `a`, recursing where both hold maps (Helm's and Flux's
    /// `transform.MergeMaps`).
    public static func mergeMaps(_ a: GoMap, _ b: GoMap) -> GoMap {
        let out = GoMap(a.storage)
        for (key, value) in b.storage {
            if case .map(let bm) = value, case .map(let am)? = out[key] {
                out[key] = .map(mergeMaps(am, bm))
            } else {
                out[key] = value
            }
        }
        return out
    }
}
