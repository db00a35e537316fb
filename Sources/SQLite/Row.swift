import Foundation

/// One result row, copied out of the statement so it stays valid after the next step.
public struct Row: Sendable, Hashable {
    /// Column names, in the order of the SELECT list.
    public let columns: [String]
    public let values: [SQLiteValue]

    public init(columns: [String], values: [SQLiteValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(index: Int) -> SQLiteValue { values[index] }

    /// The value of a named column; `.null` when there is no such column.
    public subscript(name: String) -> SQLiteValue {
        guard let i = columns.firstIndex(of: name) else { return .null }
        return values[i]
    }

    public func int(_ index: Int) -> Int? { values[index].intValue }
    public func double(_ index: Int) -> Double? { values[index].doubleValue }
    public func string(_ index: Int) -> String? { values[index].stringValue }
    public func data(_ index: Int) -> Data? { values[index].dataValue }
}
