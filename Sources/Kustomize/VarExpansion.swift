import GitOpsAPI

/// kustomize's `refvar.DoReplacements`: `$(NAME)` becomes the var's value, `$$` is a literal
/// `$`, and anything else (an unknown name, an unclosed `$(`) is left as written. A string that
/// is exactly one `$(NAME)` takes the value with its type (a port stays a number); inside a
/// longer string the value is printed as Go's `%v` would.
enum VarExpansion {
    static func expand(_ input: String, _ values: [String: JSONValue]) -> JSONValue {
        let chars = Array(input.utf8)
        var out: [UInt8] = []
        var checkpoint = 0
        var cursor = 0
        while cursor < chars.count {
            defer { cursor += 1 }
            guard chars[cursor] == UInt8(ascii: "$"), cursor + 1 < chars.count else { continue }
            out += chars[checkpoint..<cursor]
            let next = chars[cursor + 1]
            if next == UInt8(ascii: "$") {
                // `$$`: an escaped operator.
                out.append(next)
                cursor += 1
            } else if next == UInt8(ascii: "("), let close = chars[(cursor + 2)...].firstIndex(of: UInt8(ascii: ")")) {
                let name = String(decoding: chars[(cursor + 2)..<close], as: UTF8.self)
                let mapped = map(name, values)
                if close == chars.count - 1 && cursor == 0 { return mapped ?? .string(input) }
                out += Array((mapped.map(text) ?? "$(\(name))").utf8)
                cursor = close
            } else {
                // Not an expression: copy `$` and the next byte.
                out += [chars[cursor], next]
                cursor += 1
            }
            checkpoint = cursor + 1
        }
        if checkpoint < chars.count { out += chars[checkpoint...] }
        return .string(String(decoding: out, as: UTF8.self))
    }

    /// A var's value when it is a scalar (`MakePrimitiveReplacer`: maps and lists are treated
    /// as unknown).
    static func map(_ name: String, _ values: [String: JSONValue]) -> JSONValue? {
        guard let value = values[name] else { return nil }
        switch value {
        case .string, .int, .bool, .double: return value
        default: return nil
        }
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .double: return value.jsonString()
        default: return ""
        }
    }
}

/// Walks a `varReference` field spec the way kustomize's `fieldspec.Filter` does: lists met
/// along the path are walked element by element (the path has no `[]` for them, though a `[]`
/// suffix is accepted), missing fields end the walk, and nothing is created.
enum VarReferenceWalker {
    static func walk(_ value: inout JSONValue?, _ path: ArraySlice<String>, _ body: (inout JSONValue) throws -> Void) throws {
        guard var current = value, !current.isNull else { return }
        guard let head = path.first else {
            try body(&current)
            value = current
            return
        }
        switch current {
        case .array(var items):
            for i in items.indices {
                var item: JSONValue? = items[i]
                try walk(&item, path, body)
                items[i] = item ?? .null
            }
            value = .array(items)
        case .object(var map):
            let key = head.hasSuffix("[]") ? String(head.dropLast(2)) : head
            guard map[key] != nil else { return }
            var child = map[key]
            try walk(&child, path.dropFirst(), body)
            map[key] = child
            value = .object(map)
        default:
            return
        }
    }
}
