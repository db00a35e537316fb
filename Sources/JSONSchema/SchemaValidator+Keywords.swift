import GitOpsAPI

/// The keywords of each value type (`objValidate`, `arrValidate`, `strValidate`, `numValidate`
/// in the library), in its order.
extension SchemaValidator {
    mutating func validateObject(_ s: SchemaNode, _ object: JSONObject, _ visit: Visit, _ uneval: inout Uneval, _ errors: inout [SchemaValidationError]) {
        func fail(_ kind: SchemaValidationError.Kind) { errors.append(SchemaValidationError(instanceLocation: visit.location, kind: kind)) }
        if let min = s.minProperties, object.count < min { fail(.minProperties(got: object.count, want: min)) }
        if let max = s.maxProperties, object.count > max { fail(.maxProperties(got: object.count, want: max)) }
        let missing = s.required.filter { object[$0] == nil }
        if !missing.isEmpty { fail(.required(missing: missing)) }

        for (name, dependency) in s.dependencies where object[name] != nil {
            switch dependency {
            case .required(let names):
                let missing = names.filter { object[$0] == nil }
                if !missing.isEmpty { fail(.dependency(property: name, missing: missing)) }
            case .schema(let sub):
                if let e = validateSelf(sub, .object(object), visit, &uneval) { errors.append(e) }
            }
        }

        var additional: [String] = []
        for (name, member) in object {
            var evaluated = false
            if let sub = s.properties[name] {
                evaluated = true
                if let e = validateMember(sub, member, at: name, visit) { errors.append(e) }
            }
            for (regex, sub) in s.patternProperties where regex.matches(name) {
                evaluated = true
                if let e = validateMember(sub, member, at: name, visit) { errors.append(e) }
            }
            if !evaluated, let extra = s.additionalProperties {
                evaluated = true
                switch extra {
                case .bool(let allowed): if !allowed { additional.append(name) }
                case .schema(let sub):
                    if let e = validateMember(sub, member, at: name, visit) { errors.append(e) }
                }
            }
            if evaluated { uneval.props.remove(name) }
        }
        if !additional.isEmpty { fail(.additionalProperties(additional)) }
        if s.draft == 4 { return }

        if let names = s.propertyNames {
            // Each name is validated as a document of its own (so its errors sit at ''), and the
            // failure is reported as an invalid property name at '' too, as the library does.
            for name in object.keys {
                let fresh = Visit(location: [], chain: [], scope: [], segments: [])
                if let e = evaluate(names, .string(name), fresh, callerNeeds: false, segment: "").error {
                    let causes: [SchemaValidationError]
                    if case .group = e.kind { causes = e.causes } else { causes = [e] }
                    errors.append(SchemaValidationError(instanceLocation: [], kind: .propertyNames(property: name), causes: causes))
                }
            }
        }
        if s.draft == 6 { return }

        for (name, sub) in s.dependentSchemas where object[name] != nil {
            if let e = validateSelf(sub, .object(object), visit, &uneval) { errors.append(e) }
        }
        for (name, names) in s.dependentRequired where object[name] != nil {
            let missing = names.filter { object[$0] == nil }
            if !missing.isEmpty { fail(.dependentRequired(property: name, missing: missing)) }
        }
    }

