import Foundation

extension Engine {
    /// `cleanupParseError`: `parse error at (chart/templates/x.yaml:12): unexpected …`.
    static func cleanupParseError(_ name: String, _ message: String) -> HelmError {
        let tokens = message.components(separatedBy: ": ")
        if tokens.count == 1 { return HelmError("parse error in (\(name)): \(message)") }
        return HelmError("parse error at (\(tokens[1])): \(tokens[tokens.count - 1])")
    }

    /// `cleanupExecError`: `execution error at (chart/templates/x.yaml:5:4): MESSAGE` for
    /// `required` and `fail`; other execution errors unchanged.
    static func cleanupExecError(_ name: String, _ message: String) -> HelmError {
        let tokens = message.components(separatedBy: ": ")
        guard tokens.count >= 3 else { return HelmError("execution error in (\(name)): \(message)") }
        let location = tokens[1]
        let rest = tokens[2...].joined(separator: ": ")
        if let start = rest.range(of: "HELM_ERR_START"), let end = rest.range(of: "HELM_ERR_END", options: .backwards),
           start.upperBound <= end.lowerBound {
            return HelmError("execution error at (\(location)): \(rest[start.upperBound..<end.lowerBound])")
        }
        return HelmError(message)
    }
}
