import Foundation
import GitOpsAPI
import GoTemplate
import YAML
@testable import TemplateFunctions

/// A context for functions that never ask for one (everything in this module).
final class NoContext: CallContext {
    func executeTemplate(named name: String, data: Value) throws -> String { throw FunctionError("no templates") }
    func executeText(_ text: String, named name: String, data: Value) throws -> String { throw FunctionError("no templates") }
    var currentTemplateName: String { "test" }
}

/// Helm's function map: Sprig, then Helm's conversions over it.
let helmFunctions: FunctionTable = {
    var table = TemplateFunctions.sprig
    table.merge(TemplateFunctions.helmConversions)
    return table
}()

/// Calls `name` as a template would, with evaluated arguments (piped value last).
func call(_ name: String, _ arguments: Value...) throws -> Value {
    guard let function = helmFunctions[name] else { throw FunctionError("function \"\(name)\" not defined") }
    return try function.body(arguments, NoContext())
}

/// The result as `{{ }}` would print it (`%v`), for table comparisons.
func printed(_ name: String, _ arguments: Value...) throws -> String {
    guard let function = helmFunctions[name] else { throw FunctionError("function \"\(name)\" not defined") }
    return GoText.v(try function.body(arguments, NoContext()))
}

/// The error text a call fails with, or nil when it succeeds.
func failure(_ name: String, _ arguments: Value...) -> String? {
    do {
        _ = try helmFunctions[name]!.body(arguments, NoContext())
        return nil
    } catch let error as FunctionError {
        return error.message
    } catch {
        return "\(error)"
    }
}

/// Values parsed the way Helm reads a values file (numbers are float64).
func values(_ yaml: String) throws -> Value { Value(json: try YAML.parse(yaml)) }

func dict(_ pairs: KeyValuePairs<String, Value>) -> Value {
    .map(GoMap(Dictionary(uniqueKeysWithValues: pairs.map { ($0.key, $0.value) })))
}

let conformanceRoot = (ProcessInfo.processInfo.environment["HELM_CORPUS"] ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/conformance/helm").path)

func readConformance(_ path: String) throws -> String {
    try String(contentsOfFile: conformanceRoot + "/" + path, encoding: .utf8)
}

/// The text of `expected` between the line `start` and the next line beginning with `end`.
func section(_ expected: String, after start: String, before end: String) -> String? {
    guard let from = expected.range(of: "\n" + start + "\n") else { return nil }
    let rest = expected[from.upperBound...]
    guard let to = rest.range(of: "\n" + end) else { return nil }
    return String(rest[..<to.lowerBound])
}
