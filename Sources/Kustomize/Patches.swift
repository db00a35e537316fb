import GitOpsAPI

// Not implemented yet: refuses its fields by name.
/// `patchesStrategicMerge:`, `patches:` and `patchesJson6902:`.
enum Patches {
    static func applyStrategicMerge(_ context: inout BuildContext) throws { try context.refuse("patchesStrategicMerge", "patches") }
    static func applyJSON6902(_ context: inout BuildContext) throws { try context.refuse("patchesJson6902") }
}
