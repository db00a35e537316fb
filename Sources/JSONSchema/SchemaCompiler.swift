import Foundation
import GitOpsAPI

/// Compiles schema documents into `SchemaNode`s, keyword by keyword per draft, the way the
/// library's `objcompiler.go` does (which keywords each draft knows, `$ref` hiding its siblings
/// before 2019-09, `{}` as `true`, draft-04's boolean `exclusiveMinimum`/`exclusiveMaximum`).
struct SchemaCompiler {
    var documents: [String: JSONValue] = [:]
    var drafts: [String: Int] = [:]
    /// Resource URL → where it is.
    var resources: [String: Place] = [:]
    var resourceRoots: Set<String> = []
    var anchors: [String: Place] = [:]
    /// Resource base URL → its dynamic anchors.
    var dynamicAnchors: [String: [String: Place]] = [:]
    var bases: [String: String] = [:]
    /// Whether `format` is asserted whatever the draft (the library's `AssertFormat`, which it
    /// turns on for metaschemas only).
    let assertFormat: Bool

    var nodes: [SchemaNode] = []
    var indexByPlace: [String: Int] = [:]
    var pending: [(Int, Place)] = []

    init(assertFormat: Bool) { self.assertFormat = assertFormat }

    mutating func compile(url: String) throws -> Int {
        let root = enqueue(Place(document: url, pointer: []))
        while let (index, place) = pending.popLast() {
            nodes[index] = try compileNode(at: place, index: index)
        }
        return root
    }

    mutating func enqueue(_ place: Place) -> Int {
        if let i = indexByPlace[place.key] { return i }
        let i = nodes.count
        nodes.append(SchemaNode(location: location(place), draft: drafts[place.document] ?? 2020))
        indexByPlace[place.key] = i
        pending.append((i, place))
        return i
    }

    /// `urlPtr.String()`: the document URL, `#`, and the percent-encoded pointer.
    func location(_ place: Place) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        let encoded = place.pointer.map { JSONPointer.escape($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? $0 }
        return place.document + "#" + encoded.map { "/" + $0 }.joined()
    }

    mutating func compileNode(at place: Place, index: Int) throws -> SchemaNode {
        let draft = drafts[place.document] ?? 2020
        var node = SchemaNode(location: location(place), draft: draft)
        guard let document = documents[place.document], let value = JSONPointer.lookup(document, place.pointer) else {
            throw JSONSchemaError("json-pointer in \"\(node.location)\" not found")
        }
        let resourcePlace = resourceRoot(of: place)
        node.resource = resourcePlace == place ? index : enqueue(resourcePlace)
        if resourcePlace == place, draft >= 2020 {
            let base = base(at: place)
            for (name, anchorPlace) in dynamicAnchors[base] ?? [:] { node.dynamicAnchors[name] = enqueue(anchorPlace) }
        }
        switch value {
        case .bool(let b):
            node.bool = b
        case .object(let o) where o.isEmpty:
            node.bool = true
        case .object(let object):
            try compileObject(object, at: place, draft: draft, into: &node)
        default:
            throw JSONSchemaError("\"\(node.location)\" is not valid against metaschema: a schema must be an object or a boolean")
        }
        node.allPropsEvaluated = node.additionalProperties != nil
        if draft < 2020 {
            node.allItemsEvaluated = node.additionalItems != nil
            switch node.items {
            case .schema?: node.allItemsEvaluated = true
            case .tuple(let subs)?: node.numItemsEvaluated = subs.count
            case nil: break
            }
        } else {
            node.allItemsEvaluated = node.items2020 != nil
            node.numItemsEvaluated = node.prefixItems.count
        }
        return node
    }

    /// `newTypes`: the named types, kept in the library's fixed order.
    static func types(_ value: JSONValue) -> [String]? {
        let order = ["null", "boolean", "number", "integer", "string", "array", "object"]
        var named: Set<String> = []
        if let s = value.stringValue { named.insert(s) }
        for item in value.arrayValue ?? [] { if let s = item.stringValue { named.insert(s) } }
        let result = order.filter(named.contains)
        return result.isEmpty ? nil : result
    }
}
