import Foundation
import GoTemplate
import TemplateFunctions

extension Engine {
    /// Helm's `funcMap`: Sprig, Helm's conversions, and the functions that need the chart being
    /// rendered (`include`, `tpl`, `required`, `fail`, `lookup`), as `initFunMap` registers them.
    func functions() -> FunctionTable {
        var table = TemplateFunctions.sprig
        table.merge(TemplateFunctions.helmConversions)
        let included = IncludeCounter()
        table["include"] = Function { arguments, context in
            let name = try Self.stringArgument(arguments, "include", count: 2)
            try included.enter(name)
            defer { included.leave(name) }
            return .string(try context.executeTemplate(named: name, data: arguments[1]))
        }
        table["tpl"] = Function { arguments, context in
            let text = try Self.stringArgument(arguments, "tpl", count: 2)
            // Go executes the new (empty) tree, not the set's existing `gotpl` (an empty template
            // never replaces one in the set): blank text renders as itself.
            if text.allSatisfy(\.isWhitespace) { return .string(text) }
            do {
                let out = try context.executeText(text, named: "gotpl", data: arguments[1])
                return .string(Self.removingNoValue(out))
            } catch let error as TemplateError where error.kind == .parse {
                throw FunctionError("cannot parse template \(Self.goQuote(text)): \(error)")
            } catch {
                throw FunctionError("error during tpl function execution for \(Self.goQuote(text)): \(error)")
            }
        }
        table["required"] = Function.pure { arguments in
            let warning = try Self.stringArgument(arguments, "required", count: 2)
            switch arguments[1] {
            case .missing, .null: throw FunctionError(Self.warnWrap(warning))
            case .string(let s) where s.isEmpty: throw FunctionError(Self.warnWrap(warning))
            default: return arguments[1]
            }
        }
        table["fail"] = Function.pure { arguments in
            let message = try Self.stringArgument(arguments, "fail", count: 1)
            throw FunctionError(Self.warnWrap(message))
        }
        let lookup = options.lookup
        table["lookup"] = Function.pure { arguments in
            guard arguments.count == 4 else {
                throw FunctionError("wrong number of args for lookup: want 4 got \(arguments.count)", argumentCheck: .count)
            }
            let strings = arguments.map { if case .string(let s) = $0 { return s } else { return "" } }
            // helm template has no cluster: lookup answers an empty map.
            guard let lookup else { return .map(GoMap()) }
            return try lookup(strings[0], strings[1], strings[2], strings[3])
        }
        // EnableDNS is off for helm template: getHostByName answers "".
        table["getHostByName"] = Function.pure { _ in .string("") }
        return table
    }

    /// `strings.ReplaceAll(s, "<no value>", "")`, without a copy when there is none.
    static func removingNoValue(_ s: String) -> String {
        s.utf8.contains(UInt8(ascii: "<")) && s.contains("<no value>") ? s.replacingOccurrences(of: "<no value>", with: "") : s
    }

    static func warnWrap(_ message: String) -> String { "HELM_ERR_START" + message + "HELM_ERR_END" }

    /// `%q` of a template text, as Helm's error wraps quote it.
    static func goQuote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Go's checks of a `func(string, …)`: the count, then the first argument's type.
    static func stringArgument(_ arguments: [Value], _ name: String, count: Int) throws -> String {
        guard arguments.count == count else {
            throw FunctionError("wrong number of args for \(name): want \(count) got \(arguments.count)", argumentCheck: .count)
        }
        switch arguments[0] {
        case .string(let text): return text
        case .missing, .null:
            throw FunctionError("invalid value; expected string", argumentCheck: .type(index: 0, expected: "string"))
        default:
            throw FunctionError("wrong type for value; expected string; got \(GoFormat.typeName(arguments[0]))",
                                argumentCheck: .type(index: 0, expected: "string"))
        }
    }
}

/// `include`'s recursion guard (`includedNames`): a name included more than 1000 times deep fails.
final class IncludeCounter: @unchecked Sendable {
    private var depth: [String: Int] = [:]
    private let lock = NSLock()

    func enter(_ name: String) throws {
        lock.lock(); defer { lock.unlock() }
        let current = depth[name, default: 0]
        if current > Engine.recursionLimit {
            throw FunctionError("rendering template has a nested reference name: \(name): unable to execute template")
        }
        depth[name] = current + 1
    }

    func leave(_ name: String) {
        lock.lock(); defer { lock.unlock() }
        depth[name, default: 1] -= 1
    }
}
