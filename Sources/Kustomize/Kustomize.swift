// Kustomize
