import GoTemplate

/// Helm's `pkg/strvals` parser for `--set`, `--set-string`, `--set-file` and `--set-json`:
/// `a.b=c,d[0]=e`, `{x,y}` lists, backslash escapes for `,` `.` `=` `[`. Typed values (`--set`):
/// `true`/`false`, `null` (deletes the key when coalesced), integers without a leading zero as
/// int64, `0`. `--set-literal` (Helm's literal_parser.go) is the same grammar with the value
/// taken as written: no escapes, no `,` between pairs, no `{a,b}` lists, the rest of the input.
public enum StrVals {
    /// Helm's limits (`MaxIndex`, `MaxNestedNameLevel`).
    static let maxIndex = 65536
    static let maxNestedNameLevel = 30

    /// What a value after `=` becomes (the `reader` of Helm's parser, or its JSON mode).
    enum Mode {
        /// `typedVal` (`--set`), or always a string (`--set-string`).
        case typed(strings: Bool)
        /// `--set-file`: the value names a file whose contents become the value.
        case file(read: (String) throws -> Value)
        /// `--set-json`: one JSON value (null, scalar, array, object) after each `=`.
        case json
        /// `--set-literal`: everything after the `=` as a string.
        case literal
    }

    /// `strvals.ParseInto(s, dest)` (`stringValues: true` is `ParseIntoString`).
    public static func parse(_ text: String, into dest: GoMap, stringValues: Bool = false) throws {
        try parse(text, into: dest, mode: .typed(strings: stringValues))
    }

    /// `strvals.ParseIntoFile`: `name=path` sets `name` to the contents of the file `read` returns.
    public static func parseFile(_ text: String, into dest: GoMap, read: @escaping (String) throws -> Value) throws {
        try parse(text, into: dest, mode: .file(read: read))
    }

    /// `strvals.ParseJSON`: `name=JSON` (an empty value is null).
    public static func parseJSON(_ text: String, into dest: GoMap) throws {
        try parse(text, into: dest, mode: .json)
    }

    /// `strvals.ParseLiteralInto`: `name=VALUE`, VALUE the rest of `text` as written.
    public static func parseLiteral(_ text: String, into dest: GoMap) throws {
        try parse(text, into: dest, mode: .literal)
    }

    static func parse(_ text: String, into dest: GoMap, mode: Mode) throws {
        let parser = Parser(Array(text.unicodeScalars), mode: mode)
        while true {
            do {
                try parser.key(dest, nestedLevel: 0)
            } catch ParseError.endOfInput {
                return
            } catch ParseError.message(let message) {
                throw HelmError(message)
            } catch ParseError.notList {
                throw HelmError("not a list")
            }
        }
    }

    enum ParseError: Error {
        case endOfInput
        case notList
        case message(String)
    }

    final class Parser {
        let runes: [Unicode.Scalar]
        var position = 0
        let mode: Mode

        init(_ runes: [Unicode.Scalar], mode: Mode) {
            self.runes = runes
            self.mode = mode
        }

        func read() -> Unicode.Scalar? {
            guard position < runes.count else { return nil }
            defer { position += 1 }
            return runes[position]
        }

        var isLiteral: Bool { if case .literal = mode { return true } else { return false } }

        /// `runesUntil`: runes up to one of `stop` (returned as `last`), with `\x` escapes (none
        /// for `--set-literal`); nil last at the end.
        func until(_ stop: Set<Unicode.Scalar>) -> (String, Unicode.Scalar?) {
            var out = String.UnicodeScalarView()
            while let r = read() {
                if stop.contains(r) { return (String(out), r) }
                if r == "\\" && !isLiteral {
                    guard let next = read() else { return (String(out), nil) }
                    out.append(next)
                } else {
                    out.append(r)
                }
            }
            return (String(out), nil)
        }

        func key(_ data: GoMap, nestedLevel: Int) throws {
            let (k, last) = until(isLiteral ? ["=", "[", "."] : ["=", "[", ",", "."])
            switch last {
            case nil:
                if k.isEmpty { throw ParseError.endOfInput }
                throw ParseError.message("key \"\(k)\" has no value")
            case "[":
                let index = try keyIndex()
                var list: [Value] = []
                if let existing = data[k] {
                    guard case .list(let l) = existing else {
                        throw ParseError.message("unable to parse key: interface conversion: interface {} is \(Self.typeName(existing)), not []interface {}")
                    }
                    list = l
                }
                do {
                    list = try listItem(list, index, nestedLevel: nestedLevel)
                    if !k.isEmpty { data[k] = .list(list) }
                } catch {
                    if !k.isEmpty { data[k] = .list(list) }
                    throw error
                }
            case "=":
                if case .json = mode {
                    let value = try jsonValue()
                    if !k.isEmpty { data[k] = value }
                    return
                }
                if isLiteral {
                    let value = until([]).0
                    if !k.isEmpty { data[k] = .string(value) }
                    return
                }
                do {
                    let list = try valueList()
                    if !k.isEmpty { data[k] = .list(list) }
                } catch ParseError.endOfInput {
                    if !k.isEmpty { data[k] = .string("") }
                    throw ParseError.endOfInput
                } catch ParseError.notList {
                    let (v, _) = until([","])
                    let value = try read(v)
                    if !k.isEmpty { data[k] = value }
                }
            case ",":
                if !k.isEmpty { data[k] = .string("") }
                throw ParseError.message("key \"\(k)\" has no value (cannot end with ,)")
            default:  // "."
                let level = nestedLevel + 1
                if level > StrVals.maxNestedNameLevel {
                    throw ParseError.message("value name nested level is greater than maximum supported nested level of \(StrVals.maxNestedNameLevel)")
                }
                var inner = GoMap()
                if let existing = data[k] {
                    guard case .map(let m) = existing else {
                        throw ParseError.message("unable to parse key: interface conversion: interface {} is \(Self.typeName(existing)), not map[string]interface {}")
                    }
                    inner = m
                }
                var failure: Error?
                do { try key(inner, nestedLevel: level) } catch { failure = error }
                if failure == nil && inner.count == 0 { throw ParseError.message("key map \"\(k)\" has no value") }
                if inner.count != 0 && !k.isEmpty { data[k] = .map(inner) }
                if let failure { throw failure }
            }
        }

