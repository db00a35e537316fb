import Cluster
import GitOpsAPI

/// The rule an object's name must follow, which depends on its kind (as in kube's validation).
enum NameRule {
    /// Most kinds: lower-case RFC 1123 subdomain, at most 253 characters.
    case dns1123Subdomain
    /// Namespaces: lower-case RFC 1123 label, at most 63 characters.
    case dns1123Label
    /// Services: RFC 1035 label (starts with a letter), at most 63 characters.
    case dns1035Label
    /// RBAC kinds (`system:controller:…`): anything usable as a URL path segment.
    case pathSegment

    init(kind: KindInfo) {
        switch (kind.group, kind.kind) {
        case ("", "Namespace"): self = .dns1123Label
        case ("", "Service"): self = .dns1035Label
        case ("rbac.authorization.k8s.io", _): self = .pathSegment
        default: self = .dns1123Subdomain
        }
    }

    /// Why `name` breaks the rule, in kube's words; nil when it is valid.
    func violation(_ name: String) -> String? {
        let labelRegex = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
        switch self {
        case .dns1123Subdomain:
            if name.count > 253 { return "must be no more than 253 characters" }
            let ok = name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { Self.isLabel($0, letterFirst: false) }
            return ok ? nil
                : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '\(labelRegex)(\\.\(labelRegex))*')"
        case .dns1123Label:
            if name.count > 63 { return "must be no more than 63 characters" }
            return Self.isLabel(Substring(name), letterFirst: false) ? nil
                : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '\(labelRegex)')"
        case .dns1035Label:
            if name.count > 63 { return "must be no more than 63 characters" }
            return Self.isLabel(Substring(name), letterFirst: true) ? nil
                : "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
        case .pathSegment:
            if name == "." || name == ".." { return "may not be '\(name)'" }
            if name.contains("/") { return "may not contain '/'" }
            if name.contains("%") { return "may not contain '%'" }
            return nil
        }
    }

    private static func isLabel(_ s: Substring, letterFirst: Bool) -> Bool {
        guard let first = s.first, let last = s.last, s.count <= 63 else { return false }
        let lowerAlnum = { (c: Character) in c.isASCII && (c.isLowercase || c.isNumber) }
        guard letterFirst ? (first.isASCII && first.isLowercase) : lowerAlnum(first), lowerAlnum(last) else { return false }
        return s.allSatisfy { lowerAlnum($0) || $0 == "-" }
    }
}

/// Checks an object's name against its kind's rule (and a CRD's name against what it
/// declares); `.invalid` with kube's message otherwise.
func validateName(of object: KubeObject, kind: KindInfo) throws {
    let name = object.name
    func invalid(_ detail: String) -> ClusterError {
        ClusterError(.invalid, "\(kind.qualifiedKind) \"\(name)\" is invalid: metadata.name: Invalid value: \"\(name)\": \(detail)",
            object: object.id)
    }
    if let violation = NameRule(kind: kind).violation(name) { throw invalid(violation) }
    if kind.group == "apiextensions.k8s.io", kind.kind == "CustomResourceDefinition" {
        let plural = object.spec?[path: ["names", "plural"]]?.stringValue ?? ""
        let group = object.spec?["group"]?.stringValue ?? ""
        if name != "\(plural).\(group)" { throw invalid("must be spec.names.plural+\".\"+spec.group") }
    }
}
