import GitOpsAPI

// Not implemented yet: refuses its fields by name.
/// Content-hash suffixes on generated ConfigMaps and Secrets.
enum HashSuffix {
    static func apply(_ context: inout BuildContext) throws {}
}
