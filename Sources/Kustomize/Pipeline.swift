import GitOpsAPI

/// kustomize's build of one kustomization, step by step, in kustomize's order
/// (`api/internal/target/kusttarget.go`): accumulate resources → configurations → generators →
/// components → the built-in transformers (strategic-merge patches and `patches`, namespace,
/// prefix/suffix, labels, annotations, JSON 6902 patches, replicas, images, replacements) →
/// custom transformers → vars. The finishing steps that run once, at the top, are in `finish`.
/// Each step lives in its own file and reads its fields from `context.file`.
extension Builder {
    func runPipeline(_ context: inout BuildContext) throws {
        try accumulateResources(&context)
        try Configurations.load(&context)
        try Schemas.load(&context)
        try Generators.run(&context)
        try PluginConfigs.runGenerators(&context)
        // kustomize v5 runs a kustomization's generators before its components.
        try Components.apply(&context)
        try Patches.applyStrategicMerge(&context)
        BuildMetadata.recordStep("patches", &context)
        try NamespaceStep.apply(&context)
        BuildMetadata.recordStep("namespace", &context)
        try PrefixSuffixStep.apply(&context)
        BuildMetadata.recordStep("prefixSuffix", &context)
        try LabelStep.apply(&context)
        BuildMetadata.recordStep("labels", &context)
        try AnnotationStep.apply(&context)
        BuildMetadata.recordStep("annotations", &context)
        try Patches.applyJSON6902(&context)
        BuildMetadata.recordStep("json6902", &context)
        try ReplicaStep.apply(&context)
        BuildMetadata.recordStep("replicas", &context)
        try ImageStep.apply(&context)
        BuildMetadata.recordStep("images", &context)
        try Replacements.apply(&context)
        BuildMetadata.recordStep("replacements", &context)
        try PluginConfigs.runTransformers(&context)
        try PluginConfigs.runValidators(&context)
        try Vars.collect(&context)
    }

    /// The top-level finishing steps (`makeCustomizedResMap`): hash suffixes on generated
    /// names, name references fixed to the final names, vars resolved, build metadata, order,
    /// and internal bookkeeping removed.
    func finish(_ context: inout BuildContext) throws -> [KubeObject] {
        try HashSuffix.apply(&context)
        try NameReferences.fix(&context)
        try Vars.resolve(&context)
        try BuildMetadata.apply(&context)
        try SortOrder.apply(&context)
        // Objects marked local-config take part in the build (as name-reference and replacement
        // sources) but are not output, as kustomize does.
        context.objects.removeAll { $0.annotations["config.kubernetes.io/local-config"] == "true" }
        return context.objects.map { object in
            var object = object
            ResourceIdentity.strip(&object)
            // kustomize prints maps with sorted keys (its resources pass through Go maps).
            return KubeObject(object.body.sortedKeys())
        }
    }
}
