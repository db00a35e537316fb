import GoTemplate

extension TemplateFunctions {
    /// Sprig's dictionary functions (dict.go). Maps are shared references, as in Go: `set`
    /// changes the map it is given and returns it.
    static func addDicts(to table: inout FunctionTable) {
        table.add("dict") { a in
            var storage: [String: Value] = [:]
            storage.reserveCapacity(a.count / 2 + 1)
            var index = 0
            while index < a.count {
                let key = GoText.string(a[index])
                // An odd trailing key maps to "", as Sprig's dict does.
                storage[key] = index + 1 < a.count ? a[index + 1] : .string("")
                index += 2
            }
            return .map(GoMap(storage))
        }
        table.add("get") { a in
            try a.expect(2)
            let key = try a.string(1)
            return try a.map(0)?.storage[key] ?? .string("")
        }
        table.add("set") { a in
            try a.expect(3)
            guard let map = try a.map(0) else { throw FunctionError("assignment to entry in nil map") }
            map.storage[try a.string(1)] = a[2]
            return .map(map)
        }
        table.add("unset") { a in
            try a.expect(2)
            guard let map = try a.map(0) else { return .null }
            map.storage.removeValue(forKey: try a.string(1))
            return .map(map)
        }
        table.add("hasKey") { a in
            try a.expect(2)
            return .bool(try a.map(0)?.storage[try a.string(1)] != nil)
        }
        table.add("pluck") { a in
            try a.expect(atLeast: 1)
            let key = try a.string(0)
            var out: [Value] = []
            for index in 1..<a.count {
                if let value = try a.map(index)?.storage[key] { out.append(value) }
            }
            return .list(out)
        }
        table.add("keys") { a in
            // Go ranges a map in random order; sorted is one of the orders Go may produce, and
            // the one that keeps a rendering reproducible.
            var out: [String] = []
            for index in 0..<a.count { out += (try a.map(index)?.sortedKeys ?? []) }
            return .strings(out)
        }
        table.add("values") { a in
            try a.expect(1)
            guard let map = try a.map(0) else { return .list([]) }
            return .list(map.sortedKeys.map { map.storage[$0]! })
        }
        table.add("pick") { a in
            try a.expect(atLeast: 1)
            let source = try a.map(0)
            var storage: [String: Value] = [:]
            for index in 1..<a.count {
                let key = try a.string(index)
                if let value = source?.storage[key] { storage[key] = value }
            }
            return .map(GoMap(storage))
        }
        table.add("omit") { a in
            try a.expect(atLeast: 1)
            var omit = Set<String>()
            for index in 1..<a.count { omit.insert(try a.string(index)) }
            var storage = try a.map(0)?.storage ?? [:]
            for key in omit { storage.removeValue(forKey: key) }
            return .map(GoMap(storage))
        }
        for (name, overwrite) in [("merge", false), ("mustMerge", false), ("mergeOverwrite", true), ("mustMergeOverwrite", true)] {
            table.add(name) { a in
                try a.expect(atLeast: 1)
                // mergo makes a map for a nil destination (it is reached through a pointer).
                let destination = try a.map(0) ?? GoMap()
                for index in 1..<a.count {
                    guard let source = try a.map(index) else { continue }
                    mergeMaps(into: destination, from: source, overwrite: overwrite)
                }
                return .map(destination)
            }
        }
        for name in ["deepCopy", "mustDeepCopy"] {
            // copystructure.Copy(nil) is nil, without an error.
            table.add(name) { a in try a.expect(1); return deepCopy(a[0]) }
        }
        table.add("dig") { a in
            guard a.count >= 3 else { throw FunctionError("dig needs at least three arguments") }
            guard case .map(var map) = a[a.count - 1], map.namedType == nil else {
                throw conversionError(a[a.count - 1], "map[string]interface {}")
            }
            let fallback = a[a.count - 2]
            var keys: [String] = []
            for index in 0..<(a.count - 2) {
                guard case .string(let key) = a[index] else { throw conversionError(a[index], "string") }
                keys.append(key)
            }
            for (position, key) in keys.enumerated() {
                guard let step = map.storage[key] else { return fallback }
                if position == keys.count - 1 { return step }
                guard case .map(let next) = step else { throw conversionError(step, "map[string]interface {}") }
                map = next
            }
            return fallback
        }
    }

    /// The panic of a failed Go type assertion on an `interface{}` (`x.(map[string]interface{})`).
    private static func conversionError(_ value: Value, _ type: String) -> FunctionError {
        let actual: String
        switch value {
        case .missing, .null: actual = "nil"
        default: actual = GoText.typeName(value)
        }
        return FunctionError("interface conversion: interface {} is \(actual), not \(type)")
    }

    /// `mergo.Merge(&dst, src)` (with `WithOverride` when `overwrite`) on
    /// `map[string]interface{}`: nested maps merge in place; otherwise a key is taken from
    /// `source` when `destination` lacks it or holds an empty value, or always when
    /// overwriting (a nil in `source` then also replaces). Values are shared, not copied.
    static func mergeMaps(into destination: GoMap, from source: GoMap, overwrite: Bool) {
        for (key, sourceValue) in source.storage {
            let destinationValue = destination.storage[key]
            switch sourceValue {
            case .missing, .null:
                if overwrite { destination.storage[key] = .null }
                continue
            case .map(let sourceMap):
                if case .map(let destinationMap)? = destinationValue {
                    mergeMaps(into: destinationMap, from: sourceMap, overwrite: overwrite)
                    if !isEmpty(.map(destinationMap)) { continue }
                }
            case .list, .bytes:
                if let destinationValue, !isEmpty(destinationValue), !overwrite { continue }
                if overwrite { destination.storage[key] = sourceValue; continue }
            default:
                break
            }
            if overwrite || destinationValue == nil || isEmpty(destinationValue!) {
                destination.storage[key] = sourceValue
            }
        }
    }

    /// `copystructure.Copy`: maps and lists copied all the way down.
    static func deepCopy(_ value: Value) -> Value {
        switch value {
        case .missing: return .null
        case .list(let items): return .list(items.map(deepCopy))
        case .map(let map):
            // copystructure keeps the named type (a copy of `.Values` is a chartutil.Values).
            let copy = GoMap(map.storage.mapValues(deepCopy))
            copy.namedType = map.namedType
            return .map(copy)
        default: return value
        }
    }
}
