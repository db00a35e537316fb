import GitOpsAPI
import GoTemplate

/// `--set-json` values (pkg/strvals `ParseJSON`): after `=`, nothing before `,` or the end is
/// null; otherwise one JSON value is decoded as encoding/json's `Decoder` does (numbers become
/// float64, objects maps, arrays lists), then blanks and one `,` are skipped. What follows a value
/// that is not a `,` starts the next key, as in Helm.
extension StrVals.Parser {
    func jsonValue() throws -> Value {
        if emptyValue() { return .null }
        let start = position
        guard let end = StrVals.jsonValueEnd(runes, from: start) else {
            throw StrVals.ParseError.message("invalid JSON value \"\(String(String.UnicodeScalarView(runes[start...])))\"")
        }
        let text = String(String.UnicodeScalarView(runes[start..<end]))
        let json: JSONValue
        do {
            json = try JSONValue.parse(json: text)
        } catch {
            throw StrVals.ParseError.message("invalid JSON value \"\(text)\": \(error)")
        }
        position = end
        _ = emptyValue()
        return ValueConversion.value(from: json)
    }

    /// `emptyVal`: skips white space; true at the end or at a `,` (consumed), false before any
    /// other character (left for the caller).
    func emptyValue() -> Bool {
        while let r = read() {
            if r == "," { return true }
            if !r.properties.isWhitespace {
                position -= 1
                return false
            }
        }
        return true
    }
}

extension StrVals {
    /// Where the JSON value starting at `start` (after white space) ends: a string at its closing
    /// quote, an object or array at its balancing bracket, a number or literal at the first
    /// delimiter. Nil when the input ends first. Whether the text is valid JSON is for the parser.
    static func jsonValueEnd(_ runes: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start
        while i < runes.count, [" ", "\t", "\n", "\r"].contains(runes[i]) { i += 1 }
        guard i < runes.count else { return nil }
        var depth = 0
        var inString = false
        while i < runes.count {
            let r = runes[i]
            if inString {
                if r == "\\" { i += 2; continue }
                if r == "\"" {
                    inString = false
                    if depth == 0 { return i + 1 }
                }
                i += 1
                continue
            }
            switch r {
            case "\"": inString = true
            case "{", "[": depth += 1
            case "}", "]":
                depth -= 1
                if depth <= 0 { return depth == 0 ? i + 1 : nil }
            default:
                if depth == 0 {
                    var end = i
                    while end < runes.count, !" \t\n\r,]}[{\"".unicodeScalars.contains(runes[end]) { end += 1 }
                    return end
                }
            }
            i += 1
        }
        return nil
    }
}
