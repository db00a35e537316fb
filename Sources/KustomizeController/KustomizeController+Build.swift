import Cluster
import Foundation
import GitOpsAPI
import Kustomize

extension KustomizeController {
    /// Builds the Kustomization's path in an artifact with Flux's options written into its
    /// kustomization (targetNamespace, name prefix/suffix, images, patches, components), then
    /// applies commonMetadata, postBuild substitution, and the ownership labels that tie every
    /// object to this Kustomization.
    func build(_ ks: Kustomization, artifact: Artifact) async throws -> [KubeObject] {
        guard let root = artifact.localDirectory, FileManager.default.fileExists(atPath: root) else {
            throw PhaseError(reason: Reason.artifactFailed, message: "artifact for revision \(artifact.revision) not found at \(artifact.url)")
        }
        var objects: [KubeObject]
        do {
            let path = ks.spec.path.hasPrefix("/") ? String(ks.spec.path.dropFirst()) : ks.spec.path
            guard FileManager.default.fileExists(atPath: root + "/" + path) else {
                throw PhaseError(reason: Reason.buildFailed, message: "kustomization path not found: \(ks.spec.path) does not exist in revision \(artifact.revision)")
            }
            let spec = ks.spec
            let overrides = TopLevelOverrides(
                namespace: spec.targetNamespace, namePrefix: spec.namePrefix, nameSuffix: spec.nameSuffix,
                images: spec.images.map { ImageOverride(name: $0.name, newName: $0.newName, newTag: $0.newTag, digest: $0.digest) },
                patches: spec.patches, components: spec.components)
            objects = try Builder(root: root).build(path, plainDirectory: true, overrides: overrides)
        } catch let error as PhaseError {
            throw error
        } catch {
            throw PhaseError(reason: Reason.buildFailed, message: "build of revision \(artifact.revision) failed: \(error)")
        }
        let spec = ks.spec
        // commonMetadata goes on every object after the build, overriding same-named keys, as Flux does.
        if !spec.commonLabels.isEmpty {
            Transformers.addLabels(spec.commonLabels, includeSelectors: false, includeTemplates: false, to: &objects)
        }
        if !spec.commonAnnotations.isEmpty { Transformers.addAnnotations(spec.commonAnnotations, to: &objects) }
        do {
            try Substitution.apply(try await substitutionVariables(ks), to: &objects)
        } catch let error as PhaseError {
            throw error
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

extension KustomizeController {
    /// `postBuild.substituteFrom` (in order, later ones win) overlaid by `postBuild.substitute`.
    func substitutionVariables(_ ks: Kustomization) async throws -> [String: String] {
        var vars: [String: String] = [:]
        for source in ks.spec.substituteFrom {
            let ref = ObjectRef(apiVersion: "v1", kind: source.kind, namespace: ks.metadata.namespace, name: source.name)
            guard let object = try await cluster.get(ref) else {
                if source.optional { continue }
                throw PhaseError(reason: Reason.buildFailed,
                                 message: "postBuild.substituteFrom: \(source.kind) '\(ks.metadata.namespace)/\(source.name)' not found; create it or mark the entry optional: true")
            }
            if source.kind == "Secret" {
                vars.merge(SecretData(object).all) { $1 }
            } else {
                for (key, value) in object.body["data"]?.objectValue ?? [:] { if let s = value.stringValue { vars[key] = s } }
            }
        }
        vars.merge(ks.spec.substitute) { $1 }
        return vars
    }
}
