import Foundation
import GitOpsAPI
import Hashing
import Helm
import Kustomize
import YAML

extension ReleaseController {
    /// Marks each object with the template it came from while post-renderers run.
    static let sourceAnnotation = "post-render.gitops.dev/source"

    /// Flux's post-renderers (helm-controller `BuildPostRenderers`) on the rendered manifests —
    /// not the hooks, as Helm 3 runs post-renderers: each `kustomize` entry is a kustomization of
    /// the manifests (`resources: [helm-output.yaml]`) with its `patches` and `images`, built as
    /// kustomize builds it; then `commonMetadata` labels and annotations on every object's
    /// metadata. (Flux's origin labels are set when the objects are applied.) Each manifest keeps
    /// the path of the template it came from.
    static func postRender(_ rendering: Rendering, spec: HelmRelease.Spec) throws -> Rendering {
        guard !spec.postRenderers.isEmpty || spec.commonMetadata != nil else { return rendering }
        var objects: [KubeObject] = try rendering.manifests.map { manifest in
            var object = KubeObject(try YAML.parse(manifest.content, file: manifest.sourcePath))
            object.setAnnotation(sourceAnnotation, manifest.sourcePath)
            return object
        }
        for (index, renderer) in spec.postRenderers.enumerated() {
            do {
                objects = try kustomize(objects, renderer)
            } catch {
                throw ReleaseError(reason: Reason.reconciliationFailed,
                                   message: "error while running post render on files: spec.postRenderers[\(index)].kustomize: \(error)")
            }
        }
        if let common = spec.commonMetadata {
            for index in objects.indices {
                for (key, value) in common.labels { objects[index].setLabel(key, value) }
                for (key, value) in common.annotations { objects[index].setAnnotation(key, value) }
            }
        }
        var out = rendering
        out.manifests = objects.map { object in
            var object = object
            let source = object.annotations[sourceAnnotation] ?? "post-rendered"
            object.setAnnotation(sourceAnnotation, nil)
            if object.annotations.isEmpty, case .object(var metadata)? = object.body["metadata"] {
                metadata["annotations"] = nil
                object.body["metadata"] = .object(metadata)
            }
            let content = YAML.emit(object.body).trimmingCharacters(in: .newlines)
            return Rendering.Manifest(template: source, content: content, apiVersion: object.apiVersion, kind: object.kind, name: object.name)
        }
        return out
    }

    /// One `kustomize` post-renderer: the objects and a kustomization.yaml in a scratch directory,
    /// built with no load restrictions (as helm-controller's in-memory build).
    private static func kustomize(_ objects: [KubeObject], _ renderer: HelmRelease.KustomizePostRenderer) throws -> [KubeObject] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gitops-postrender-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try YAML.emitDocuments(objects.map(\.body)).write(toFile: directory + "/helm-output.yaml", atomically: true, encoding: .utf8)
        var kustomization: JSONObject = [
            "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization", "resources": ["helm-output.yaml"],
        ]
        if !renderer.images.isEmpty { kustomization["images"] = .array(renderer.images) }
        if !renderer.patches.isEmpty { kustomization["patches"] = .array(renderer.patches) }
        try JSONValue.object(kustomization).jsonString().write(toFile: directory + "/kustomization.yaml", atomically: true, encoding: .utf8)
        return try Builder(root: directory, loadRestrictor: .none).build(directory)
    }

    /// `sha256:<hex>` of a spec field as written; empty when it is absent (a release made before
    /// the field was set is not upgraded for it).
    static func specDigest(_ value: JSONValue?) -> String {
        guard let value, !value.isNull, value != .array([]) else { return "" }
        return "sha256:" + Hex.encode(SHA256.hash(value.sortedKeys().jsonString()))
    }
}
