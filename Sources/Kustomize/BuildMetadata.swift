import GitOpsAPI

/// `buildMetadata:` of the kustomization being built (kustomize's `Kustomizer.Run`):
/// `managedByLabel` labels every object `app.kubernetes.io/managed-by: kustomize-<version>`.
/// `originAnnotations` and `transformerAnnotations` need each resource's origin recorded when
/// it is read, which the resource accumulation does not do yet: they are refused by name.
enum BuildMetadata {
    static let managedByKey = "app.kubernetes.io/managed-by"
    /// What `kubectl kustomize` (kubectl v1.32, kustomize v5.5) writes: its embedded kustomize
    /// reports no release version (corpus case managedbylabel__TestAddManagedbyLabel__2).
    static let managedByValue = "kustomize-(devel)"
    static let options: Set<String> = ["managedByLabel", "originAnnotations", "transformerAnnotations"]

    static func apply(_ context: inout BuildContext) throws {
        guard let field = context.file.raw["buildMetadata"], !field.isNull else { return }
        let file = context.file.path
        let requested = try KustomizationFile.strings(field, "buildMetadata", file)
        for option in requested where !options.contains(option) {
            throw BuildError.invalid(file: file, message: "buildMetadata: unknown option \"\(option)\"; use managedByLabel, originAnnotations or transformerAnnotations")
        }
        for option in ["originAnnotations", "transformerAnnotations"] where requested.contains(option) {
            throw BuildError.invalid(file: file, message: "buildMetadata: \(option) is not supported by this agent yet; remove it (it only adds informational annotations) or build with kubectl kustomize")
        }
        if requested.contains("managedByLabel") {
            try Transformers.setLabels([managedByKey: managedByValue], specs: [FieldSpec(path: "metadata/labels", create: true)],
                                       on: &context.objects, file: file)
        }
    }
}
