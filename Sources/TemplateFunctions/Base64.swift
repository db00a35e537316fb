/// Standard base64 with padding (Go's `base64.StdEncoding`), and its unpadded base32 cousin.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, c) in alphabet.enumerated() { table[Int(c)] = UInt8(index) }
        return table
    }()

    static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= input.count {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int((n >> UInt32(shift)) & 63)]) }
            i += 3
        }
        let rest = input.count - i
        if rest > 0 {
            var n = UInt32(input[i]) << 16
            if rest == 2 { n |= UInt32(input[i + 1]) << 8 }
            out.append(alphabet[Int((n >> 18) & 63)])
            out.append(alphabet[Int((n >> 12) & 63)])
            out.append(rest == 2 ? alphabet[Int((n >> 6) & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Strict decoding as `base64.StdEncoding.DecodeString` does; on failure the error text Go
    /// gives (`illegal base64 data at input byte 4`). Go skips `\r` and `\n`.
    static func decode(_ text: String) -> Result<[UInt8], FunctionErrorText> {
        var out: [UInt8] = []
        var quad: [UInt8] = []
        var offset = 0
        var padding = 0
        for c in text.utf8 {
            defer { offset += 1 }
            if c == UInt8(ascii: "\r") || c == UInt8(ascii: "\n") { continue }
            if padding > 0 {
                guard c == UInt8(ascii: "="), quad.count + padding < 4 else { return .failure(.init("illegal base64 data at input byte \(offset)")) }
                padding += 1
                continue
            }
            if c == UInt8(ascii: "=") {
                guard quad.count >= 2 else { return .failure(.init("illegal base64 data at input byte \(offset)")) }
                padding = 1
                continue
            }
            let v = reverse[Int(c)]
            guard v != 0xFF else { return .failure(.init("illegal base64 data at input byte \(offset)")) }
            quad.append(v)
            if quad.count == 4 {
                out.append(quad[0] << 2 | quad[1] >> 4)
                out.append(quad[1] << 4 | quad[2] >> 2)
                out.append(quad[2] << 6 | quad[3])
                quad.removeAll(keepingCapacity: true)
            }
        }
        if padding > 0, quad.count + padding != 4 { return .failure(.init("illegal base64 data at input byte \(offset)")) }
        // An unfinished quantum at the end: Go reports where it began (`si - j`).
        if padding == 0, !quad.isEmpty { return .failure(.init("illegal base64 data at input byte \(offset - quad.count)")) }
        if quad.count >= 2 { out.append(quad[0] << 2 | quad[1] >> 4) }
        if quad.count == 3 { out.append(quad[1] << 4 | quad[2] >> 2) }
        return .success(out)
    }
}

/// An error message as Go's function would return it.
struct FunctionErrorText: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
