import GitOpsAPI

/// A sequence or mapping being read, mutated in place on the builder's stack.
struct YAMLCollectionFrame {
    let isMapping: Bool
    var items: [JSONValue] = []
    var object: JSONObject = [:]
    /// The line each key of `object` was written on, by index; 0 for keys a merge brought in
    /// (those may be overridden, written keys may not).
    var keyLines: [Int] = []
    var key: String?
    var keyIsMerge = false
    var keyLine = 0
    var keyColumn = 0
    let anchor: String?
    /// Nodes in this collection, itself included, counting what aliases expand to.
    var nodes = 1
    /// Levels of collections from here down (1 for a collection of scalars).
    var height = 1

    init(isMapping: Bool, anchor: String?) {
        self.isMapping = isMapping
        self.anchor = anchor
    }

    /// The finished value, moved out of the frame.
    mutating func finish() -> JSONValue {
        if isMapping {
            let value = object
            object = [:]
            return .object(value)
        }
        let value = items
        items = []
        return .array(value)
    }

    /// Sets a written key; returns the line of an earlier written key of the same name instead.
    mutating func insert(_ value: JSONValue, forKey key: String, line: Int) -> Int? {
        guard object.updateValue(value, forKey: key) != nil else {
            keyLines.append(line)
            return nil
        }
        let index = object.index(forKey: key)!
        if keyLines[index] > 0 { return keyLines[index] }
        // A written key after `<<` overrides the merged value, as go-yaml v2 does.
        keyLines[index] = line
        return nil
    }

    /// Applies `<<: value` the way go-yaml v2 does: merged keys land in order, overwriting what
    /// the mapping has so far; in a list of maps an earlier map wins over a later one.
    /// Returns false when the value is not a map or a list of maps.
    mutating func merge(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let source):
            for (key, item) in source { mergeOne(item, forKey: key) }
            return true
        case .array(let sources):
            guard sources.allSatisfy({ $0.objectValue != nil }) else { return false }
            var merged = Set<String>()
            for case .object(let source) in sources {
                for (key, item) in source where merged.insert(key).inserted {
                    mergeOne(item, forKey: key)
                }
            }
            return true
        default:
            return false
        }
    }

    private mutating func mergeOne(_ value: JSONValue, forKey key: String) {
        if object.updateValue(value, forKey: key) == nil { keyLines.append(0) }
    }
}
