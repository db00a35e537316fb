import GitOpsAPI

extension BuildContext {
    /// Throws `unsupported` when the kustomization sets any of `fields`: a step not implemented
    /// yet refuses its fields by name, so a build never silently differs from `kubectl kustomize`.
    func refuse(_ fields: String...) throws {
        for field in fields where file.raw[field] != nil {
            throw BuildError.unsupported(file: file.path, field: field)
        }
    }
}
