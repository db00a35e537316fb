import GitOpsAPI

/// Merging lists with a merge strategy (kyaml `walk/associative_sequence.go`). Elements are
/// matched on their merge-key values compared as text; with several keys (`listMapKeys`, e.g.
/// ports by `containerPort` and `protocol`) an element missing a key matches one that has it.
/// Merged elements are the target's, changed in place; the result lists the patch's elements
/// first, then the target's others — kustomize prints them in that order.
extension StrategicMerge {
    func walkAssociativeList(_ destIn: MergeNode?, _ origin: MergeNode?, schema: JSONValue, path: [String]) throws -> MergeNode? {
        guard let dest = try visitList(destIn, origin, path: path) else { return nil }
        let keys = OpenAPISchema.patchStrategy(schema)?.keys ?? []
        let values = elementValues([origin, dest], keys: keys)
        if !values.isEmpty || !keys.isEmpty {
            return try setElements(values, keys: keys, dest: dest, origin: origin, schema: schema, path: path)
        }
        // A set of scalars (`finalizers`): merged by value.
        var seen = Set<String>()
        var primitive: [[String]] = []
        for source in [origin, dest] {
            for item in source?.items ?? [] where seen.insert(item.text).inserted { primitive.append([item.text]) }
        }
        return try setElements(primitive, keys: [""], dest: dest, origin: origin, schema: schema, path: path)
    }

    func visitList(_ dest: MergeNode?, _ origin: MergeNode?, path: [String]) throws -> MergeNode? {
        if isMissingOrNull(dest) { return origin }
        if let origin, origin.isNull { return nil }
        guard let origin else { return dest }
        switch try directive(origin, path: path) {
        case "delete": return nil
        case "replace": return origin
        default: return dest
        }
    }

    /// Each element's merge-key values, patch first, without repeats.
    func elementValues(_ sources: [MergeNode?], keys: [String]) -> [[String]] {
        var out: [[String]] = []
        for source in sources {
            for item in source?.items ?? [] {
                let values = keys.map { key -> String in
                    guard item.kind == .map, let field = item.field(key), !field.isNilOrEmpty else { return "" }
                    return field.kind == .scalar ? field.text : ""
                }
                if values.isEmpty || out.contains(values) { continue }
                out.append(values)
            }
        }
        return out
    }

    func setElements(_ valuesIn: [[String]], keys: [String], dest: MergeNode, origin: MergeNode?, schema: JSONValue, path: [String]) throws -> MergeNode? {
        var valuesList = valuesIn
        let added = MergeNode(kind: .sequence)
        let elementSchema = self.schema.elements(schema)
        if keys.count > 1 { valuesList = Self.mergeValues(valuesList) }
        var validKeys: [String] = keys
        var validValues: [String] = []
        for values in valuesList where !values.isEmpty {
            (validKeys, validValues) = Self.validateKeys(valuesList, values, keys)
            let (k, v) = Self.validateKeys([validValues], validValues, validKeys)
            let destElement = ListOps.find(dest, keys: k, values: v)
            let originElement = origin.flatMap { ListOps.find($0, keys: k, values: v) }
            let value = try walk(destElement, originElement, schema: elementSchema, path: path + ["[\(v.joined(separator: ","))]"])
            if value == nil || value!.isNull || value!.isEmptyMap {
                // Deleted (or emptied) by the patch: drop it from the target.
                ListOps.set(dest, element: nil, keys: validKeys, values: validValues)
                continue
            }
            let merged = value!
            if merged.kind == .map {
                for (i, key) in validKeys.enumerated() where merged.field(key) == nil && !validValues[i].isEmpty {
                    merged.setField(key, MergeNode(Self.scalar(validValues[i])))
                }
            }
            ListOps.set(added, element: merged, keys: validKeys, values: validValues)
        }
        var result = dest
        if !valuesList.isEmpty { result = Self.appendList(added, dest, keys: validKeys) }
        return result.isNull ? nil : result
    }

    /// kyaml `appendListNode(itemsToBeAdded, dest)`: each target element is set into the new
    /// list — replacing its merged self, or (with several keys) moving to the end.
    static func appendList(_ dst: MergeNode, _ src: MergeNode, keys: [String]) -> MergeNode {
        for element in src.items {
            if keys.first ?? "" == "" {
                ListOps.set(dst, element: element, keys: [""], values: [element.text])
                continue
            }
            var values: [String] = []
            for key in keys {
                guard element.kind == .map, let field = element.field(key) else {
                    dst.items.append(element)
                    continue
                }
                values.append(field.kind == .scalar ? field.text : "")
            }
            if keys.count > 1 { ListOps.set(dst, element: nil, keys: keys, values: values) }
            ListOps.set(dst, element: element, keys: keys, values: values)
        }
        return dst
    }

