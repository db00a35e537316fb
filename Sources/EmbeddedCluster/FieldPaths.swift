import GitOpsAPI

/// Field sets of object content, and the structural operations server-side apply needs: which
/// fields a value sets, which changed, merging an applied configuration into the live object
/// and removing fields a manager gave up.
enum FieldPaths {
    /// The fields `value` sets, as the node for `value` itself (held in `field`).
    static func fieldSet(of value: JSONValue, field: String = "") -> FieldSet {
        switch value {
        case .object(let object) where !object.isEmpty:
            var set = FieldSet()
            for (key, child) in object { set.children[.field(key)] = fieldSet(of: child, field: key) }
            return set
        case .array(let items):
            let strategy = ListStrategy(field: field, lists: [items])
            guard strategy != .atomic else { return .leaf }
            var set = FieldSet()
            for item in items {
                guard let element = strategy.element(for: item) else { continue }
                var node = strategy == .set ? FieldSet.leaf : fieldSet(of: item, field: field)
                node.isMember = true  // the item's own existence: "." in fieldsV1
                set.children[element] = node
            }
            return set
        default:
            return .leaf
        }
    }

    /// The fields of `new` whose values differ from `old` (added or changed, not removed).
    static func changedFields(from old: JSONValue?, to new: JSONValue, field: String = "") -> FieldSet {
        guard let old else { return fieldSet(of: new, field: field) }
        if sameValue(old, new) { return FieldSet() }
        switch (old, new) {
        case (.object(let o), .object(let n)) where !n.isEmpty:
            var set = FieldSet()
            for (key, value) in n where !sameValue(o[key], value) {
                let changed = changedFields(from: o[key], to: value, field: key)
                if !changed.isEmpty { set.children[.field(key)] = changed }
            }
            return set
        case (.array(let o), .array(let n)):
            let strategy = ListStrategy(field: field, lists: [o, n])
            guard strategy != .atomic else { return .leaf }
            var set = FieldSet()
            for item in n {
                guard let element = strategy.element(for: item) else { continue }
                if let before = o.first(where: { strategy.element(for: $0) == element }) {
                    let changed = strategy == .set ? FieldSet() : changedFields(from: before, to: item, field: field)
                    if !changed.isEmpty { set.children[element] = changed }
                } else {
                    var node = strategy == .set ? FieldSet.leaf : fieldSet(of: item, field: field)
                    node.isMember = true
                    set.children[element] = node
                }
            }
            return set
        default:
            return .leaf
        }
    }

    /// `intent` merged into `live`: maps merge key by key, associative lists item by item (live
    /// items first, in their order, then new ones), everything else is replaced.
    static func merge(_ live: JSONValue, _ intent: JSONValue, field: String = "") -> JSONValue {
        switch (live, intent) {
        case (.object(var out), .object(let applied)):
            for (key, value) in applied {
                out[key] = out[key].map { merge($0, value, field: key) } ?? value
            }
            return .object(out)
        case (.array(let l), .array(let i)):
            let strategy = ListStrategy(field: field, lists: [l, i])
            switch strategy {
            case .atomic: return intent
            case .set: return .array(l + i.filter { !l.contains($0) })
            case .keyed:
                var out = l
                for item in i {
                    let element = strategy.element(for: item)
                    if let index = out.firstIndex(where: { strategy.element(for: $0) == element }) {
                        out[index] = merge(out[index], item, field: field)
                    } else {
                        out.append(item)
                    }
                }
                return .array(out)
            }
        default:
            return intent
        }
    }

    /// `value` without the fields in `removed`, except those `kept` (owned by someone else)
    /// still needs. Maps and lists emptied by the removal go too.
    static func removing(_ removed: FieldSet, keeping kept: FieldSet?, from value: JSONValue, field: String = "")
        -> JSONValue
    {
        switch value {
        case .object(var object):
            for (element, child) in removed.children {
                guard case .field(let key) = element, let current = object[key] else { continue }
                let keptChild = kept?.children[element]
                if child.isMember && (keptChild?.isEmpty ?? true) {
                    object[key] = nil
                } else if !child.children.isEmpty {
                    let rest = removing(child, keeping: keptChild, from: current, field: key)
                    object[key] = emptied(rest, was: current) && keptChild == nil ? nil : rest
                }
            }
            return .object(object)
        case .array(let items):
            let strategy = ListStrategy(field: field, lists: [items])
            guard strategy != .atomic else { return value }
            var out: [JSONValue] = []
            for item in items {
                guard let element = strategy.element(for: item), let child = removed.children[element] else {
                    out.append(item)
                    continue
                }
                let keptChild = kept?.children[element]
                if child.isMember && keptChild == nil { continue }
                out.append(child.children.isEmpty ? item : removing(child, keeping: keptChild, from: item, field: field))
            }
            return .array(out)
        default:
            return value
        }
    }

    private static func emptied(_ value: JSONValue, was before: JSONValue) -> Bool {
        switch (value, before) {
        case (.object(let now), .object(let then)): return now.isEmpty && !then.isEmpty
        case (.array(let now), .array(let then)): return now.isEmpty && !then.isEmpty
        default: return false
        }
    }

    /// The value at a field path, or nil when the path does not exist in `value`.
    static func value(at path: [PathElement], in value: JSONValue) -> JSONValue? {
        var current: JSONValue? = value
        for element in path {
            switch element {
            case .field(let name): current = current?[name]
            case .key(let key):
                let fields = key.objectValue ?? [:]
                current = current?.arrayValue?.first { item in fields.allSatisfy { sameValue(item[$0.key], $0.value) } }
            case .value(let member):
                current = current?.arrayValue?.first { sameValue($0, member) }
            }
        }
        return current
    }
}
