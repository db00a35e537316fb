import GoTemplate

extension TemplateFunctions {
    /// Sprig's list functions (list.go). Each takes any slice through reflection and returns a
    /// new `[]interface{}`; a non-slice is an error (`Cannot find first on type string`), the same
    /// for the panicking and the `must…` variants, since Go's template recovers the panic.
    static func addLists(to table: inout FunctionTable) {
        for name in ["list", "tuple"] { table.add(name) { a in .list(a.values) } }
        for name in ["append", "push", "mustAppend", "mustPush"] {
            table.add(name) { a in
                try a.expect(2)
                return .list(try elements(a[0], "Cannot push on type")) + [a[1]]
            }
        }
        for name in ["prepend", "mustPrepend"] {
            table.add(name) { a in
                try a.expect(2)
                return .list([a[1]] + (try elements(a[0], "Cannot prepend on type")))
            }
        }
        for name in ["first", "mustFirst"] {
            table.add(name) { a in try a.expect(1); return try elements(a[0], "Cannot find first on type").first ?? .null }
        }
        for name in ["last", "mustLast"] {
            table.add(name) { a in try a.expect(1); return try elements(a[0], "Cannot find last on type").last ?? .null }
        }
        for name in ["rest", "mustRest"] {
            table.add(name) { a in try a.expect(1); return .list(Array(try elements(a[0], "Cannot find rest on type").dropFirst())) }
        }
        for name in ["initial", "mustInitial"] {
            table.add(name) { a in try a.expect(1); return .list(Array(try elements(a[0], "Cannot find initial on type").dropLast())) }
        }
        for name in ["reverse", "mustReverse"] {
            table.add(name) { a in try a.expect(1); return .list(try elements(a[0], "Cannot find reverse on type").reversed()) }
        }
        for name in ["compact", "mustCompact"] {
            table.add(name) { a in try a.expect(1); return .list(try elements(a[0], "Cannot compact on type").filter { !isEmpty($0) }) }
        }
        for name in ["uniq", "mustUniq"] {
            table.add(name) { a in
                try a.expect(1)
                var out: [Value] = []
                for item in try elements(a[0], "Cannot find uniq on type") where !out.contains(where: { deepEqual($0, item) }) {
                    out.append(item)
                }
                return .list(out)
            }
        }
        for name in ["without", "mustWithout"] {
            table.add(name) { a in
                try a.expect(atLeast: 1)
                let omit = Array(a.values.dropFirst())
                return .list(try elements(a[0], "Cannot find without on type").filter { item in
                    !omit.contains(where: { deepEqual($0, item) })
                })
            }
        }
        for name in ["has", "mustHas"] {
            table.add(name) { a in
                try a.expect(2)
                switch a[1] {
                case .missing, .null: return .bool(false)
                default: return .bool(try elements(a[1], "Cannot find has on type").contains { deepEqual(a[0], $0) })
                }
            }
        }
        for name in ["slice", "mustSlice"] {
            table.add(name) { a in
                try a.expect(atLeast: 1)
                let items = try elements(a[0], "list should be type of slice or array but", separator: " ")
                if items.isEmpty { return .null }
                let start = a.count > 1 ? Cast.toInt64(a[1]) : 0
                let end = a.count > 2 ? Cast.toInt64(a[2]) : items.count
                guard start >= 0, end <= items.count, start <= end else {
                    throw FunctionError("reflect.Value.Slice: slice index out of bounds")
                }
                if case .bytes(let bytes) = a[0] { return .bytes(Array(bytes[start..<end])) }
                return .list(Array(items[start..<end]))
            }
        }
        table.add("concat") { a in
            var out: [Value] = []
            for list in a.values {
                guard let items = Arguments.slice(list) else {
                    throw FunctionError("Cannot concat type \(try Arguments.kindForError(list)) as list")
                }
                out += items
            }
            return .list(out)
        }
        for name in ["chunk", "mustChunk"] {
            table.add(name) { a in
                try a.expect(2)
                let size = try a.int(0)
                let items = try elements(a[1], "Cannot chunk type")
                guard size > 0 else { throw FunctionError("runtime error: integer divide by zero") }
                var out: [Value] = []
                // Sprig makes floor((len-1)/size)+1 chunks: none for an empty list.
                var index = 0
                while index < items.count {
                    out.append(.list(Array(items[index..<min(index + size, items.count)])))
                    index += size
                }
                return .list(out)
            }
        }
    }

    /// The elements of a slice argument, or Sprig's error naming the argument's kind.
    static func elements(_ value: Value, _ message: String, separator: String = " ") throws(FunctionError) -> [Value] {
        if let items = Arguments.slice(value) { return items }
        throw FunctionError(message + separator + (try Arguments.kindForError(value)))
    }

    /// `reflect.DeepEqual` on template values: same type and same contents (an int never
    /// equals a float64).
    static func deepEqual(_ x: Value, _ y: Value) -> Bool {
        switch (x, y) {
        case (.missing, .missing), (.null, .null), (.missing, .null), (.null, .missing): return true
        case (.bool(let p), .bool(let q)): return p == q
        case (.int(let p), .int(let q)): return p == q
        case (.float(let p), .float(let q)): return p == q
        case (.string(let p), .string(let q)): return p == q
        case (.bytes(let p), .bytes(let q)): return p == q
        case (.list(let p), .list(let q)):
            return p.count == q.count && zip(p, q).allSatisfy { deepEqual($0, $1) }
        case (.map(let p), .map(let q)):
            if p === q { return true }
            guard p.count == q.count else { return false }
            for (key, value) in p.storage {
                guard let other = q.storage[key], deepEqual(value, other) else { return false }
            }
            return true
        case (.object(let p), .object(let q)):
            return p.goTypeName == q.goTypeName && p.goFormatted == q.goFormatted
        default: return false
        }
    }
}

private func + (lhs: Value, rhs: [Value]) -> Value {
    if case .list(let items) = lhs { return .list(items + rhs) }
    return lhs
}
