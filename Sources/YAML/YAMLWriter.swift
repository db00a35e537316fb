import CGitOpsYAML
import GitOpsAPI

/// Prints values through libyaml's emitter, set up to match `kubectl kustomize`.
///
/// kyaml's printer (go-yaml v3 with kustomize's compact sequences) is a port of this same
/// emitter, so libyaml makes the same layout decisions: sequences flush with their key, block
/// scalars for multi-line text, single quotes where a plain scalar cannot be written, double
/// quotes where single quotes cannot, and line folding of long quoted or plain text at column 80.
/// What libyaml cannot know is which strings would *read back* as something else; that choice
/// is made here (see `YAMLScalar.readsAsNonString`).
enum YAMLWriter {
    static func emit(_ value: JSONValue) -> String {
        let session = YAMLEmitterSession()
        session.stream { session.node(value) }
        var bytes = session.output
        // libyaml closes an open-ended document (a bare root scalar, a `|+` block) with `...`;
        // kubectl prints documents without it.
        if bytes.count >= 4, bytes.suffix(4).elementsEqual("...\n".utf8) { bytes.removeLast(4) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The style requested from libyaml for a string; libyaml falls back from plain to single
    /// to double quotes, and from literal to double quotes, when a style cannot hold the text.
    static func style(for text: String) -> yaml_scalar_style_t {
        var newline = false
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { newline = true }
            // NEL (C2 85), LS and PS (E2 80 A8/A9) are line breaks to a YAML 1.1 reader: written
            // raw they read back as a newline or a space (kubectl itself turns "a\u{85}b" into
            // "a b"). Double quotes escape them.
            if (previous.1 == 0xC2 && byte == 0x85) || (previous == (0xE2, 0x80) && (byte == 0xA8 || byte == 0xA9)) {
                return YAML_DOUBLE_QUOTED_SCALAR_STYLE
            }
            previous = (previous.1, byte)
        }
        if newline { return YAML_LITERAL_SCALAR_STYLE }
        // kyaml double-quotes strings that a YAML 1.1 reader would take for another type:
        // `"yes"`, `"0777"`, `"1:20"`, `""`. See the corpus, e.g. `crisis: "true"`.
        if YAMLScalar.readsAsNonString(text) { return YAML_DOUBLE_QUOTED_SCALAR_STYLE }
        return YAML_PLAIN_SCALAR_STYLE
    }
}

/// One libyaml emitter writing into a byte buffer.
final class YAMLEmitterSession {
    private(set) var output: [UInt8] = []
    private let emitter: UnsafeMutablePointer<yaml_emitter_t>
    /// libyaml asserts a non-NULL value even for an empty scalar.
    private let emptyValue: UnsafeMutablePointer<UInt8>

    init() {
        // The emitter keeps pointers to itself: it must not live in a movable Swift variable.
        emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        emptyValue = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        emptyValue.pointee = 0
        guard yaml_emitter_initialize(emitter) == 1 else { fatalError("libyaml could not allocate an emitter") }
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_width(emitter, 80)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
        yaml_emitter_set_output(emitter, { context, buffer, size in
            guard let context, let buffer else { return 0 }
            let session = Unmanaged<YAMLEmitterSession>.fromOpaque(context).takeUnretainedValue()
            session.output.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        yaml_emitter_delete(emitter)
        emitter.deallocate()
        emptyValue.deallocate()
    }

    /// A stream holding one document with an implicit start and end.
    func stream(_ body: () -> Void) {
        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        send(&event)
        yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
        send(&event)
        body()
        yaml_document_end_event_initialize(&event, 1)
        send(&event)
        yaml_stream_end_event_initialize(&event)
        send(&event)
    }

    func node(_ value: JSONValue) {
        var event = yaml_event_t()
        switch value {
        case .null: scalar("null", style: YAML_PLAIN_SCALAR_STYLE)
        case .bool(let b): scalar(b ? "true" : "false", style: YAML_PLAIN_SCALAR_STYLE)
        case .int(let i): scalar(String(i), style: YAML_PLAIN_SCALAR_STYLE)
        case .double(let d): scalar(GoFloat.format(d), style: YAML_PLAIN_SCALAR_STYLE)
        case .string(let s): scalar(s, style: YAMLWriter.style(for: s))
        case .array(let items):
            // Empty collections print inline (`[]`, `{}`), as kubectl does.
            let style = items.isEmpty ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE
            yaml_sequence_start_event_initialize(&event, nil, nil, 1, style)
            send(&event)
            for item in items { node(item) }
            yaml_sequence_end_event_initialize(&event)
            send(&event)
        case .object(let object):
            let style = object.isEmpty ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE
            yaml_mapping_start_event_initialize(&event, nil, nil, 1, style)
            send(&event)
            for (key, item) in object {
                scalar(key, style: YAMLWriter.style(for: key))
                node(item)
            }
            yaml_mapping_end_event_initialize(&event)
            send(&event)
        }
    }

    private func scalar(_ text: String, style: yaml_scalar_style_t) {
        var text = text
        text.withUTF8 { bytes in
            var event = yaml_event_t()
            let value = bytes.baseAddress.map { UnsafeMutablePointer(mutating: $0) } ?? emptyValue
            // Implicit for both plain and quoted: no tag is ever written.
            guard yaml_scalar_event_initialize(&event, nil, nil, value, Int32(bytes.count), 1, 1, style) == 1 else {
                fatalError("libyaml refused a scalar of \(bytes.count) bytes")
            }
            send(&event)
        }
    }

    private func send(_ event: inout yaml_event_t) {
        // The emitter takes ownership of the event. It fails only on events out of order or
        // memory exhaustion, both programming errors here.
        guard yaml_emitter_emit(emitter, &event) == 1 else {
            let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown error"
            fatalError("libyaml emitter failed: \(problem)")
        }
    }
}
