import GitOpsAPI

/// kustomize's built-in name-reference table (`builtinpluginconsts/namereference.go`): which
/// fields of which kinds hold the name of a ConfigMap, Secret, Service, ServiceAccount, Role, ….
enum DefaultNameReferences {
    static var all: [NameBackReference] { [] }
}
