import GoTemplate

/// `--set-literal` (pkg/strvals literal_parser.go): `name=VALUE` where everything after the first
/// `=` is the value, as written — no escapes, no `,` separating pairs, no `{a,b}` lists, never
/// typed. Keys still nest with `.` and index with `[N]`.
extension StrVals {
    public static func parseLiteral(_ text: String, into dest: GoMap) throws {
        let parser = LiteralParser(Array(text.unicodeScalars))
        while true {
            do {
                try parser.key(dest, nestedLevel: 0)
            } catch ParseError.endOfInput {
                return
            } catch ParseError.message(let message) {
                throw HelmError(message)
            }
        }
    }

    final class LiteralParser {
        let runes: [Unicode.Scalar]
        var position = 0

        init(_ runes: [Unicode.Scalar]) { self.runes = runes }

        /// `runesUntilLiteral`: runes up to one of `stop` (returned as `last`); nil last at the end.
        func until(_ stop: Set<Unicode.Scalar>) -> (String, Unicode.Scalar?) {
            var out = String.UnicodeScalarView()
            while position < runes.count {
                let r = runes[position]
                position += 1
                if stop.contains(r) { return (String(out), r) }
                out.append(r)
            }
            return (String(out), nil)
        }

        /// The rest of the input.
        func value() -> String { until([]).0 }

        func key(_ data: GoMap, nestedLevel: Int) throws {
            let (k, last) = until(["=", "[", "."])
            switch last {
            case nil:
                if k.isEmpty { throw ParseError.endOfInput }
                throw ParseError.message("key \"\(k)\" has no value")
            case "=":
                let v = value()
                if !k.isEmpty { data[k] = .string(v) }
            case ".":
                let level = nestedLevel + 1
                if level > StrVals.maxNestedNameLevel {
                    throw ParseError.message("value name nested level is greater than maximum supported nested level of \(StrVals.maxNestedNameLevel)")
                }
                var inner = GoMap()
                if let existing = data[k] {
                    guard case .map(let m) = existing else {
                        throw ParseError.message("unable to parse key: interface conversion: interface {} is \(Parser.typeName(existing)), not map[string]interface {}")
                    }
                    inner = m
                }
                var failure: Error?
                do { try key(inner, nestedLevel: level) } catch { failure = error }
                if failure == nil && inner.count == 0 { throw ParseError.message("key map \"\(k)\" has no value") }
                if inner.count != 0 && !k.isEmpty { data[k] = .map(inner) }
                if let failure { throw failure }
            default:  // "["
                let index = try keyIndex()
                var list: [Value] = []
                if let existing = data[k] {
                    guard case .list(let l) = existing else {
                        throw ParseError.message("unable to parse key: interface conversion: interface {} is \(Parser.typeName(existing)), not []interface {}")
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

        func listItem(_ list: [Value], _ index: Int, nestedLevel: Int) throws -> [Value] {
            if index < 0 { throw ParseError.message("negative \(index) index not allowed") }
            let (k, last) = until(["[", ".", "="])
            if !k.isEmpty { throw ParseError.message("unexpected data at end of array index: \"\(k)\"") }
            switch last {
            case nil:
                throw ParseError.endOfInput
            case "=":
                return try Parser.setIndex(list, index, .string(value()))
            case "[":
                let next = try keyIndex()
                var current: [Value] = []
                if index < list.count, case .list(let l) = list[index] { current = l }
                return try Parser.setIndex(list, index, .list(try listItem(current, next, nestedLevel: nestedLevel)))
            default:  // "."
                var inner = GoMap()
                if index < list.count, case .map(let m) = list[index] { inner = m }
                try key(inner, nestedLevel: nestedLevel)
                return try Parser.setIndex(list, index, .map(inner))
            }
        }
    }
}
