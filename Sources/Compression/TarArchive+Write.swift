extension TarArchive {
    /// Writes entries as a POSIX ustar archive, the way Go's `archive/tar` writer does for plain
    /// entries: a name longer than 100 bytes is split into ustar's `prefix`/`name` when it can
    /// be, and otherwise carried in a PAX `x` header (`path`, `linkpath`); the archive ends with
    /// two zero blocks. Directory names get a trailing `/` as `tar` and Go's `FileInfoHeader` give them.
    public static func write(_ entries: [TarEntry]) -> [UInt8] {
        var out: [UInt8] = []
        for entry in entries {
            var name = entry.path
            if entry.kind == .directory, !name.hasSuffix("/") { name += "/" }
            let link = entry.linkTarget ?? ""
            var pax: [(String, String)] = []
            let split = splitUSTARName(name)
            if split == nil { pax.append(("path", name)) }
            if link.utf8.count > 100 { pax.append(("linkpath", link)) }
            if !pax.isEmpty {
                let body = paxBody(pax)
                let paxName = String(("PaxHeaders.0/" + (name.split(separator: "/").last.map(String.init) ?? "entry")).utf8.prefix(100))!
                out += headerBlock(name: (paxName, ""), mode: 0o644, size: body.count, mtime: entry.modificationTime,
                                   typeflag: UInt8(ascii: "x"), link: "")
                appendPadded(&out, body)
            }
            let fallback = (String(name.utf8.suffix(100)) ?? "", "")
            let size = entry.kind == .file ? entry.contents.count : 0
            out += headerBlock(name: split ?? fallback, mode: entry.mode, size: size, mtime: entry.modificationTime,
                               typeflag: typeflag(entry.kind), link: String(link.utf8.prefix(100)) ?? "")
            if entry.kind == .file { appendPadded(&out, entry.contents) }
        }
        out += [UInt8](repeating: 0, count: 2 * TarHeader.blockSize)
        return out
    }

    private static func typeflag(_ kind: TarEntry.Kind) -> UInt8 {
        switch kind {
        case .file: UInt8(ascii: "0")
        case .hardlink: UInt8(ascii: "1")
        case .symlink: UInt8(ascii: "2")
        case .directory: UInt8(ascii: "5")
        case .other(let flag): flag
        }
    }

    /// Splits a name into ustar's (name ≤ 100 bytes, prefix ≤ 155 bytes) at a `/`, or nil.
    private static func splitUSTARName(_ name: String) -> (String, String)? {
        let bytes = Array(name.utf8)
        if bytes.count <= 100 { return (name, "") }
        guard bytes.count <= 256 else { return nil }
        for index in bytes.indices.reversed() where bytes[index] == UInt8(ascii: "/") {
            let prefix = bytes[..<index], rest = bytes[(index + 1)...]
            if prefix.count <= 155, rest.count <= 100, !rest.isEmpty, !prefix.isEmpty {
                return (String(decoding: rest, as: UTF8.self), String(decoding: prefix, as: UTF8.self))
            }
        }
        return nil
    }

    /// PAX records: each `"<len> key=value\n"` where `<len>` counts its own digits too.
    private static func paxBody(_ records: [(String, String)]) -> [UInt8] {
        var body: [UInt8] = []
        for (key, value) in records {
            let rest = " \(key)=\(value)\n".utf8.count
            var length = rest + String(rest).count
            if String(length).count != String(rest).count { length = rest + String(length).count }
            body += Array("\(length) \(key)=\(value)\n".utf8)
        }
        return body
    }

    private static func appendPadded(_ out: inout [UInt8], _ data: [UInt8]) {
        out += data
        let remainder = data.count % TarHeader.blockSize
        if remainder != 0 { out += [UInt8](repeating: 0, count: TarHeader.blockSize - remainder) }
    }

    private static func headerBlock(name: (String, String), mode: UInt32, size: Int, mtime: Int64,
                                    typeflag: UInt8, link: String) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: TarHeader.blockSize)
        func put(_ text: String, at start: Int, max: Int) {
            for (index, byte) in text.utf8.prefix(max).enumerated() { block[start + index] = byte }
        }
        func octal(_ value: Int64, at start: Int, width: Int) {
            // width-1 octal digits, zero padded, then NUL (Go's formatOctal).
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits, at: start, max: width - 1)
        }
        put(name.0, at: 0, max: 100)
        octal(Int64(mode), at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        octal(Int64(size), at: 124, width: 12)
        octal(max(0, mtime), at: 136, width: 12)
        block[156] = typeflag
        put(link, at: 157, max: 100)
        put("ustar", at: 257, max: 6)
        put("00", at: 263, max: 2)
        put(name.1, at: 345, max: 155)
        // The checksum: the byte sum with the field as spaces, six octal digits, NUL, space.
        for index in 148..<156 { block[index] = UInt8(ascii: " ") }
        let sum = block.reduce(0) { $0 + Int64($1) }
        let digits = String(sum, radix: 8)
        put(String(repeating: "0", count: max(0, 6 - digits.count)) + digits, at: 148, max: 6)
        block[154] = 0
        block[155] = UInt8(ascii: " ")
        return block
    }
}
