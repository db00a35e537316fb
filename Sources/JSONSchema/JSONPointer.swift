import Foundation
import GitOpsAPI

/// RFC 6901 JSON pointers, as the library reads `$ref` fragments: percent-decoded first, then
/// `~1` and `~0` unescaped; array members addressed by decimal index.
enum JSONPointer {
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func unescape(_ token: String) -> String? {
        guard token.contains("~") else { return token }
        var out = ""
        var iterator = token.makeIterator()
        while let c = iterator.next() {
            guard c == "~" else { out.append(c); continue }
            switch iterator.next() {
            case "0": out.append("~")
            case "1": out.append("/")
            default: return nil
            }
        }
        return out
    }

    /// The tokens of a pointer ("" is the whole document).
    static func tokens(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        var result: [String] = []
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let token = unescape(String(raw)) else { return nil }
            result.append(token)
        }
        return result
    }

    static func lookup(_ document: JSONValue, _ tokens: [String]) -> JSONValue? { document.value(atPointer: tokens) }

    static func string(_ tokens: [String]) -> String { tokens.map { "/" + escape($0) }.joined() }
}
