import GitOpsAPI

extension Transformers {
    /// Sets the namespace of every namespaced object (kustomize's NamespaceTransformer).
    public static func setNamespace(_ namespace: String, on objects: inout [KubeObject]) {
        // ServiceAccounts being moved: bindings that name them follow them.
        let movingAccounts = Set(objects.filter { $0.kind == "ServiceAccount" }.map { "\($0.namespace ?? "")/\($0.name)" })
        for i in objects.indices {
            let old = objects[i].namespace
            if Scope.isNamespaced(objects[i]) { objects[i].namespace = namespace }
            // Bindings follow their ServiceAccount subjects into the new namespace when the
            // subject had none, shared the binding's old namespace, or names an account that moves.
            if ["RoleBinding", "ClusterRoleBinding"].contains(objects[i].kind),
               let subjects = objects[i].body["subjects"]?.arrayValue
            {
                let moved: [JSONValue] = subjects.map { subject in
                    guard subject["kind"]?.stringValue == "ServiceAccount" else { return subject }
                    let ns = subject["namespace"]?.stringValue
                    let name = subject["name"]?.stringValue ?? ""
                    guard ns == nil || ns == "" || ns == old || movingAccounts.contains("\(ns ?? "")/\(name)") else { return subject }
                    var s = subject
                    s["namespace"] = .string(namespace)
                    return s
                }
                objects[i].body["subjects"] = .array(moved)
            }
        }
    }

}

/// `namespace:` (kustomize's NamespaceTransformer).
enum NamespaceStep {
    static func apply(_ context: inout BuildContext) throws {
        guard let ns = context.file.namespace, !ns.isEmpty else { return }
        Transformers.setNamespace(ns, on: &context.objects)
    }
}
