import GitOpsAPI

/// An `images:` entry.
public struct ImageOverride: Sendable, Hashable {
    public var name: String
    public var newName: String?
    public var newTag: String?
    public var digest: String?

    public init(name: String, newName: String? = nil, newTag: String? = nil, digest: String? = nil) {
        self.name = name
        self.newName = newName
        self.newTag = newTag
        self.digest = digest
    }

    /// Splits `registry/name:tag@digest` into name and the rest.
    static func split(_ image: String) -> (name: String, tag: String?, digest: String?) {
        var rest = Substring(image)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        // A tag follows the last ':' after the last '/', so registry ports are kept.
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[lastSlash...].lastIndex(of: ":") {
            return (String(rest[..<colon]), String(rest[rest.index(after: colon)...]), digest)
        }
        return (String(rest), nil, digest)
    }

    func rewrite(_ image: String) -> String? {
        let parts = Self.split(image)
        guard parts.name == name else { return nil }
        let newImageName = newName ?? parts.name
        if let digest { return "\(newImageName)@\(digest)" }
        if let newTag { return "\(newImageName):\(newTag)" }
        if let tag = parts.tag { return parts.digest.map { "\(newImageName):\(tag)@\($0)" } ?? "\(newImageName):\(tag)" }
        return parts.digest.map { "\(newImageName)@\($0)" } ?? newImageName
    }
}

extension Transformers {
    static let podSpecPaths: [[String]] = [
        ["spec"], ["spec", "template", "spec"], ["spec", "jobTemplate", "spec", "template", "spec"],
    ]

    /// Rewrites the images of containers and init containers wherever a pod spec lives.
    public static func setImage(_ override: ImageOverride, on objects: inout [KubeObject]) {
        for i in objects.indices {
            for path in podSpecPaths {
                for list in ["containers", "initContainers"] {
                    guard let containers = objects[i].body[path: path + [list]]?.arrayValue else { continue }
                    var changed = containers
                    for (j, c) in containers.enumerated() {
                        if let image = c["image"]?.stringValue, let rewritten = override.rewrite(image) {
                            changed[j]["image"] = .string(rewritten)
                        }
                    }
                    if changed != containers { objects[i].body.set(path + [list], .array(changed)) }
                }
            }
        }
    }
}

/// `images:` (ImageTagTransformer).
enum ImageStep {
    static func apply(_ context: inout BuildContext) throws {
        for image in context.file.images {
            Transformers.setImage(ImageOverride(name: image.name, newName: image.newName, newTag: image.newTag, digest: image.digest), on: &context.objects)
        }
    }
}
