extension Rendering.Manifest {
    /// A manifest made outside rendering: what a post-renderer produced from the template at
    /// `template` (the memberwise initializer is internal to the module).
    public init(template: String, content: String, apiVersion: String, kind: String, name: String) {
        self.init(sourcePath: template, content: content, apiVersion: apiVersion, kind: kind, name: name)
    }
}
