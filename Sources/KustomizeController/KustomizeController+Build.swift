import Foundation
import GitOpsAPI
import Kustomize

extension KustomizeController {
    /// Builds the Kustomization's path in an artifact, then applies Flux's own transformations:
    /// targetNamespace, name prefix/suffix, images, commonMetadata, postBuild substitution, and
    /// the ownership labels that tie every object to this Kustomization.
    func build(_ ks: Kustomization, artifact: Artifact) throws -> [KubeObject] {
        guard let root = artifact.localDirectory, FileManager.default.fileExists(atPath: root) else {
            throw PhaseError(reason: Reason.artifactFailed, message: "artifact for revision \(artifact.revision) not found at \(artifact.url)")
        }
        var objects: [KubeObject]
        do {
            let path = ks.spec.path.hasPrefix("/") ? String(ks.spec.path.dropFirst()) : ks.spec.path
            guard FileManager.default.fileExists(atPath: root + "/" + path) else {
                throw PhaseError(reason: Reason.buildFailed, message: "kustomization path not found: \(ks.spec.path) does not exist in revision \(artifact.revision)")
            }
            objects = try Builder(root: root).build(path, plainDirectory: true)
        } catch let error as PhaseError {
            throw error
        } catch {
            throw PhaseError(reason: Reason.buildFailed, message: "build of revision \(artifact.revision) failed: \(error)")
        }
        let spec = ks.spec
        if let ns = spec.targetNamespace { Transformers.setNamespace(ns, on: &objects) }
        if spec.namePrefix != nil || spec.nameSuffix != nil {
            Transformers.addNamePrefixSuffix(prefix: spec.namePrefix ?? "", suffix: spec.nameSuffix ?? "", to: &objects)
        }
        for image in spec.images {
            Transformers.setImage(ImageOverride(name: image.name, newName: image.newName, newTag: image.newTag, digest: image.digest), on: &objects)
        }
        if !spec.commonLabels.isEmpty {
            Transformers.addLabels(spec.commonLabels, includeSelectors: false, includeTemplates: false, to: &objects)
        }
        if !spec.commonAnnotations.isEmpty { Transformers.addAnnotations(spec.commonAnnotations, to: &objects) }
        do {
            try Substitution.apply(spec.substitute, to: &objects)
        } catch {
            throw PhaseError(reason: Reason.buildFailed, message: "post-build substitution failed: \(error)")
        }
        for i in objects.indices {
            // Objects without a namespace land in the Kustomization's target namespace, or in
            // "default" as kubectl would put them.
            if objects[i].namespace == nil, Scope.isNamespaced(objects[i]) {
                objects[i].namespace = spec.targetNamespace ?? "default"
            }
            objects[i].setLabel(Annotations.kustomizeName, ks.metadata.name)
            objects[i].setLabel(Annotations.kustomizeNamespace, ks.metadata.namespace)
        }
        return objects
    }
}
