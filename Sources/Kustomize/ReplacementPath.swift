import Foundation
import GitOpsAPI

/// kustomize's dotted field paths (kyaml): `spec.template.spec.containers.[name=app].image`,
/// `spec.ports.0.port`, `metadata.annotations.a\.b` (an escaped dot), `*` for every element.
/// `lookup` reads one value the way `yaml.Lookup` does (sources, vars); `match` finds every
/// target the way `yaml.PathMatcher` does, creating missing parts when asked (targets).
enum ReplacementPath {
    enum Step: Hashable { case key(String), index(Int) }

    /// `SmarterPathSplitter`: splits on `.`, keeping `\.` and dots inside `[a=b.c]` together;
    /// with `sliceIndexes`, `ports[0]` becomes `ports`, `0` (`convertSliceIndex`, vars only).
    static func split(_ path: String, sliceIndexes: Bool = false) -> [String] {
        var raw = path.components(separatedBy: ".")
        if raw.count > 1 && raw[0].isEmpty { raw.removeFirst() }
        var parts: [String] = []
        for piece in raw {
            if let last = parts.last, last.hasSuffix("\\") {
                parts[parts.count - 1] = String(last.dropLast()) + "." + piece
            } else {
                parts.append(piece)
            }
        }
        var result: [String] = []
        var i = 0
        while i < parts.count {
            let part = parts[i]
            if part.hasPrefix("[") && !part.hasSuffix("]") {
                var bracketed = [part]
                while i < parts.count - 1 {
                    i += 1
                    bracketed.append(parts[i])
                    if parts[i].hasSuffix("]") { break }
                }
                let joined = bracketed.joined(separator: ".")
                result.append(joined.contains("=") ? joined : joined.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
            } else {
                result.append(part)
            }
            i += 1
        }
        guard sliceIndexes else { return result }
        return result.flatMap { part -> [String] in
            guard part.hasSuffix("]"), let open = part.lastIndex(of: "["),
                  let _ = Int(part[part.index(after: open)..<part.index(before: part.endIndex)]),
                  part[part.index(after: open)..<part.index(before: part.endIndex)].allSatisfy(\.isNumber)
            else { return [part] }
            let name = String(part[..<open])
            let index = String(part[part.index(after: open)..<part.index(before: part.endIndex)])
            return name.isEmpty ? [index] : [name, index]
        }
    }

    /// `[name=value]` → ("name", "value"); `[=value]` matches a scalar element.
    static func listMatch(_ part: String) -> (field: String, value: String)? {
        guard part.hasPrefix("["), part.hasSuffix("]") else { return nil }
        let inner = part.dropFirst().dropLast()
        guard let eq = inner.firstIndex(of: "=") else { return nil }
        return (String(inner[..<eq]), String(inner[inner.index(after: eq)...]))
    }

    /// The scalar text of a value as kyaml holds it (`yaml.GetValue`).
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .double: return value.jsonString()
        default: return ""
        }
    }

    /// `yaml.Lookup`: one value, or nil when any part is missing (list matches are exact).
    static func lookup(_ root: JSONValue, _ parts: [String]) -> JSONValue? {
        var current = root
        for part in parts where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            if current.isNull { return nil }
            if let index = Int(part), index >= 0 {
                guard let items = current.arrayValue, index < items.count else { return nil }
                current = items[index]
            } else if part == "-" {
                guard let last = current.arrayValue?.last else { return nil }
                current = last
            } else if let (field, value) = listMatch(part) {
                guard let items = current.arrayValue,
                      let found = items.first(where: { item in
                          field.isEmpty ? text(item) == value && item.objectValue == nil : item[field].map(text) == value
                      })
                else { return nil }
                current = found
            } else {
                guard let map = current.objectValue, let next = map[part] else { return nil }
                current = next
            }
        }
        return current
    }
}

/// `yaml.PathMatcher` over a document: the locations of every field a target path names.
struct ReplacementMatcher {
    /// Kind of the leaf to create when missing (`options.create`); nil: never create.
    enum Kind { case scalar, map, list }
    var create: Kind?

    struct Failure: Error { var message: String }

