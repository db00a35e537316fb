import Foundation
import GoTemplate
import YAML

/// User-supplied values as `helm template` takes them (`pkg/cli/values/options.go` `MergeValues`):
/// `-f` files merged in order (maps deep-merged, anything else replaced), then every `--set`,
/// then every `--set-string`.
public struct ValueOptions: Sendable {
    public var valueFiles: [String] = []
    public var values: [String] = []
    public var stringValues: [String] = []

    public init(valueFiles: [String] = [], values: [String] = [], stringValues: [String] = []) {
        self.valueFiles = valueFiles
        self.values = values
        self.stringValues = stringValues
    }

    public func merged() throws -> GoMap {
        var base = GoMap()
        for path in valueFiles {
            let data: Data?
            if path.trimmingCharacters(in: .whitespaces) == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                data = FileManager.default.contents(atPath: path)
            }
            guard let data else { throw HelmError("open \(path): no such file or directory") }
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
        return base
    }

    /// `mergeMaps`: `b` over `a`, recursing where both hold maps.
    static func mergeMaps(_ a: GoMap, _ b: GoMap) -> GoMap {
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
