import Foundation
import GitOpsAPI

/// `components:` (kustomize's `accumulateComponents`): a Component (`kind: Component`,
/// `kustomize.config.k8s.io/v1alpha1`) does not build on its own. It runs over the resources
/// the including kustomization has accumulated so far: its own resources are appended to them
/// (with the usual id check), its configurations merged, then its generators, patches and
/// transformers run over the combined set, and its vars join the includer's. Components apply
/// in the order listed, each seeing what the previous one did, and may include components.
enum Components {
    static let apiVersion = "kustomize.config.k8s.io/v1alpha1"

    static func apply(_ context: inout BuildContext) throws {
        guard let raw = context.file.raw["components"], !raw.isNull else { return }
        guard let list = raw.arrayValue else {
            throw BuildError.invalid(file: context.file.path, message: "components: expected a list of directories, found \(raw.typeName)")
        }
        for entry in list {
            guard let path = entry.stringValue else {
                throw BuildError.invalid(file: context.file.path, message: "components: expected a directory path, found \(entry.typeName)")
            }
            try applyOne(path, &context)
        }
    }

    static func applyOne(_ path: String, _ context: inout BuildContext) throws {
        let builder = context.builder
        let file = context.file.path
        if path.contains("://") || path.hasPrefix("git::") || path.hasPrefix("github.com/") {
            throw BuildError.remote(file: file, resource: path)
        }
        let dir = Builder.canonical(path.hasPrefix("/") ? path : context.directory + "/" + path)
        try builder.checkInside(dir, boundary: builder.root, file: file)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw BuildError.invalid(file: file, message: "accumulating components: must build at directory: '\(dir)': file is not directory; components: lists directories holding a kind: Component kustomization")
        }
        guard let kfile = builder.kustomizationFile(in: dir) else {
            throw BuildError.missing(file: file, message: "accumulating components: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '\(dir)' (listed as \(path))")
        }
        var component = try builder.load(dir: dir, file: kfile, visiting: context.visiting)
        guard component.file.isComponent else {
            let kind = component.file.raw["kind"]?.stringValue ?? "Kustomization"
            throw BuildError.invalid(file: file, message: "accumulating components: accumulateDirectory: \"expected kind 'Component' for path '\(dir)' but got '\(kind)'\"; list \(path) under resources: instead, or make it a kind: Component")
        }
        if let version = component.file.raw["apiVersion"]?.stringValue, version != apiVersion {
            throw BuildError.invalid(file: component.file.path, message: "apiVersion for Component should be \(apiVersion), found \(version)")
        }
        // kustomize hands the includer's accumulator to the component: it continues from there.
        component.originPath = context.originPath.map { BuildMetadata.join($0, path) }
        component.objects = context.objects
        component.config = context.config
        component.vars = context.vars
        try builder.runPipeline(&component)
        context.objects = component.objects
        context.config = component.config
        context.vars = component.vars
    }
}
