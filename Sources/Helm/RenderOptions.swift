import GoTemplate

/// The release a chart is rendered for (`chartutil.ReleaseOptions` plus capabilities).
public struct RenderOptions: Sendable {
    public var releaseName: String
    public var namespace: String
    public var revision: Int
    public var isUpgrade: Bool
    public var capabilities: Capabilities
    /// `--skip-schema-validation` (Helm 3.19 install, upgrade, template, lint): do not check the
    /// values against the charts' values.schema.json.
    public var skipSchemaValidation = false
    /// `lookup` answers: nil in template mode (Helm's `lookup` then returns an empty map).
    public var lookup: (@Sendable (_ apiVersion: String, _ kind: String, _ namespace: String, _ name: String) throws -> Value)?

    public init(releaseName: String, namespace: String = "default", revision: Int = 1, isUpgrade: Bool = false,
                capabilities: Capabilities = Capabilities()) {
        self.releaseName = releaseName
        self.namespace = namespace
        self.revision = revision
        self.isUpgrade = isUpgrade
        self.capabilities = capabilities
    }
}
