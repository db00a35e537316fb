import GitOpsAPI

/// Reading each keyword into the node (`compileDraft4` … `compileDraft2020` in the library).
extension SchemaCompiler {
    mutating func compileObject(_ o: JSONObject, at place: Place, draft: Int, into s: inout SchemaNode) throws {
        func child(_ tokens: String...) -> Place { Place(document: place.document, pointer: place.pointer + tokens) }
        func sub(_ key: String) -> Int? { o[key] == nil ? nil : enqueue(child(key)) }
        func subs(_ key: String) -> [Int] {
            guard let a = o[key]?.arrayValue else { return [] }
            return a.indices.map { enqueue(child(key, String($0))) }
        }
        func subMap(_ key: String) -> [(String, Int)] {
            guard let m = o[key]?.objectValue else { return [] }
            return m.keys.map { ($0, enqueue(child(key, $0))) }
        }
        func additional(_ key: String) -> SchemaNode.Additional? {
            if case .bool(let b)? = o[key] { return .bool(b) }
            return sub(key).map { .schema($0) }
        }
        func number(_ key: String) -> JSONValue? {
            switch o[key] {
            case .int?, .double?: return o[key]
            default: return nil
            }
        }
        func integer(_ key: String) -> Int? { number(key).flatMap(JSONNumber.exactInt) }
        func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }

        // core: $ref (before 2019-09 every sibling but const/contains/propertyNames/if is ignored)
        if let ref = o["$ref"]?.stringValue {
            s.ref = enqueue(try resolve(ref: ref, at: place))
        }
        let refOnly = s.ref != nil && draft < 2019
        if !refOnly {
            // applicator
            s.allOf = subs("allOf")
            s.anyOf = subs("anyOf")
            s.oneOf = subs("oneOf")
            s.not = sub("not")
            if draft < 2020, let items = o["items"] {
                if items.arrayValue != nil {
                    s.items = .tuple(subs("items"))
                    s.additionalItems = additional("additionalItems")
                } else {
                    s.items = sub("items").map { .schema($0) }
                }
            }
            s.properties = Dictionary(subMap("properties"), uniquingKeysWith: { a, _ in a })
            for (pattern, index) in subMap("patternProperties") {
                s.patternProperties.append((try GoRegex(pattern), index))
            }
            s.additionalProperties = additional("additionalProperties")
            if let deps = o["dependencies"]?.objectValue {
                for (name, dep) in deps {
                    if dep.arrayValue != nil {
                        s.dependencies.append((name, .required(strings(dep))))
                    } else {
                        s.dependencies.append((name, .schema(enqueue(child("dependencies", name)))))
                    }
                }
            }
            // validation
            if let t = o["type"] { s.types = SchemaCompiler.types(t) }
            if let e = o["enum"]?.arrayValue { s.enumValues = e }
            s.multipleOf = number("multipleOf")
            s.maximum = number("maximum")
            if case .bool(true)? = o["exclusiveMaximum"] {
                s.exclusiveMaximum = s.maximum
                s.maximum = nil
            } else {
                s.exclusiveMaximum = number("exclusiveMaximum")
            }
            s.minimum = number("minimum")
            if case .bool(true)? = o["exclusiveMinimum"] {
                s.exclusiveMinimum = s.minimum
                s.minimum = nil
            } else {
                s.exclusiveMinimum = number("exclusiveMinimum")
            }
            s.minLength = integer("minLength")
            s.maxLength = integer("maxLength")
            if let p = o["pattern"]?.stringValue { s.pattern = try GoRegex(p) }
            s.minItems = integer("minItems")
            s.maxItems = integer("maxItems")
            if case .bool(true)? = o["uniqueItems"] { s.uniqueItems = true }
            s.maxProperties = integer("maxProperties")
            s.minProperties = integer("minProperties")
            if o["required"]?.arrayValue != nil { s.required = strings(o["required"]) }
            // format: asserted before 2019-09 only (Helm never calls AssertFormat)
            if assertFormat || draft < 2019, let f = o["format"]?.stringValue, SchemaFormats.known(f) { s.format = f }
        }
        if draft >= 6 {
            s.contains = sub("contains")
            s.propertyNames = sub("propertyNames")
            if let c = o["const"] { s.constValue = c }
        }
        if draft >= 7, o["if"] != nil {
            s.ifSchema = sub("if")
            let b = o["if"]?.boolValue
            if b == nil || b == true { s.thenSchema = sub("then") }
            if b == nil || b == false { s.elseSchema = sub("else") }
        }
        if draft >= 2019 {
            if let ref = o["$recursiveRef"]?.stringValue { s.recursiveRef = enqueue(try resolve(ref: ref, at: place)) }
            if case .bool(true)? = o["$recursiveAnchor"] { s.recursiveAnchor = true }
            if s.contains != nil {
                s.minContains = integer("minContains")
                s.maxContains = integer("maxContains")
            }
            if let m = o["dependentRequired"]?.objectValue {
                for (name, value) in m where value.arrayValue != nil { s.dependentRequired.append((name, strings(value))) }
            }
            s.dependentSchemas = subMap("dependentSchemas")
            s.unevaluatedItems = sub("unevaluatedItems")
            s.unevaluatedProperties = sub("unevaluatedProperties")
        }
        if draft >= 2020 {
            if let ref = o["$dynamicRef"]?.stringValue {
                let target = enqueue(try resolve(ref: ref, at: place))
                let fragment = SchemaCompiler.splitFragment(ref).fragment
                let anchor = fragment.isEmpty || fragment.hasPrefix("/") ? nil : fragment
                s.dynamicRef = (target, anchor)
            }
            s.dynamicAnchor = o["$dynamicAnchor"]?.stringValue
            s.prefixItems = subs("prefixItems")
            s.items2020 = sub("items")
        }
    }
}
