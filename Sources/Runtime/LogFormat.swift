import Foundation
import Logging

/// Log lines for people (`text`) or machines (`json`, `logfmt`), one line per message, to
/// standard error. Metadata values are printed as given: callers never put secrets in them.
public struct AgentLogHandler: LogHandler {
    public enum Format: String, Sendable, CaseIterable { case text, json, logfmt }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    let format: Format

    public init(label: String, format: Format, level: Logger.Level) {
        self.label = label
        self.format = format
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Installs the handler for every logger of the process.
    public static func bootstrap(format: Format, level: Logger.Level) {
        LoggingSystem.bootstrap { AgentLogHandler(label: $0, format: format, level: level) }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        let keys = fields.keys.sorted()
        let time = Timestamp.nowMillis()
        var line: String
        switch format {
        case .text:
            line = "\(time) \(event.level.rawValue.uppercased().padding(toLength: 5, withPad: " ", startingAt: 0)) \(label): \(event.message)"
            for k in keys { line += " \(k)=\(Self.quote("\(fields[k]!)"))" }
        case .logfmt:
            line = "ts=\(time) level=\(event.level.rawValue) logger=\(label) msg=\(Self.quote("\(event.message)"))"
            for k in keys { line += " \(k)=\(Self.quote("\(fields[k]!)"))" }
        case .json:
            var o: [(String, String)] = [("ts", time), ("level", event.level.rawValue), ("logger", label), ("msg", "\(event.message)")]
            for k in keys { o.append((k, "\(fields[k]!)")) }
            line = "{" + o.map { "\(Self.jsonQuote($0.0)):\(Self.jsonQuote($0.1))" }.joined(separator: ",") + "}"
        }
        line += "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func quote(_ s: String) -> String {
        if !s.isEmpty && !s.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\n" }) { return s }
        return jsonQuote(s)
    }

    static func jsonQuote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}

import GitOpsAPI

extension Timestamp {
    static func nowMillis() -> String {
        let now = Date()
        let base = Timestamp.format(now)
        let ms = Int(now.timeIntervalSince1970 * 1000) % 1000
        return String(base.dropLast()) + String(format: ".%03dZ", ms)
    }
}
