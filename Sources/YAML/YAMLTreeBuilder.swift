import CGitOpsYAML
import GitOpsAPI

/// Turns libyaml events into `JSONValue` documents.
///
/// Collections under construction sit on an explicit stack (no recursion, so nesting is bounded
/// by `YAMLLimits.maxDepth`, not by the thread's stack). Every node carries its size: an alias
/// adds its anchor's size to a per-document count *before* the copy is made, so an alias bomb
/// stops at the limit without ever being materialised.
///
/// A struct whose frames are mutated in place through the stack's subscript: classes here cost
/// a dynamic exclusivity check on every property access (a quarter of the reading time).
struct YAMLTreeBuilder {
    private(set) var documents: [YAMLDocument] = []

    private let file: String?
    private let limits: YAMLLimits
    private var stack: [YAMLCollectionFrame] = []

    // Per-document state.
    private var anchors: [String: Anchored] = [:]
    private var root: JSONValue?
    private var rootIsEmpty = false
    private var documentLine = 1
    private var writtenNodes = 0
    private var aliasNodes = 0
    private var mark = yaml_mark_t()

    /// An anchored node, ready to be copied by its aliases.
    private struct Anchored {
        var value: JSONValue
        var nodes: Int
        var height: Int
    }

    init(file: String?, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    mutating func handle(_ event: yaml_event_t) throws {
        mark = event.start_mark
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors.removeAll(keepingCapacity: true)
            root = nil
            rootIsEmpty = false
            writtenNodes = 0
            aliasNodes = 0
            documentLine = Int(event.start_mark.line) + 1
        case YAML_DOCUMENT_END_EVENT:
            // A document that is only comments, or a bare trailing `---`, has an empty root.
            if let root, !rootIsEmpty { documents.append(YAMLDocument(value: root, line: documentLine)) }
        case YAML_SCALAR_EVENT:
            try scalar(event)
        case YAML_ALIAS_EVENT:
            try alias(String(cString: event.data.alias.anchor))
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            try open(mapping: false, anchor: start.anchor, tag: start.tag)
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            try open(mapping: true, anchor: start.anchor, tag: start.tag)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            try close()
        default:
            break
        }
    }

    // MARK: Nodes

    private mutating func scalar(_ event: yaml_event_t) throws {
        let s = event.data.scalar
        writtenNodes += 1
        let bytes = UnsafeBufferPointer(start: s.value, count: s.length)
        let tag = s.tag.map { YAMLScalar.shortTag(String(cString: $0)) }
        let plain = s.style == YAML_PLAIN_SCALAR_STYLE
        let value: JSONValue
        do {
            value = try YAMLScalar.decode(bytes, tag: tag, plain: plain, yaml11Booleans: limits.yaml11Booleans)
        } catch {
            throw failure(error.message)
        }
        if stack.isEmpty, plain, bytes.isEmpty, tag == nil, s.anchor == nil { rootIsEmpty = true }
        if let anchor = s.anchor {
            anchors[String(cString: anchor)] = Anchored(value: value, nodes: 1, height: 0)
        }
        let isMergeKey = plain && bytes.count == 2 && bytes[0] == UInt8(ascii: "<") && bytes[1] == UInt8(ascii: "<")
            && (tag == nil || tag == "!!merge")
        try add(value, nodes: 1, height: 0, isMergeKey: isMergeKey)
    }

    private mutating func alias(_ name: String) throws {
        guard let anchored = anchors[name] else { throw failure("unknown anchor '\(name)' referenced") }
        aliasNodes += anchored.nodes
        let (scaled, overflow) = limits.aliasExpansionPerNode.multipliedReportingOverflow(by: writtenNodes)
        let budget = max(limits.maxAliasExpansion, overflow ? Int.max : scaled)
        if aliasNodes > budget {
            throw failure("YAML alias expansion exceeds the limit of \(budget) nodes (an alias bomb?)")
        }
        if stack.count + anchored.height > limits.maxDepth { throw tooDeep() }
        try add(anchored.value, nodes: anchored.nodes, height: anchored.height, isMergeKey: false)
    }

    private mutating func open(mapping: Bool, anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?) throws {
        writtenNodes += 1
        if stack.count >= limits.maxDepth { throw tooDeep() }
        if let tag {
            let short = YAMLScalar.shortTag(String(cString: tag))
            if short == (mapping ? "!!seq" : "!!map") || ["!!str", "!!int", "!!bool", "!!float", "!!null"].contains(short) {
                throw failure("\(short) tag on a \(mapping ? "mapping" : "sequence")")
            }
        }
        stack.append(YAMLCollectionFrame(isMapping: mapping, anchor: anchor.map { String(cString: $0) }))
    }

    private mutating func close() throws {
        var frame = stack.removeLast()
        let value = frame.finish()
        if let anchor = frame.anchor {
            anchors[anchor] = Anchored(value: value, nodes: frame.nodes, height: frame.height)
        }
        try add(value, nodes: frame.nodes, height: frame.height, isMergeKey: false)
    }

    /// Places a finished node in its parent: a sequence item, a mapping key, or a mapping value.
    private mutating func add(_ value: JSONValue, nodes: Int, height: Int, isMergeKey: Bool) throws {
        let top = stack.count - 1
        guard top >= 0 else {
            root = value
            return
        }
        stack[top].nodes += nodes
        stack[top].height = max(stack[top].height, height + 1)
        guard stack[top].isMapping else {
            stack[top].items.append(value)
            return
        }
        guard let key = stack[top].key else {
            try takeKey(value, isMergeKey: isMergeKey)
            return
        }
        stack[top].key = nil
        if stack[top].keyIsMerge {
            guard stack[top].merge(value) else {
                throw failure("map merge requires a map or a sequence of maps as the value")
            }
        } else if let firstLine = stack[top].insert(value, forKey: key, line: stack[top].keyLine), !limits.allowsDuplicateKeys {
            throw YAMLError(
                file: file, line: stack[top].keyLine, column: stack[top].keyColumn,
                message: "mapping key \"\(key)\" already defined at line \(firstLine)")
        }
    }

    private mutating func takeKey(_ value: JSONValue, isMergeKey: Bool) throws {
        let top = stack.count - 1
        stack[top].keyIsMerge = isMergeKey
        stack[top].keyLine = Int(mark.line) + 1
        stack[top].keyColumn = Int(mark.column) + 1
        if isMergeKey {
            stack[top].key = "<<"
        } else if let key = YAMLScalar.keyString(value) {
            stack[top].key = key
        } else {
            // sigs.k8s.io/yaml refuses keys JSON cannot hold.
            throw failure("unsupported map key: \(value.typeName)")
        }
    }

    private func failure(_ message: String) -> YAMLError {
        YAMLError(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: message)
    }

    private func tooDeep() -> YAMLError {
        failure("YAML nesting exceeds the limit of \(limits.maxDepth) levels")
    }
}
