import GitOpsAPI

/// Validates an instance against compiled nodes in the library's order (`validator.go`):
/// boolean schema, reference cycle, `type`, `const`, `enum`, `format` (each of these stops at
/// its first failure), `$ref` (which alone decides before draft 2019-09), the keywords of the
/// value's type, `$recursiveRef`/`$dynamicRef`, `not`/`allOf`/`anyOf`/`oneOf`/`if`, and last
/// `unevaluatedProperties`/`unevaluatedItems`. Several failures at one schema become a group
/// ("validation failed") with the failures as causes.
struct SchemaValidator {
    let schema: JSONSchema

    init(schema: JSONSchema) { self.schema = schema }

    /// Where a schema is being applied: the value's location, the schemas applied to this same
    /// value on the way here (`chain`, to catch `$ref` cycles that consume nothing), and every
    /// schema on the way here (`scope`, searched by `$dynamicRef` and `$recursiveRef`).
    struct Visit {
        var location: [String]
        var chain: [Int]
        var scope: [Int]
        /// For each scope entry, the keyword path from its parent (`/properties/a`, `/$ref`):
        /// joined, the library's `kwLoc`.
        var segments: [String] = []
    }

    /// The keyword path from the current schema to `index`: the reference keyword when a
    /// reference was followed, else the difference of their locations.
    func segment(to index: Int, from visit: Visit, refKeyword: String? = nil) -> String {
        if let refKeyword { return "/" + JSONPointer.escape(refKeyword) }
        guard let parent = visit.scope.last else { return "" }
        let current = schema.nodes[index].location, parentLocation = schema.nodes[parent].location
        return current.hasPrefix(parentLocation) ? String(current.dropFirst(parentLocation.count)) : ""
    }

    /// The members and items of the value no keyword has evaluated yet (the library's `uneval`):
    /// tracked only when an `unevaluated*` keyword here or in a caller needs them.
    struct Uneval {
        var props: Set<String> = []
        var items: Set<Int> = []
        var isEmpty: Bool { props.isEmpty && items.isEmpty }

        init(_ value: JSONValue, _ s: SchemaNode, callerNeeds: Bool) {
            switch value {
            case .object(let o) where !s.allPropsEvaluated && (callerNeeds || s.unevaluatedProperties != nil):
                props = Set(o.keys)
            case .array(let a) where !s.allItemsEvaluated && (callerNeeds || s.unevaluatedItems != nil) && s.numItemsEvaluated < a.count:
                items = Set(s.numItemsEvaluated..<a.count)
            default: break
            }
        }

        /// What a passing subschema left unevaluated stays so only if this one did too.
        mutating func merge(_ other: Uneval) {
            props.formIntersection(other.props)
            items.formIntersection(other.items)
        }
    }

    /// A subschema applied to a member: a new value, so the cycle chain starts afresh.
    mutating func validateMember(_ index: Int, _ value: JSONValue, at token: String, _ visit: Visit) -> SchemaValidationError? {
        let member = Visit(location: visit.location + [token], chain: [], scope: visit.scope, segments: visit.segments)
        return evaluate(index, value, member, callerNeeds: false, segment: segment(to: index, from: visit)).error
    }

    /// A subschema applied to the same value (`validateSelf`): what it evaluated counts as
    /// evaluated here when it passes.
    mutating func validateSelf(
        _ index: Int, _ value: JSONValue, _ visit: Visit, _ uneval: inout Uneval, refKeyword: String? = nil
    ) -> SchemaValidationError? {
        let result = evaluate(index, value, visit, callerNeeds: !uneval.isEmpty, segment: segment(to: index, from: visit, refKeyword: refKeyword))
        if result.error == nil { uneval.merge(result.uneval) }
        return result.error
    }

    mutating func evaluate(
        _ index: Int, _ value: JSONValue, _ outer: Visit, callerNeeds: Bool, segment: String
    ) -> (error: SchemaValidationError?, uneval: Uneval) {
        let s = schema.nodes[index]
        var uneval = Uneval(value, s, callerNeeds: callerNeeds)
        func fail(_ kind: SchemaValidationError.Kind) -> (error: SchemaValidationError?, uneval: Uneval) {
            (SchemaValidationError(instanceLocation: outer.location, kind: kind), uneval)
        }
        if let b = s.bool { return b ? (nil, uneval) : fail(.falseSchema) }
        let visit = Visit(location: outer.location, chain: outer.chain + [index], scope: outer.scope + [index],
                          segments: outer.segments + [segment])
        if outer.chain.contains(index) {
            // `checkCycle`: the same schema again on the same value; both keyword paths named.
            let earlier = visit.scope.indices.dropLast().last { visit.scope[$0] == index }!
            let first = visit.segments[...earlier].joined(), second = visit.segments.joined()
            return fail(.refCycle(url: s.location, keywordLocation1: second, keywordLocation2: first))
        }

        if let types = s.types {
            let got = JSONNumber.typeName(value)
            let matched = types.contains(got) || (types.contains("integer") && got == "number" && JSONNumber.isInteger(value))
            if !matched { return fail(.type(got: got, want: types)) }
        }
        if let c = s.constValue, !JSONNumber.equal(value, c) { return fail(.const(want: c)) }
        if let e = s.enumValues {
            let sameType = e.contains { JSONNumber.typeName($0) == JSONNumber.typeName(value) }
            if !sameType || !e.contains(where: { JSONNumber.equal(value, $0) }) { return fail(.enumeration(want: e)) }
        }
        if let f = s.format, let reason = SchemaFormats.check(f, value) {
            return fail(.format(got: value, want: f, reason: reason))
        }

        var errors: [SchemaValidationError] = []
        if let ref = s.ref {
            let refError = validateRef(ref, "$ref", value, visit, &uneval)
            if s.draft < 2019 { return (refError, uneval) }
            if let refError { errors.append(refError) }
        }
        switch value {
        case .object(let o): validateObject(s, o, visit, &uneval, &errors)
        case .array(let a): validateArray(s, a, visit, &uneval, &errors)
        case .string(let str): validateString(s, str, visit, &errors)
        case .int, .double: validateNumber(s, value, visit, &errors)
        default: break
        }
        if s.draft >= 2019 { validateDynamicRefs(s, value, visit, &uneval, &errors) }
        validateConditions(s, value, visit, &uneval, &errors)
        if s.draft >= 2019 { validateUnevaluated(s, value, visit, &uneval, &errors) }

        switch errors.count {
        case 0: return (nil, uneval)
        case 1: return (errors[0], uneval)
        default: return (SchemaValidationError(instanceLocation: visit.location, kind: .group, causes: errors), uneval)
        }
    }

