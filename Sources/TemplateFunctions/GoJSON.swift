import GoTemplate

/// Why `encoding/json` refused a value (`json: unsupported value: NaN`).
public enum GoJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsupportedValue(String)

    public var description: String {
        switch self {
        case .unsupportedValue(let text): return "json: unsupported value: \(text)"
        }
    }
}

/// Go's `json.Marshal` / `json.MarshalIndent` of a template value: map keys in byte order,
/// `<`, `>`, `&`, U+2028 and U+2029 escaped unless `escapeHTML` is off (`toRawJson`), floats
/// as `encoding/json` writes them (`1e+21`, `0.000001`, integral floats without a fraction).
struct GoJSON {
    var escapeHTML = true
    /// `"  "` for `toPrettyJson`; nil for the compact form.
    var indent: String? = nil
    private(set) var out: [UInt8] = []

    init(escapeHTML: Bool = true, indent: String? = nil) {
        self.escapeHTML = escapeHTML
        self.indent = indent
    }

    static func marshal(_ value: Value, escapeHTML: Bool = true, indent: String? = nil) throws(GoJSONError) -> String {
        var encoder = GoJSON(escapeHTML: escapeHTML, indent: indent)
        try encoder.write(value, depth: 0)
        return String(decoding: encoder.out, as: UTF8.self)
    }

    private mutating func newline(_ depth: Int) {
        guard let indent else { return }
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<depth { out.append(contentsOf: indent.utf8) }
    }

    mutating func write(_ value: Value, depth: Int) throws(GoJSONError) {
        switch value {
        case .missing, .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .float(let d):
            guard d.isFinite else { throw .unsupportedValue(GoFloatText.shortest(d)) }
            out.append(contentsOf: GoFloatText.json(d).utf8)
        case .string(let s): writeString(s)
        case .bytes(let bytes): writeString(Base64.encode(bytes))
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                try write(item, depth: depth + 1)
            }
            if !items.isEmpty { newline(depth) }
            out.append(UInt8(ascii: "]"))
        case .map(let map):
            out.append(UInt8(ascii: "{"))
            let keys = map.storage.keys.sorted(by: goStringLess)
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                writeString(key)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                try write(map.storage[key]!, depth: depth + 1)
            }
            if !keys.isEmpty { newline(depth) }
            out.append(UInt8(ascii: "}"))
        case .object(let object):
            guard let fields = object.jsonFields else {
                try write(object.jsonValue ?? .map(GoMap()), depth: depth)
                return
            }
            // A struct: encoding/json writes its fields in declaration order.
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                writeString(key)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                try write(value, depth: depth + 1)
            }
            if !fields.isEmpty { newline(depth) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    mutating func writeString(_ s: String) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape at all: copy their bytes in one go.
        let plain = s.utf8.allSatisfy { b in
            b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xE2 && !(escapeHTML && (b == 0x3C || b == 0x3E || b == 0x26))
        }
        if plain {
            out.append(contentsOf: s.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in s.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0..<0x20: unicodeEscape(v)
            case 0x3C where escapeHTML, 0x3E where escapeHTML, 0x26 where escapeHTML: unicodeEscape(v)
            case 0x2028, 0x2029: unicodeEscape(v)  // escaped unconditionally, for JSONP
            default: out.append(contentsOf: String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func unicodeEscape(_ v: UInt32) {
        out.append(contentsOf: Array("\\u".utf8))
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(GoJSON.hex[Int((v >> UInt32(shift)) & 0xF)])
        }
    }
}

/// Go's string order (`<` on strings): byte-wise over UTF-8.
func goStringLess(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}
