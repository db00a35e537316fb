import CGitOpsZlib

extension Compression {
    /// Decompresses a gzip stream of one or more members, concatenating their contents, as Go's
    /// `gzip.Reader` does in its default multistream mode. Each member's CRC-32 and length are
    /// checked. Bytes after the last member that do not start another member are an error, as in
    /// Go (`gzip: invalid header`).
    ///
    /// - Parameter limit: the most bytes the output may hold; a stream that would expand beyond it
    ///   (a decompression bomb, or a genuinely larger archive) fails with an error saying so.
    public static func gunzip(_ bytes: [UInt8], limit: Int = defaultDecompressedLimit) throws -> [UInt8] {
        guard !bytes.isEmpty else { throw CompressionError("gzip: empty input, expected a gzip stream (1f 8b …)") }
        var output: [UInt8] = []
        var offset = 0
        var member = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 2, bytes[offset] == 0x1f, bytes[offset + 1] == 0x8b else {
                if member == 0 {
                    throw CompressionError("gzip: invalid header at offset 0 (the data is not gzip-compressed)")
                }
                throw CompressionError("gzip: invalid header at offset \(offset): \(bytes.count - offset) bytes of trailing data after member \(member)")
            }
            offset += try inflateMember(bytes, from: offset, member: member, into: &output, limit: limit)
            member += 1
        }
        return output
    }

    /// Inflates one gzip member starting at `start`, appending to `output`; returns the bytes consumed.
    private static func inflateMember(_ bytes: [UInt8], from start: Int, member: Int, into output: inout [UInt8], limit: Int) throws -> Int {
        var stream = z_stream()
        // 16 + 15: a gzip wrapper (zlib checks header, CRC-32 and ISIZE) with a 32 KiB window.
        let initStatus = gitops_inflateInit2(&stream, 16 + 15)
        guard initStatus == Z_OK else { throw CompressionError("gzip: cannot initialise zlib (status \(initStatus))") }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        return try bytes.withUnsafeBufferPointer { inBuffer in
            // zlib's counters are 32-bit: feed the input in pieces of at most 1 GiB.
            var fed = start
            while true {
                if stream.avail_in == 0, fed < inBuffer.count {
                    let length = min(1 << 30, inBuffer.count - fed)
                    stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress! + fed)
                    stream.avail_in = uInt(length)
                    fed += length
                }
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { outBuffer -> (Int32, Int) in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, outBuffer.count - Int(stream.avail_out))
                }
                if produced > 0 {
                    guard output.count + produced <= limit else {
                        throw CompressionError("gzip: decompressed data exceeds the limit of \(limit) bytes (a decompression bomb, or an archive larger than allowed; raise the limit only for a trusted source)")
                    }
                    output.append(contentsOf: chunk[0..<produced])
                }
                switch status {
                case Z_STREAM_END:
                    // Bytes consumed: everything fed minus what zlib left unread.
                    return fed - start - Int(stream.avail_in)
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0 && fed == inBuffer.count:
                    throw CompressionError("gzip: unexpected end of data in member \(member) (the file is truncated; download it again)")
                case Z_BUF_ERROR:
                    continue
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                    throw CompressionError("gzip: corrupt data in member \(member) starting at offset \(start): \(reason)")
                }
            }
        }
    }
}
