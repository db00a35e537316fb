/// Field access on one 512-byte tar header block (POSIX ustar layout; GNU shares the first 345 bytes).
struct TarHeader {
    static let blockSize = 512

    let block: ArraySlice<UInt8>
    /// The archive offset of the block, for error messages.
    let offset: Int

    private func field(_ start: Int, _ length: Int) -> ArraySlice<UInt8> {
        let base = block.startIndex + start
        return block[base..<(base + length)]
    }

    /// A NUL-terminated string field.
    func string(_ start: Int, _ length: Int) -> String {
        let bytes = field(start, length)
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    /// A numeric field: octal ASCII padded with spaces/NULs, or GNU base-256 when the top bit of
    /// the first byte is set (Go's `archive/tar` reads both).
    func number(_ start: Int, _ length: Int, name: String) throws -> Int64 {
        let bytes = field(start, length)
        if let first = bytes.first, first & 0x80 != 0 {
            // Base-256, two's complement; the first byte's top bit is the marker.
            var value: Int64 = Int64(first & 0x7f) - (first & 0x40 != 0 ? 0x80 : 0)
            for byte in bytes.dropFirst() {
                guard value.multipliedReportingOverflow(by: 256).overflow == false else {
                    throw CompressionError("tar: \(name) field of the header at offset \(offset) overflows")
                }
                value = value * 256 + Int64(byte)
            }
            return value
        }
        let text = String(decoding: bytes, as: UTF8.self).tarTrimmed(of: " \0")
        if text.isEmpty { return 0 }
        guard let value = Int64(text, radix: 8) else {
            throw CompressionError("tar: invalid \(name) field \"\(text)\" in the header at offset \(offset) (expected octal digits; the archive is corrupt)")
        }
        return value
    }

    var isZero: Bool { block.allSatisfy { $0 == 0 } }
    var typeflag: UInt8 { block[block.startIndex + 156] }
    var isUSTAR: Bool { string(257, 6) == "ustar" && block[block.startIndex + 262] == 0 }

    /// Checks the header checksum: the sum of all bytes with the checksum field read as spaces,
    /// unsigned or (as some old tars wrote it) signed.
    func verifyChecksum() throws {
        let stored = try number(148, 8, name: "checksum")
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for (index, byte) in block.enumerated() {
            let value = (148..<156).contains(index) ? UInt8(ascii: " ") : byte
            unsigned += Int64(value)
            signed += Int64(Int8(bitPattern: value))
        }
        guard stored == unsigned || stored == signed else {
            throw CompressionError("tar: invalid header checksum at offset \(offset) (the archive is corrupt or not a tar file)")
        }
    }
}

extension String {
    /// Removes leading and trailing characters that are in `set`.
    func tarTrimmed(of set: String) -> String {
        let chars = Set(set)
        var slice = Substring(self)
        while let first = slice.first, chars.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, chars.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
