import Foundation

extension JSONValue {
    /// Compact JSON text. Keys keep their order unless `sortedKeys` is set; numbers print the way
    /// Go's encoding/json prints them for whole doubles (no trailing `.0`).
    public func jsonString(sortedKeys: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(to: &out, sortedKeys: sortedKeys)
        return out
    }

    public func jsonData(sortedKeys: Bool = false) -> Data { Data(jsonString(sortedKeys: sortedKeys).utf8) }

    private func write(to out: inout String, sortedKeys: Bool) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += JSONValue.formatDouble(d)
        case .string(let s): JSONValue.writeQuoted(s, to: &out)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.write(to: &out, sortedKeys: sortedKeys)
            }
            out += "]"
        case .object(let o):
            out += "{"
            // Go's encoder sorts map keys by their bytes.
            let keys = sortedKeys ? o.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } : Array(o.keys)
            for (i, k) in keys.enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeQuoted(k, to: &out)
                out += ":"
                o[k]!.write(to: &out, sortedKeys: sortedKeys)
            }
            out += "}"
        }
    }

    static func formatDouble(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "null" }
        if d.rounded() == d && abs(d) < 1e21 { return String(format: "%.0f", d) }
        return "\(d)"
    }

    static func writeQuoted(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

}
