import Foundation
import GitOpsAPI

/// Documents, drafts and resources: which draft a document uses, where `$id`s start resources
/// with new base URLs, where anchors point, and how a `$ref` resolves (the library's `roots.go`,
/// `root.go` and `draft.go`). Only the schema itself and the embedded metaschemas are known;
/// anything else a `$ref` names is refused, never loaded.
extension SchemaCompiler {
    /// A place in a document: the document's URL and a JSON pointer into it.
    struct Place: Hashable {
        var document: String
        var pointer: [String]
        var key: String { document + "#" + JSONPointer.string(pointer) }
    }

    /// `draftFromURL`: the metaschema URLs the library knows (http or https, empty fragment).
    static func draft(fromSchemaURL url: String) -> Int? {
        var u = url
        if let hash = u.firstIndex(of: "#") {
            guard u[u.index(after: hash)...].isEmpty else { return nil }
            u = String(u[..<hash])
        }
        if u.hasPrefix("http://") { u.removeFirst(7) } else if u.hasPrefix("https://") { u.removeFirst(8) }
        switch u {
        case "json-schema.org/schema", "json-schema.org/draft/2020-12/schema": return 2020
        case "json-schema.org/draft/2019-09/schema": return 2019
        case "json-schema.org/draft-07/schema": return 7
        case "json-schema.org/draft-06/schema": return 6
        case "json-schema.org/draft-04/schema": return 4
        default: return nil
        }
    }

    /// The draft a document declares with `$schema`, or the latest.
    static func draft(of document: JSONValue, url: String) throws -> Int {
        guard let declared = document["$schema"] else { return 2020 }
        guard let s = declared.stringValue else {
            throw JSONSchemaError("invalid $schema in \"\(url)#\": $schema must be a string")
        }
        if let d = draft(fromSchemaURL: s) { return d }
        // A custom metaschema would have to be loaded to learn its draft.
        throw JSONSchemaError(
            "failing loading \"\(s)\": $schema names no draft we know (draft-04, -06, -07, 2019-09, 2020-12) and gitops loads no other metaschema")
    }

    /// RFC 3986 reference resolution (Go's `url.ResolveReference`).
    static func join(_ base: String, _ reference: String) -> String {
        if reference.isEmpty { return base }
        guard let baseURL = URL(string: base), let resolved = URL(string: reference, relativeTo: baseURL) else {
            return reference
        }
        return resolved.absoluteString
    }

    static func splitFragment(_ s: String) -> (url: String, fragment: String) {
        guard let hash = s.firstIndex(of: "#") else { return (s, "") }
        let fragment = String(s[s.index(after: hash)...])
        return (String(s[..<hash]), fragment.removingPercentEncoding ?? fragment)
    }

    /// Adds a document under `url` and records its resources and anchors.
    mutating func addDocument(_ document: JSONValue, url: String) throws {
        documents[url] = document
        drafts[url] = try SchemaCompiler.draft(of: document, url: url)
        resources[url] = Place(document: url, pointer: [])
        resourceRoots.insert(Place(document: url, pointer: []).key)
        collectResources(document, at: Place(document: url, pointer: []), base: url, draft: drafts[url]!)
    }

    /// The document at `url`: one already added, or an embedded metaschema.
    mutating func ensureDocument(_ url: String) throws {
        if documents[url] != nil { return }
        if let text = Metaschemas.document(url), let document = try? JSONValue.parse(json: text) {
            try addDocument(document, url: url)
            return
        }
        throw JSONSchemaError(
            "failing loading \"\(url)\": gitops does not load schemas from outside values.schema.json "
                + "(Helm would read that file or fetch that URL); inline it under $defs and refer to it with \"#/$defs/…\"")
    }

    mutating func collectResources(_ value: JSONValue, at place: Place, base: String, draft: Int) {
        switch value {
        case .object(let object):
            var base = base
            let idKey = draft == 4 ? "id" : "$id"
            let refSuppressesID = draft < 2019 && object["$ref"] != nil
            if !refSuppressesID, let id = object[idKey]?.stringValue {
                let (idURL, fragment) = SchemaCompiler.splitFragment(id)
                if !idURL.isEmpty {
                    base = SchemaCompiler.join(base, idURL)
                    if resources[base] == nil { resources[base] = place }
                    resourceRoots.insert(place.key)
                }
                if draft < 2019 && !fragment.isEmpty { anchors[base + "#" + fragment] = place }
            }
            if draft >= 2019 {
                if let anchor = object["$anchor"]?.stringValue { anchors[base + "#" + anchor] = place }
                if let anchor = object["$dynamicAnchor"]?.stringValue {
                    anchors[base + "#" + anchor] = place
                    dynamicAnchors[base, default: [:]][anchor] = place
                }
            }
            bases[place.key] = base
            for (key, child) in object where !["enum", "const", "default", "examples"].contains(key) {
                collectResources(child, at: Place(document: place.document, pointer: place.pointer + [key]), base: base, draft: draft)
            }
        case .array(let array):
            for (i, child) in array.enumerated() {
                collectResources(child, at: Place(document: place.document, pointer: place.pointer + [String(i)]), base: base, draft: draft)
            }
        default: break
        }
    }

    /// The base URL in effect at `place`.
    func base(at place: Place) -> String {
        var p = place
        while true {
            if let b = bases[p.key] { return b }
            if p.pointer.isEmpty { return p.document }
            p.pointer.removeLast()
        }
    }

    /// The resource (document root or `$id` subschema) that contains `place`.
    func resourceRoot(of place: Place) -> Place {
        var p = place
        while !p.pointer.isEmpty && !resourceRoots.contains(p.key) { p.pointer.removeLast() }
        return p
    }

    /// Resolves a reference written at `place` to the place of its target.
    mutating func resolve(ref: String, at place: Place) throws -> Place {
        let (refURL, fragment) = SchemaCompiler.splitFragment(ref)
        let base = base(at: place)
        let url = refURL.isEmpty ? base : SchemaCompiler.join(base, refURL)
        if resources[url] == nil { try ensureDocument(url) }
        let resource = resources[url]!
        if fragment.isEmpty || fragment.hasPrefix("/") {
            guard let tokens = JSONPointer.tokens(fragment) else {
                throw JSONSchemaError("invalid json-pointer \"\(url)#\(fragment)\"")
            }
            let target = Place(document: resource.document, pointer: resource.pointer + tokens)
            guard let document = documents[target.document], JSONPointer.lookup(document, target.pointer) != nil else {
                throw JSONSchemaError("json-pointer in \"\(url)#\(fragment)\" not found")
            }
            return target
        }
        guard let target = anchors[url + "#" + fragment] else {
            throw JSONSchemaError("anchor in \"\(url)#\(fragment)\" not found")
        }
        return target
    }
}
