import GitOpsAPI

/// kustomize's built-in `varReference` table (`builtinpluginconsts/varreference.go`): the fields
/// where `$(VAR)` is replaced. Paths are kustomize's, without `[]`: lists along the way are
/// walked element by element (`VarReferenceWalker`). Used when the transformer config carries
/// no var references of its own (the shared default table does not hold them yet).
enum VarReferenceDefaults {
    static let specs: [FieldSpec] = {
        let container = ["args", "command", "env/value", "volumeMounts/mountPath"]
        func pod(_ prefix: String) -> [String] {
            ["containers", "initContainers"].flatMap { c in container.map { "\(prefix)\(c)/\($0)" } }
        }
        var specs: [FieldSpec] = []
        func add(_ kind: String, _ paths: [String]) { specs += paths.map { FieldSpec(kind: kind, path: $0) } }
        // kustomize's table keeps this odd CronJob volumes path (no `spec/` after `template/`).
        add("CronJob", pod("spec/jobTemplate/spec/template/spec/") + ["spec/jobTemplate/spec/template/volumes/nfs/server"])
        add("DaemonSet", pod("spec/template/spec/") + ["spec/template/spec/volumes/nfs/server"])
        add("Deployment", pod("spec/template/spec/") + ["spec/template/spec/volumes/nfs/server", "spec/template/metadata/annotations"])
        add("Ingress", ["spec/rules/host", "spec/tls/hosts", "spec/tls/secretName"])
        add("Job", pod("spec/template/spec/") + ["spec/template/spec/volumes/nfs/server"])
        add("Pod", pod("spec/") + ["spec/volumes/nfs/server"])
        add("ReplicaSet", pod("spec/template/spec/") + ["spec/template/spec/volumes/nfs/server"])
        add("Service", ["spec/ports/port", "spec/ports/targetPort"])
        add("StatefulSet", pod("spec/template/spec/") + ["spec/volumeClaimTemplates/spec/nfs/server"])
        add("PersistentVolume", ["spec/nfs/server"])
        specs += [FieldSpec(path: "metadata/labels"), FieldSpec(path: "metadata/annotations")]
        return specs
    }()
}
