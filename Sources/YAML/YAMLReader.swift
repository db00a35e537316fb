import CGitOpsYAML
import GitOpsAPI

/// Runs libyaml's event parser over one input and feeds the events to a `YAMLTreeBuilder`.
///
/// The event API (rather than libyaml's document loader) gives a mark with line and column for
/// every node, lets aliases be counted as they expand, and builds `JSONValue`s directly.
enum YAMLReader {
    static func read(_ text: String, file: String?, limits: YAMLLimits) throws -> [YAMLDocument] {
        var text = text
        let size = text.utf8.count
        if let maxBytes = limits.maxBytes, size > maxBytes {
            throw YAMLError(
                file: file, line: 1, column: 1,
                message: "YAML input is \(size) bytes, over the limit of \(maxBytes)")
        }
        // An empty stream has no documents; libyaml would also want a non-NULL buffer for it.
        if size == 0 { return [] }
        return try text.withUTF8 { bytes in try parse(bytes, file: file, limits: limits) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String?, limits: YAMLLimits) throws -> [YAMLDocument] {
        // libyaml keeps pointers into the parser struct itself, so it must not live in a Swift
        // variable that could move.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLError(file: file, line: 1, column: 1, message: "libyaml could not allocate a parser")
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        // The encoding is left to libyaml's detection: a Swift string is UTF-8, which it
        // detects, and only then does it skip a leading byte-order mark.

        var builder = YAMLTreeBuilder(file: file, limits: limits)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                throw syntaxError(parser.pointee, bytes: bytes, file: file)
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { break }
            try builder.handle(event)
        }
        return builder.documents
    }

    /// libyaml's problem and context, at the problem's position.
    private static func syntaxError(_ p: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>, file: String?) -> YAMLError {
        var message = p.problem.map { String(cString: $0) } ?? "unknown libyaml error"
        var line = Int(p.problem_mark.line) + 1
        var column = Int(p.problem_mark.column) + 1
        if p.error == YAML_READER_ERROR {
            // Reader errors (bad bytes, control characters) carry a byte offset, not a mark.
            if p.problem_value != -1 { message += " (#x\(String(p.problem_value, radix: 16, uppercase: true)))" }
            (line, column) = position(ofOffset: p.problem_offset, in: bytes)
        } else if let context = p.context {
            let at = "line \(p.context_mark.line + 1), column \(p.context_mark.column + 1)"
            message += " (\(String(cString: context)) at \(at))"
        }
        return YAMLError(file: file, line: line, column: column, message: message)
    }

    private static func position(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        return (line, offset - lineStart + 1)
    }
}
