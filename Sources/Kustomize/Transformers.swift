import GitOpsAPI

/// kustomize's built-in transformers, one file each (`NamespaceTransformer.swift`, …). The
/// pipeline (`Pipeline.swift`) runs them in kustomize's order; the public functions also serve
/// Flux's Kustomization-level options.
public enum Transformers {}