    /// Every location matched (with missing parts created in `root` when `create` is set).
    func match(_ root: inout JSONValue, _ path: [String]) throws -> [[ReplacementPath.Step]] {
        var found: [[ReplacementPath.Step]] = []
        try walk(&root, path[...], [], &found)
        return found
    }

    private func newNode(for next: String?) -> JSONValue {
        guard let next else {
            switch create {
            case .map: return .object([:])
            case .list: return .array([])
            // A created scalar has no tag: the value written there is read back as YAML.
            default: return .null
            }
        }
        if ReplacementPath.listMatch(next) != nil || (Int(next).map { $0 >= 0 } ?? false) { return .array([]) }
        return .object([:])
    }

    private func walk(_ node: inout JSONValue, _ path: ArraySlice<String>, _ at: [ReplacementPath.Step], _ found: inout [[ReplacementPath.Step]]) throws {
        guard let part = path.first else {
            found.append(at)
            return
        }
        let rest = path.dropFirst()
        if let index = Int(part), index >= 0 {
            guard case .array(var items) = node else { throw Failure(message: "wrong node kind: expected a list at \(part), found \(node.typeName)") }
            if items.count == index, create != nil { items.append(newNode(for: rest.first)) }
            guard index < items.count else { throw Failure(message: "index \(index) specified but only \(items.count) elements found") }
            try walk(&items[index], rest, at + [.index(index)], &found)
            node = .array(items)
        } else if let (field, pattern) = ReplacementPath.listMatch(part) {
            guard case .array(var items) = node else { throw Failure(message: "wrong node kind: expected a list at \(part), found \(node.typeName)") }
            // kyaml matches list elements by regular expression (unanchored).
            let regex = try? NSRegularExpression(pattern: pattern)
            func matches(_ s: String) -> Bool {
                guard let regex else { return s == pattern }
                return regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
            }
            var any = false
            for i in items.indices {
                let candidate: String? = field.isEmpty
                    ? (items[i].objectValue == nil && items[i].arrayValue == nil ? ReplacementPath.text(items[i]) : nil)
                    : items[i][field].flatMap { $0.isNull ? nil : ReplacementPath.text($0) }
                guard let candidate, matches(candidate) else { continue }
                any = true
                if field.isEmpty {
                    if rest.isEmpty { found.append(at + [.index(i)]) }
                } else {
                    try walk(&items[i], rest, at + [.index(i)], &found)
                }
            }
            if !any, create != nil {
                items.append(field.isEmpty ? .string(pattern) : .object([field: .string(pattern)]))
                node = .array(items)
                try walk(&node, path, at, &found)
                return
            }
            node = .array(items)
        } else if part == "*" {
            guard case .array(var items) = node else { throw Failure(message: "wrong node kind: expected a list for *, found \(node.typeName)") }
            for i in items.indices { try walk(&items[i], rest, at + [.index(i)], &found) }
            node = .array(items)
        } else {
            if node.isNull { return }
            guard case .object(var map) = node else { throw Failure(message: "wrong node kind: expected a map at \(part), found \(node.typeName)") }
            if map[part] == nil {
                guard create != nil else { return }
                map[part] = newNode(for: rest.first)
            }
            var child = map[part]!
            if child.isNull, create != nil, !rest.isEmpty { child = newNode(for: rest.first) }
            try walk(&child, rest, at + [.key(part)], &found)
            map[part] = child
            node = .object(map)
        }
    }
}

extension JSONValue {
    /// The value at a location found by `ReplacementMatcher`.
    subscript(steps steps: [ReplacementPath.Step]) -> JSONValue {
        get {
            var current = self
            for step in steps {
                switch step {
                case .key(let k): current = current[k] ?? .null
                case .index(let i): current = current.arrayValue.map { i < $0.count ? $0[i] : .null } ?? .null
                }
            }
            return current
        }
        set {
            guard let step = steps.first else { self = newValue; return }
            let rest = Array(steps.dropFirst())
            switch (step, self) {
            case (.key(let k), .object(var map)):
                var child = map[k] ?? .null
                child[steps: rest] = newValue
                map[k] = child
                self = .object(map)
            case (.index(let i), .array(var items)) where i < items.count:
                items[i][steps: rest] = newValue
                self = .array(items)
            default: break
            }
        }
    }
}
