extension TarArchive {
    /// Reads every entry of an uncompressed tar archive.
    ///
    /// Supports ustar (with its `prefix` field), GNU long names and link names (typeflags `L`,
    /// `K`), PAX extended headers (`x`: `path`, `linkpath`, `size`, `mtime`; global `g` headers
    /// are skipped as `git archive`'s comment header must be). Paths are cleaned as Go's
    /// `path.Clean` does; an absolute path or one that climbs out with `..` is rejected, as Helm's
    /// chart loader rejects them. The `.` directory entry (`tar -C dir .`) is dropped.
    public static func read(_ bytes: [UInt8], limits: Limits = Limits()) throws -> [TarEntry] {
        var entries: [TarEntry] = []
        var offset = 0
        var total = 0
        var longName: String?
        var longLink: String?
        var pax: [String: String] = [:]
        while offset + TarHeader.blockSize <= bytes.count {
            let header = TarHeader(block: bytes[offset..<(offset + TarHeader.blockSize)], offset: offset)
            // A zero block ends the archive (POSIX writes two; Go stops at the first as well).
            if header.isZero { return entries }
            try header.verifyChecksum()
            var declaredSize = try header.number(124, 12, name: "size")
            if let value = pax["size"] {
                guard let size = Int64(value), size >= 0 else {
                    throw CompressionError("tar: invalid PAX size \"\(value)\" for the header at offset \(offset)")
                }
                declaredSize = size
            }
            guard declaredSize >= 0, declaredSize <= Int64(bytes.count) else {
                throw CompressionError("tar: entry at offset \(offset) declares \(declaredSize) bytes, more than the archive holds (the archive is truncated or corrupt)")
            }
            let size = Int(declaredSize)
            let dataStart = offset + TarHeader.blockSize
            guard dataStart + size <= bytes.count else {
                throw CompressionError("tar: unexpected end of archive inside the entry at offset \(offset) (the file is truncated; download it again)")
            }
            let data = bytes[dataStart..<(dataStart + size)]
            offset = dataStart + (size + TarHeader.blockSize - 1) / TarHeader.blockSize * TarHeader.blockSize

            switch header.typeflag {
            case UInt8(ascii: "L"), UInt8(ascii: "K"):
                guard size <= limits.headerRecordBytes else {
                    throw CompressionError("tar: GNU long name at offset \(header.offset) is \(size) bytes, over the limit of \(limits.headerRecordBytes)")
                }
                let end = data.firstIndex(of: 0) ?? data.endIndex
                let name = String(decoding: data[data.startIndex..<end], as: UTF8.self)
                if header.typeflag == UInt8(ascii: "L") { longName = name } else { longLink = name }
                continue
            case UInt8(ascii: "x"):
                guard size <= limits.headerRecordBytes else {
                    throw CompressionError("tar: PAX header at offset \(header.offset) is \(size) bytes, over the limit of \(limits.headerRecordBytes)")
                }
                pax.merge(try parsePAXRecords(data, offset: header.offset)) { _, new in new }
                continue
            case UInt8(ascii: "g"):
                continue
            default:
                break
            }

            guard entries.count < limits.entries else {
                throw CompressionError("tar: more than \(limits.entries) entries; refusing the archive")
            }
            var name = longName ?? pax["path"] ?? header.string(0, 100)
            if longName == nil, pax["path"] == nil, header.isUSTAR {
                let prefix = header.string(345, 155)
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            let link = longLink ?? pax["linkpath"] ?? header.string(157, 100)
            let kind = entryKind(header.typeflag, name: name)
            let headerMtime = try header.number(136, 12, name: "mtime")
            let mtime = pax["mtime"].flatMap { Double($0) }.map { Int64($0) } ?? headerMtime
            let mode = UInt32(truncatingIfNeeded: try header.number(100, 8, name: "mode") & 0o7777)
            longName = nil
            longLink = nil
            pax = [:]

            guard let path = try cleanEntryPath(name, offset: header.offset) else { continue }
            var entry = TarEntry(path: path, kind: kind, mode: mode, modificationTime: mtime)
            switch kind {
            case .file:
                total += size
                guard total <= limits.totalBytes else {
                    throw CompressionError("tar: contents exceed the limit of \(limits.totalBytes) bytes at \"\(path)\"; refusing the archive")
                }
                entry.contents = Array(data)
            case .symlink, .hardlink:
                entry.linkTarget = link
            case .directory, .other:
                break
            }
            entries.append(entry)
        }
        if offset < bytes.count {
            throw CompressionError("tar: unexpected end of archive at offset \(offset) (a partial header block; the file is truncated or not a tar file)")
        }
        // Go's reader accepts an archive that ends without the two zero blocks.
        return entries
    }

    private static func entryKind(_ flag: UInt8, name: String) -> TarEntry.Kind {
        switch flag {
        case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
            // Old (pre-POSIX) archives mark directories only by a trailing slash.
            return name.hasSuffix("/") ? .directory : .file
        case UInt8(ascii: "1"): return .hardlink
        case UInt8(ascii: "2"): return .symlink
        case UInt8(ascii: "5"): return .directory
        default: return .other(flag)
        }
    }

    /// Cleans a stored name the way Go's `path.Clean` does and rejects names that are absolute or
    /// lead outside the archive's root; returns nil for the root itself (`./`).
    static func cleanEntryPath(_ name: String, offset: Int) throws -> String? {
        guard !name.isEmpty else {
            throw CompressionError("tar: entry at offset \(offset) has an empty name (the archive is corrupt)")
        }
        if name.hasPrefix("/") {
            throw CompressionError("tar: entry \"\(name)\" has an absolute path; archives must hold relative paths only")
        }
        var parts: [Substring] = []
        for part in name.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else {
                    throw CompressionError("tar: entry \"\(name)\" climbs out of the archive with \"..\"; refusing it")
                }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// Parses PAX records `"<length> <key>=<value>\n"`, where length counts the whole record.
    private static func parsePAXRecords(_ data: ArraySlice<UInt8>, offset: Int) throws -> [String: String] {
        var records: [String: String] = [:]
        var index = data.startIndex
        let bad = CompressionError("tar: malformed PAX record in the header at offset \(offset) (the archive is corrupt)")
        while index < data.endIndex {
            if data[index] == 0 { break }
            guard let space = data[index...].firstIndex(of: UInt8(ascii: " ")),
                  let length = Int(String(decoding: data[index..<space], as: UTF8.self)),
                  length > space - index, index + length <= data.endIndex,
                  data[index + length - 1] == UInt8(ascii: "\n") else { throw bad }
            let record = data[(space + 1)..<(index + length - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")) else { throw bad }
            let key = String(decoding: record[record.startIndex..<equals], as: UTF8.self)
            records[key] = String(decoding: record[(equals + 1)...], as: UTF8.self)
            index += length
        }
        return records
    }
}