    /// Unifies key tuples that agree where both have values (`[8080, ""]` with `[8080, TCP]`).
    static func mergeValues(_ input: [[String]]) -> [[String]] {
        var list = input
        for i in list.indices {
            let first = list[i]
            for j in list.indices {
                if let merged = match(first, list[j]) {
                    list[i] = merged
                    list[j] = merged
                }
            }
        }
        return list
    }

    static func match(_ a: [String], _ b: [String]) -> [String]? {
        guard a.count == b.count else { return nil }
        var common = false
        var out: [String] = []
        for i in a.indices {
            if a[i] == b[i] { common = true; out.append(a[i]); continue }
            if !a[i].isEmpty && !b[i].isEmpty { return nil }
            out.append(a[i].isEmpty ? b[i] : a[i])
        }
        return common ? out : nil
    }

    /// The keys some element has a value for, and this tuple's values for them.
    static func validateKeys(_ all: [[String]], _ values: [String], _ keys: [String]) -> ([String], [String]) {
        var used = Set<String>()
        for tuple in all { for (i, v) in tuple.enumerated() where !v.isEmpty && i < keys.count { used.insert(keys[i]) } }
        if used.isEmpty { return (keys, values) }
        let validKeys = keys.filter(used.contains)
        var validValues: [String] = []
        for (i, v) in values.enumerated() where !v.isEmpty || (i < keys.count && used.contains(keys[i])) { validValues.append(v) }
        return (validKeys, validValues)
    }

    static func scalar(_ text: String) -> JSONValue {
        if let i = Int(text) { return .int(i) }
        return .string(text)
    }
}

/// kyaml's element matchers and setter on a list node.
enum ListOps {
    /// The first element whose key fields equal the values (`MatchElementList`); key `""` matches
    /// scalar elements by value.
    static func find(_ list: MergeNode, keys: [String], values: [String]) -> MergeNode? {
        guard list.kind == .sequence else { return nil }
        if keys.isEmpty || keys[0].isEmpty {
            let wanted = values.first ?? ""
            return list.items.first { $0.kind == .scalar ? $0.text == wanted : wanted.isEmpty }
        }
        guard keys.count == values.count else { return nil }
        return list.items.first { item in
            guard item.kind == .map else { return false }
            for (key, value) in zip(keys, values) {
                guard let field = item.field(key), fieldText(field) == value else { return false }
            }
            return true
        }
    }

    static func fieldText(_ node: MergeNode) -> String { node.kind == .scalar && !node.isNull ? node.text : "" }

    /// kyaml `ElementSetter`: drops null and empty-map elements, replaces the elements matching
    /// the key values with `element` (or removes them when nil), appends it when none matched.
    static func set(_ list: MergeNode, element: MergeNode?, keys keysIn: [String], values: [String]) {
        let keys = keysIn.isEmpty ? [""] : keysIn
        let mappingSetter = !keys[0].isEmpty
        var content: [MergeNode] = []
        var found = false
        for item in list.items {
            if item.isNull || item.isEmptyMap { continue }
            if item.kind != .map && mappingSetter { content.append(item); continue }
            var matched = true
            var last: Bool? = nil
            for j in keys.indices {
                if j < values.count { last = fieldMatches(item, name: keys[j], value: values[j]) }
                if last != true { matched = false; break }
            }
            if !matched {
                if !values.isEmpty { content.append(item) }
                continue
            }
            found = true
            if let element { content.append(element) }
        }
        list.items = content
        guard let element, !element.isNull else { return }
        if !found { list.items.append(element) }
    }

    /// kyaml `FieldMatcher{Name, StringValue}`: an empty value only asks for the field.
    static func fieldMatches(_ item: MergeNode, name: String, value: String) -> Bool {
        if item.isNull { return false }
        if name.isEmpty { return item.kind == .scalar && item.text == value }
        guard item.kind == .map, let field = item.field(name) else { return false }
        return value.isEmpty || (field.kind == .scalar && field.text == value)
    }
}
