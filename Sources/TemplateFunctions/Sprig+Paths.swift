import GoTemplate

extension TemplateFunctions {
    /// Sprig's path functions over Go's slash-separated `path` package (`base`, `dir`, `clean`,
    /// `ext`, `isAbs`); the `os…` variants use `path/filepath`, the same on Linux.
    static func addPaths(to table: inout FunctionTable) {
        for prefix in ["", "os"] {
            func name(_ base: String) -> String { prefix.isEmpty ? base : prefix + base.prefix(1).uppercased() + base.dropFirst() }
            table.add(name("base")) { a in try a.expect(1); return .string(GoPath.base(try a.string(0))) }
            table.add(name("dir")) { a in try a.expect(1); return .string(GoPath.dir(try a.string(0))) }
            table.add(name("clean")) { a in try a.expect(1); return .string(GoPath.clean(try a.string(0))) }
            table.add(name("ext")) { a in try a.expect(1); return .string(GoPath.ext(try a.string(0))) }
            table.add(name("isAbs")) { a in try a.expect(1); return .bool(try a.string(0).hasPrefix("/")) }
        }
    }
}

/// Go's `path` package.
enum GoPath {
    /// `path.Clean`: collapses `//`, `.` and `..` lexically; empty becomes `.`.
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." { parts.removeLast() }
                else if !rooted { parts.append(part) }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path.Base`: the last element without trailing slashes; `.` for empty, `/` for root.
    static func base(_ path: String) -> String {
        if path.isEmpty { return "." }
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        if p == "/" { return "/" }
        if let slash = p.lastIndex(of: "/") { p = p[p.index(after: slash)...] }
        return p.isEmpty ? "/" : String(p)
    }

    /// `path.Dir`: everything before the last slash, cleaned.
    static func dir(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return clean("") }
        return clean(String(path[...slash]))
    }

    /// `path.Ext`: the suffix from the last dot in the last element.
    static func ext(_ path: String) -> String {
        for (index, c) in zip(path.indices, path).reversed() {
            if c == "/" { return "" }
            if c == "." { return String(path[index...]) }
        }
        return ""
    }
}
