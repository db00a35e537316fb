import Foundation
import GitOpsAPI

/// An `images:` entry (kustomize's `types.Image`).
public struct ImageOverride: Sendable, Hashable {
    public var name: String
    public var newName: String?
    public var newTag: String?
    public var digest: String?
    /// Appended to the current tag (kustomize's `tagSuffix`).
    public var tagSuffix: String?

    public init(name: String, newName: String? = nil, newTag: String? = nil, digest: String? = nil, tagSuffix: String? = nil) {
        self.name = name
        self.newName = newName
        self.newTag = newTag
        self.digest = digest
        self.tagSuffix = tagSuffix
    }

    /// Splits `registry/name:tag@digest` the way kustomize's `image.Split` does: the tag and
    /// digest are searched after the first `/`, so a registry port stays in the name.
    static func split(_ image: String) -> (name: String, tag: String, digest: String) {
        let chars = Array(image)
        let slash = chars.firstIndex(of: "/").flatMap { $0 > 0 ? $0 : nil } ?? 0
        let search = chars[slash...]
        let at = search.firstIndex(of: "@")
        let colon = search.firstIndex(of: ":")
        if let at, colon == nil || at < colon! {
            return (String(chars[..<at]), "", String(chars[(at + 1)...]))
        }
        guard let colon else { return (image, "", "") }
        if let at {
            return (String(chars[..<colon]), String(chars[(colon + 1)..<at]), String(chars[(at + 1)...]))
        }
        return (String(chars[..<colon]), String(chars[(colon + 1)...]), "")
    }

    /// kustomize's `image.IsImageMatched`: the name (a regular expression, as kustomize
    /// uses it unescaped), then an optional tag and sha256 digest.
    func matches(_ image: String) -> Bool {
        let pattern = "^" + name + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$"
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: image, range: NSRange(image.startIndex..., in: image)) != nil
    }

    /// The image with this override applied, or nil when it does not match.
    func rewrite(_ image: String) -> String? {
        guard matches(image) else { return nil }
        var (name, tag, digest) = Self.split(image)
        if let newName, !newName.isEmpty { name = newName }
        let newTag = self.newTag ?? "", digestValue = self.digest ?? "", suffix = tagSuffix ?? ""
        if !newTag.isEmpty && !digestValue.isEmpty {
            (tag, digest) = (newTag, digestValue)
        } else if !newTag.isEmpty {
            (tag, digest) = (newTag, "")
        } else if !digestValue.isEmpty {
            (tag, digest) = ("", digestValue)
        } else if !suffix.isEmpty {
            (tag, digest) = (tag + suffix, "")
        }
        if !tag.isEmpty { name += ":" + tag }
        if !digest.isEmpty { name += "@" + digest }
        return name
    }
}

extension Transformers {
    /// Rewrites the images of containers and init containers wherever a pod spec lives.
    public static func setImage(_ override: ImageOverride, on objects: inout [KubeObject]) {
        try? ImageStep.setImage(override, specs: DefaultFieldSpecs.images, on: &objects, file: "")
    }
}

/// `images:` (ImageTagTransformer): one pass per entry, each first over every `containers` and
/// `initContainers` list anywhere in an object (kustomize's legacy filter), then over the
/// images field specs in force. CustomResourceDefinitions are left alone.
enum ImageStep {
    static func apply(_ context: inout BuildContext) throws {
        for image in context.file.images {
            let override = ImageOverride(name: image.name, newName: image.newName, newTag: image.newTag, digest: image.digest,
                                         tagSuffix: image.tagSuffix)
            try setImage(override, specs: context.config.images, on: &context.objects, file: context.file.path)
        }
    }

    static func setImage(_ override: ImageOverride, specs: [FieldSpec], on objects: inout [KubeObject], file: String) throws {
        for i in objects.indices where objects[i].kind != "CustomResourceDefinition" {
            rewriteContainerLists(&objects[i].body, override)
            let label = "\(objects[i].kind)/\(objects[i].name)"
            for spec in specs {
                do {
                    try spec.apply(to: &objects[i], createKind: nil) { node in
                        guard case .string(let image) = node else {
                            throw BuildError.invalid(file: file, message: "\(label): \(spec.path) is not a string image")
                        }
                        if let rewritten = override.rewrite(image) { node = .string(rewritten) }
                    }
                } catch let error as FieldSpecWalkError {
                    throw BuildError.invalid(file: file, message: error.description)
                }
            }
        }
    }

    /// Every `containers`/`initContainers` list anywhere in the value: each element's string
    /// `image` is rewritten.
    static func rewriteContainerLists(_ value: inout JSONValue, _ override: ImageOverride) {
        switch value {
        case .object(var map):
            for key in Array(map.keys) {
                var child = map[key]!
                rewriteContainerLists(&child, override)
                if key == "containers" || key == "initContainers", case .array(var items) = child {
                    for j in items.indices {
                        if case .string(let image)? = items[j]["image"], let rewritten = override.rewrite(image) {
                            items[j]["image"] = .string(rewritten)
                        }
                    }
                    child = .array(items)
                }
                map[key] = child
            }
            value = .object(map)
        case .array(var items):
            for j in items.indices { rewriteContainerLists(&items[j], override) }
            value = .array(items)
        default:
            return
        }
    }
}