        func keyIndex() throws -> Int {
            let (v, last) = until(["]"])
            guard last != nil else { throw ParseError.message("error parsing index: EOF") }
            guard let i = Int(v) else {
                throw ParseError.message("error parsing index: strconv.Atoi: parsing \"\(v)\": invalid syntax")
            }
            return i
        }

        static func setIndex(_ list: [Value], _ index: Int, _ value: Value) throws -> [Value] {
            if index < 0 { throw ParseError.message("negative \(index) index not allowed") }
            if index > StrVals.maxIndex {
                throw ParseError.message("index of \(index) is greater than maximum supported index of \(StrVals.maxIndex)")
            }
            var list = list
            if list.count <= index { list += Array(repeating: .null, count: index + 1 - list.count) }
            list[index] = value
            return list
        }

        func listItem(_ list: [Value], _ index: Int, nestedLevel: Int) throws -> [Value] {
            if index < 0 { throw ParseError.message("negative \(index) index not allowed") }
            let (k, last) = until(["[", ".", "="])
            if !k.isEmpty { throw ParseError.message("unexpected data at end of array index: \"\(k)\"") }
            switch last {
            case nil:
                throw ParseError.endOfInput
            case "=":
                if case .json = mode { return try Self.setIndex(list, index, try jsonValue()) }
                if isLiteral { return try Self.setIndex(list, index, .string(until([]).0)) }
                do {
                    return try Self.setIndex(list, index, .list(try valueList()))
                } catch ParseError.endOfInput {
                    return try Self.setIndex(list, index, .string(""))
                } catch ParseError.notList {
                    let (v, _) = until([","])
                    return try Self.setIndex(list, index, try read(v))
                }
            case "[":
                let next = try keyIndex()
                var current: [Value] = []
                if index < list.count, case .list(let l) = list[index] { current = l }
                return try Self.setIndex(list, index, .list(try listItem(current, next, nestedLevel: nestedLevel)))
            default:  // "."
                var inner = GoMap()
                if index < list.count, case .map(let m) = list[index] { inner = m }
                try key(inner, nestedLevel: nestedLevel)
                return try Self.setIndex(list, index, .map(inner))
            }
        }

        /// `valList`: `{a,b}`; `notList` when the value does not start with `{`.
        func valueList() throws -> [Value] {
            guard let r = read() else { throw ParseError.endOfInput }
            guard r == "{" else { position -= 1; throw ParseError.notList }
            var list: [Value] = []
            while true {
                let (v, last) = until([",", "}"])
                switch last {
                case nil:
                    throw ParseError.message("list must terminate with '}'")
                case "}":
                    if let next = read(), next != "," { position -= 1 }
                    list.append(try read(v))
                    return list
                default:
                    list.append(try read(v))
                }
            }
        }

        /// The parser's `reader`: what a value's text becomes.
        func read(_ text: String) throws -> Value {
            switch mode {
            case .typed(let strings): return strings ? .string(text) : Self.typed(text)
            case .file(let readFile):
                do { return try readFile(text) } catch let error as HelmError { throw ParseError.message(error.message) }
            case .json, .literal: return .string(text)  // not reached: read by `jsonValue` and `key`/`listItem`
            }
        }

        /// `typedVal`.
        static func typed(_ text: String) -> Value {
            let lower = text.lowercased()
            if lower == "true" { return .bool(true) }
            if lower == "false" { return .bool(false) }
            if lower == "null" { return .null }
            if text == "0" { return .int(0) }
            if let first = text.first, first != "0", let i = Int64(text) { return .int(Int(i)) }
            return .string(text)
        }

        static func typeName(_ v: Value) -> String {
            switch v {
            case .string: return "string"
            case .int: return "int64"
            case .bool: return "bool"
            case .list: return "[]interface {}"
            case .map: return "map[string]interface {}"
            default: return "nil"
            }
        }
    }
}
