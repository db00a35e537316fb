import CGitOpsZlib

extension Compression {
    /// Compresses `bytes` into one gzip member shaped as Go's `gzip.Writer` writes it: magic,
    /// method 8, no flags, mtime 0, XFL 2 for best compression / 4 for best speed / 0 otherwise,
    /// OS 255 ("unknown"), raw deflate data, CRC-32 and length (little endian). The deflate data is
    /// zlib's, not Go's `compress/flate`'s, so compressed bytes differ while every reader agrees.
    ///
    /// - Parameter level: 0 (store) … 9 (`bestCompression`); values outside are clamped.
    public static func gzip(_ bytes: [UInt8], level: Int = defaultLevel) -> [UInt8] {
        let level = min(max(level, 0), 9)
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0]
        out.append(level == 9 ? 2 : level == 1 ? 4 : 0)
        out.append(255)
        out.append(contentsOf: rawDeflate(bytes, level: level))
        let crc = crc32Of(bytes)
        appendLittleEndian(&out, crc)
        appendLittleEndian(&out, UInt32(truncatingIfNeeded: bytes.count))
        return out
    }

    /// CRC-32 (IEEE) as gzip's trailer holds it.
    static func crc32Of(_ bytes: [UInt8]) -> UInt32 {
        var crc = crc32(0, nil, 0)
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let chunk = min(buffer.count - offset, Int(UInt32.max >> 1))
                crc = crc32(crc, buffer.baseAddress! + offset, uInt(chunk))
                offset += chunk
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    private static func appendLittleEndian(_ out: inout [UInt8], _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// Raw deflate (window bits -15, memLevel 8 as Go and zlib default to), fed in chunks so
    /// inputs beyond zlib's 32-bit counters work too.
    private static func rawDeflate(_ input: [UInt8], level: Int) -> [UInt8] {
        var stream = z_stream()
        let initStatus = gitops_deflateInit2(&stream, Int32(level), -15, 8, Z_DEFAULT_STRATEGY)
        // Init only fails on bad parameters (ours are fixed and valid) or out of memory.
        precondition(initStatus == Z_OK, "deflateInit2 failed with status \(initStatus)")
        defer { deflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 3 + 64)
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        let step = 1 << 30
        input.withUnsafeBufferPointer { inBuffer in
            var offset = 0
            while true {
                if stream.avail_in == 0, offset < inBuffer.count {
                    let length = min(step, inBuffer.count - offset)
                    stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress! + offset)
                    stream.avail_in = uInt(length)
                    offset += length
                }
                let flush = offset == inBuffer.count ? Z_FINISH : Z_NO_FLUSH
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { outBuffer -> (Int32, Int) in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    let status = deflate(&stream, flush)
                    return (status, outBuffer.count - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END { break }
                // Z_OK and Z_BUF_ERROR (no progress possible until more room) both continue.
                precondition(status == Z_OK || status == Z_BUF_ERROR, "deflate failed with status \(status)")
            }
        }
        return output
    }
}
