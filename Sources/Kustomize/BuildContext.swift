import GitOpsAPI

/// The state of one kustomization's build as it moves through the pipeline: its file, its
/// directory, the resources accumulated so far, and the transformer tables in force.
public struct BuildContext {
    public internal(set) var file: KustomizationFile
    /// The kustomization's directory (absolute).
    public let directory: String
    public let builder: Builder
    public var objects: [KubeObject]
    public var config: TransformerConfig
    /// `vars` declared by this kustomization and the ones it accumulated (raw entries).
    public var vars: [JSONValue]
    /// Directories being built, to detect cycles.
    var visiting: Set<String>
    /// This kustomization's directory relative to the top one's, when the build records where
    /// each resource came from (kustomize's `kt.origin`, set when the top kustomization has any
    /// `buildMetadata`); nil otherwise.
    var originPath: String? = nil
    /// The origin (`configuredIn`/`configuredBy`) of the generator running now, given to the
    /// objects it generates.
    var generatorOrigin: JSONValue? = nil

    /// Reads a file next to the kustomization, within the load restrictions (for patches,
    /// generator sources, configurations…). `path` is as written in the kustomization.
    public func readFile(_ path: String) throws -> String {
        try builder.readFile(path, from: directory, file: file.path)
    }

    /// Builds another kustomization directory (a base or component) with this build's cycle
    /// detection, without the top-level finishing steps.
    public mutating func buildNested(_ path: String) throws -> BuildContext {
        try builder.buildNested(path, from: self)
    }
}
