import GitOpsAPI

/// Walks a field-spec path the way kustomize's `filters/fieldspec` does, for the namespace,
/// prefix/suffix and name-reference steps: paths are written without list markers
/// (`spec/template/spec/containers/env/valueFrom/configMapKeyRef/name`), so every list met on
/// the way is walked element by element; a `[]` suffix is accepted too; `\/` escapes a slash in a
/// key (`metadata/annotations/nginx.ingress.kubernetes.io\/auth-secret`).
enum FieldPathWalker {
    /// kyaml's `PathSplitter`: split on `/`, a leading `/` ignored, `\/` kept in the key.
    static func split(_ path: String) -> [String] {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1 && parts[0].isEmpty { parts.removeFirst() }
        var result: [String] = []
        for part in parts {
            if let last = result.last, last.hasSuffix("\\") {
                result[result.count - 1] = String(last.dropLast()) + "/" + part
            } else {
                result.append(part)
            }
        }
        return result
    }

    /// Calls `body` with the value at `spec`'s path in `object` when the spec's kind, group and
    /// version match the object. `body` gets nil only for a leaf that `create` asks to make.
    static func visit(_ spec: FieldSpec, in object: inout KubeObject, _ body: (inout JSONValue?) throws -> Void) rethrows {
        guard spec.matches(object) else { return }
        var root: JSONValue? = object.body
        try walk(&root, split(spec.path)[...], create: spec.create, body)
        if let root { object.body = root }
    }

    static func walk(_ value: inout JSONValue?, _ path: ArraySlice<String>, create: Bool, _ body: (inout JSONValue?) throws -> Void) rethrows {
        guard let head = path.first else {
            try body(&value)
            return
        }
        switch value {
        case .array(var items)?:
            // A list: the same path applies to each element (paths carry no list parts).
            value = nil
            for i in items.indices {
                var item: JSONValue? = items[i]
                try walk(&item, path, create: create, body)
                items[i] = item ?? .null
            }
            value = .array(items)
        case .object(var map)?:
            let isSeq = head.hasSuffix("[]")
            let key = isSeq ? String(head.dropLast(2)) : head
            var child = map[key]
            if child == nil || child == .null {
                // Created only when asked, and never where the path expects a list.
                guard create && !isSeq else { return }
                if path.count > 1 { child = .object([:]) } else { child = nil }
            }
            value = nil
            try walk(&child, path.dropFirst(), create: create, body)
            if let child { map[key] = child }
            value = .object(map)
        default:
            return
        }
    }
}