    /// `validateRef`: a failure under `$ref` is wrapped in a reference error (not printed when
    /// it has a single cause).
    mutating func validateRef(_ target: Int, _ keyword: String, _ value: JSONValue, _ visit: Visit, _ uneval: inout Uneval) -> SchemaValidationError? {
        guard let error = validateSelf(target, value, visit, &uneval, refKeyword: keyword) else { return nil }
        let causes: [SchemaValidationError]
        if case .group = error.kind { causes = error.causes } else { causes = [error] }
        return SchemaValidationError(
            instanceLocation: visit.location, kind: .reference(keyword: keyword, url: schema.nodes[target].location), causes: causes)
    }

    /// `$recursiveRef` (2019-09) and `$dynamicRef` (2020-12): the target is looked up in the
    /// dynamic scope, the outermost resource with the anchor winning (`resolveDynamicAnchor`).
    mutating func validateDynamicRefs(_ s: SchemaNode, _ value: JSONValue, _ visit: Visit, _ uneval: inout Uneval, _ errors: inout [SchemaValidationError]) {
        if var target = s.recursiveRef {
            if schema.nodes[target].recursiveAnchor {
                for entry in visit.scope.reversed() where schema.nodes[schema.nodes[entry].resource].recursiveAnchor { target = entry }
            }
            if let e = validateRef(target, "$recursiveRef", value, visit, &uneval) { errors.append(e) }
        }
        if let (initial, anchor) = s.dynamicRef {
            var target = initial
            if let anchor, schema.nodes[initial].dynamicAnchor == anchor {
                for entry in visit.scope.reversed() {
                    if let found = schema.nodes[schema.nodes[entry].resource].dynamicAnchors[anchor] { target = found }
                }
            }
            if let e = validateRef(target, "$dynamicRef", value, visit, &uneval) { errors.append(e) }
        }
    }

    /// `unevaluatedProperties` and `unevaluatedItems` apply to what no other keyword evaluated
    /// (members in the value's order, items by index; the library visits them in map order).
    mutating func validateUnevaluated(_ s: SchemaNode, _ value: JSONValue, _ visit: Visit, _ uneval: inout Uneval, _ errors: inout [SchemaValidationError]) {
        if case .object(let o) = value, let sub = s.unevaluatedProperties {
            for (name, member) in o where uneval.props.contains(name) {
                if let e = validateMember(sub, member, at: name, visit) { errors.append(e) }
            }
            uneval.props = []
        }
        if case .array(let a) = value, let sub = s.unevaluatedItems {
            for i in uneval.items.sorted() {
                if let e = validateMember(sub, a[i], at: String(i), visit) { errors.append(e) }
            }
            uneval.items = []
        }
    }

    mutating func validateConditions(_ s: SchemaNode, _ value: JSONValue, _ visit: Visit, _ uneval: inout Uneval, _ errors: inout [SchemaValidationError]) {
        func fail(_ kind: SchemaValidationError.Kind, _ causes: [SchemaValidationError] = []) {
            errors.append(SchemaValidationError(instanceLocation: visit.location, kind: kind, causes: causes))
        }
        if let not = s.not, validateSelf(not, value, visit, &uneval) == nil { fail(.not) }
        if !s.allOf.isEmpty {
            var failures: [SchemaValidationError] = []
            for sub in s.allOf { if let e = validateSelf(sub, value, visit, &uneval) { failures.append(e) } }
            if !failures.isEmpty { fail(.allOf, failures) }
        }
        if !s.anyOf.isEmpty {
            var failures: [SchemaValidationError] = []
            var matched = false
            for sub in s.anyOf {
                if let e = validateSelf(sub, value, visit, &uneval) {
                    failures.append(e)
                } else {
                    matched = true
                    if uneval.isEmpty { break }  // otherwise every branch is evaluated, for unevaluated*
                }
            }
            if !matched { fail(.anyOf, failures) }
        }
        if !s.oneOf.isEmpty {
            var matched: Int?
            var failures: [SchemaValidationError] = []
            for (i, sub) in s.oneOf.enumerated() {
                if let e = validateSelf(sub, value, visit, &uneval) {
                    if matched == nil { failures.append(e) }
                } else if let first = matched {
                    fail(.oneOf(matched: [first, i]))
                    break
                } else {
                    matched = i
                }
            }
            if matched == nil { fail(.oneOf(matched: nil), failures) }
        }
        if let condition = s.ifSchema {
            if validateSelf(condition, value, visit, &uneval) == nil {
                if let then = s.thenSchema, let e = validateSelf(then, value, visit, &uneval) { errors.append(e) }
            } else if let otherwise = s.elseSchema, let e = validateSelf(otherwise, value, visit, &uneval) {
                errors.append(e)
            }
        }
    }
}
