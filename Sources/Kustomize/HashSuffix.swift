import GitOpsAPI

/// Content-hash suffixes on generated ConfigMaps and Secrets (kustomize's HashTransformer, run
/// once at the top after every kustomization's transformers): an object marked `needsHash` is
/// renamed `<name>-<hash>`, the hash taken over its final name and data (`GeneratorHash`), and
/// its previous name recorded so references follow it.
enum HashSuffix {
    static func apply(_ context: inout BuildContext) throws {
        for i in context.objects.indices where context.objects[i].annotations[ResourceIdentity.needsHash] == "enabled" {
            let hash = GeneratorHash.hash(context.objects[i])
            ResourceIdentity.recordCurrent(&context.objects[i])
            context.objects[i].name += "-" + hash
        }
    }
}