    mutating func validateArray(_ s: SchemaNode, _ array: [JSONValue], _ visit: Visit, _ uneval: inout Uneval, _ errors: inout [SchemaValidationError]) {
        func fail(_ kind: SchemaValidationError.Kind, causes: [SchemaValidationError] = []) {
            errors.append(SchemaValidationError(instanceLocation: visit.location, kind: kind, causes: causes))
        }
        if let min = s.minItems, array.count < min { fail(.minItems(got: array.count, want: min)) }
        if let max = s.maxItems, array.count > max { fail(.maxItems(got: array.count, want: max)) }
        if s.uniqueItems && array.count > 1 {
            search: for i in 1..<array.count {
                for j in 0..<i where JSONNumber.equal(array[i], array[j]) {
                    fail(.uniqueItems(j, i))
                    break search
                }
            }
        }

        if s.draft < 2020 {
            var evaluated = 0
            switch s.items {
            case .schema(let sub)?:
                for (i, item) in array.enumerated() {
                    if let e = validateMember(sub, item, at: String(i), visit) { errors.append(e) }
                }
                evaluated = array.count
            case .tuple(let subs)?:
                evaluated = min(array.count, subs.count)
                for i in 0..<evaluated {
                    if let e = validateMember(subs[i], array[i], at: String(i), visit) { errors.append(e) }
                }
            case nil: break
            }
            switch s.additionalItems {
            case .bool(false)?:
                if evaluated != array.count { fail(.additionalItems(count: array.count - evaluated)) }
            case .schema(let sub)?:
                // The library numbers these items from 0 again; Helm prints that location.
                for (i, item) in array[evaluated...].enumerated() {
                    if let e = validateMember(sub, item, at: String(i), visit) { errors.append(e) }
                }
            default: break
            }
        } else {
            let evaluated = min(s.prefixItems.count, array.count)
            for i in 0..<evaluated {
                if let e = validateMember(s.prefixItems[i], array[i], at: String(i), visit) { errors.append(e) }
            }
            if let sub = s.items2020 {
                // Numbered from 0 again, as the library does.
                for (i, item) in array[evaluated...].enumerated() {
                    if let e = validateMember(sub, item, at: String(i), visit) { errors.append(e) }
                }
            }
        }

        if let contains = s.contains {
            var failures: [SchemaValidationError] = []
            var matched: [Int] = []
            for (i, item) in array.enumerated() {
                if let e = validateMember(contains, item, at: String(i), visit) {
                    failures.append(e)
                } else {
                    matched.append(i)
                    if s.draft >= 2020 { uneval.items.remove(i) }
                }
            }
            if let min = s.minContains {
                if matched.count < min { fail(.minContains(got: matched, want: min), causes: failures) }
            } else if matched.isEmpty {
                fail(.contains, causes: failures)
            }
            if let max = s.maxContains, matched.count > max { fail(.maxContains(got: matched, want: max)) }
        }
    }

    func validateString(_ s: SchemaNode, _ string: String, _ visit: Visit, _ errors: inout [SchemaValidationError]) {
        func fail(_ kind: SchemaValidationError.Kind) { errors.append(SchemaValidationError(instanceLocation: visit.location, kind: kind)) }
        let length = string.unicodeScalars.count  // utf8.RuneCount
        if let min = s.minLength, length < min { fail(.minLength(got: length, want: min)) }
        if let max = s.maxLength, length > max { fail(.maxLength(got: length, want: max)) }
        if let pattern = s.pattern, !pattern.matches(string) { fail(.pattern(got: string, want: pattern.source)) }
    }

    func validateNumber(_ s: SchemaNode, _ value: JSONValue, _ visit: Visit, _ errors: inout [SchemaValidationError]) {
        func fail(_ kind: SchemaValidationError.Kind) { errors.append(SchemaValidationError(instanceLocation: visit.location, kind: kind)) }
        let got = JSONNumber.double(value)
        if let m = s.minimum, JSONNumber.compare(value, m) < 0 { fail(.minimum(got: got, want: JSONNumber.double(m))) }
        if let m = s.maximum, JSONNumber.compare(value, m) > 0 { fail(.maximum(got: got, want: JSONNumber.double(m))) }
        if let m = s.exclusiveMinimum, JSONNumber.compare(value, m) <= 0 {
            fail(.exclusiveMinimum(got: got, want: JSONNumber.double(m)))
        }
        if let m = s.exclusiveMaximum, JSONNumber.compare(value, m) >= 0 {
            fail(.exclusiveMaximum(got: got, want: JSONNumber.double(m)))
        }
        if let m = s.multipleOf, !JSONNumber.isMultiple(value, of: m) { fail(.multipleOf(got: got, want: JSONNumber.double(m))) }
    }
}
