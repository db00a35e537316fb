import GitOpsAPI

/// `buildMetadata:` of the kustomization being built (kustomize's `Kustomizer.Run`):
/// `managedByLabel` labels every object `app.kubernetes.io/managed-by: kustomize-<version>`.
/// `originAnnotations` and `transformerAnnotations` publish what the build recorded about each
/// resource's origin and transformers (`BuildMetadata+Origin.swift`).
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
        publish(origins: requested.contains("originAnnotations"), transformers: requested.contains("transformerAnnotations"),
                on: &context.objects)
        if requested.contains("managedByLabel") {
            try Transformers.setLabels([managedByKey: managedByValue], specs: [FieldSpec(path: "metadata/labels", create: true)],
                                       on: &context.objects, file: file)
        }
    }
}
