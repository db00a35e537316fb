/// A chart could not be loaded or rendered. `message` is what `helm` prints after `Error: `, so
/// that `gitops template` fails with the same words (`execution error at (chart/templates/x.yaml:5:4): …`).
public struct HelmError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The error happened while rendering templates or sorting their output: `helm template`
    /// then adds `Use --debug flag to render out invalid YAML`.
    public var isRenderError = false

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
