/// Why a build failed, naming the file (and line where the YAML reader knows it).
public enum BuildError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalid(file: String, message: String)
    case unsupported(file: String, field: String)
    case missing(file: String, message: String)
    case outsideRoot(file: String, path: String)
    case remote(file: String, resource: String)
    case cycle(file: String)

    public var description: String {
        switch self {
        case .invalid(let file, let message): return "\(file): \(message)"
        case .unsupported(let file, let field):
            return "\(file): kustomization field \"\(field)\" is not supported by this agent yet; build it with kubectl kustomize and commit the output, or remove the field"
        case .missing(let file, let message): return "\(file): \(message)"
        case .outsideRoot(let file, let path):
            return "\(file): \(path) is outside the build root; only files under the root may be loaded"
        case .remote(let file, let resource):
            return "\(file): remote resource \(resource) refused: the agent never fetches remote bases; vendor it into the repository"
        case .cycle(let file): return "\(file): the kustomization includes itself (a cycle)"
        }
    }
}
