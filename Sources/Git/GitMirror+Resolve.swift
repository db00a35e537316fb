import CGitOpsGit2
import SemVer

extension GitMirror {
    /// Finds the commit a reference names in the mirror (fetch first) and formats Flux's
    /// revision string for it. Throws `.notFound` with the reference in the message.
    public func resolve(_ reference: GitReference) throws -> GitCheckout {
        switch reference {
        case .branch(let branch):
            let commit = try commitID(ofReference: "refs/heads/" + branch, describe: "branch '\(branch)'")
            return try checkout(commit, revision: "\(branch)@sha1:\(commit)")
        case .tag(let tag):
            let commit = try commitID(ofReference: "refs/tags/" + tag, describe: "tag '\(tag)'")
            return try checkout(commit, revision: "\(tag)@sha1:\(commit)")
        case .semver(let expression):
            let tag = try highestTag(matching: expression)
            let commit = try commitID(ofReference: "refs/tags/" + tag, describe: "tag '\(tag)'")
            return try checkout(commit, revision: "\(tag)@sha1:\(commit)")
        case .name(let name):
            guard name.hasPrefix("refs/") else {
                throw GitError(.notFound, "reference name '\(name)' must be a full name such as refs/heads/main or refs/tags/v1.0.0")
            }
            let commit = try commitID(ofReference: name, describe: "reference '\(name)'")
            return try checkout(commit, revision: "\(name)@sha1:\(commit)")
        case .commit(let sha, let branch):
            let commit = try commitID(ofSHA: sha)
            guard let branch else { return try checkout(commit, revision: "sha1:\(commit)") }
            let tip = try commitID(ofReference: "refs/heads/" + branch, describe: "branch '\(branch)'")
            guard try isAncestor(commit, of: tip) else {
                throw GitError(.notFound, "commit \(commit) is not on branch '\(branch)' of \(remote.display)")
            }
            return try checkout(commit, revision: "\(branch)@sha1:\(commit)")
        }
    }

    /// All tag names in the mirror, sorted.
    public func tags() throws -> [String] {
        var names = git_strarray()
        try git(git_tag_list(&names, repository), "cannot list the tags of \(remote.display)")
        defer { git_strarray_dispose(&names) }
        return (0..<names.count).compactMap { names.strings[$0].map { String(cString: $0) } }.sorted()
    }

    /// The tag whose name is the highest version matching `expression`; tags that are not
    /// versions are ignored. When `v1.0.0` and `1.0.0` both exist, the later name wins so
    /// the choice does not depend on listing order.
    func highestTag(matching expression: String) throws -> String {
        let constraint: Constraint
        do {
            constraint = try Constraint.parse(expression)
        } catch {
            throw GitError(.other, "invalid semver range '\(expression)' in spec.ref.semver: \(error)")
        }
        let candidates = try tags().compactMap { tag in Version(tag).map { (tag: tag, version: $0) } }
            .filter { constraint.matches($0.version) }
        guard let best = candidates.max(by: { ($0.version, $0.tag) < ($1.version, $1.tag) }) else {
            throw GitError(.notFound, "no tag of \(remote.display) matches semver range '\(expression)'")
        }
        return best.tag
    }

    /// Peels a reference (through annotated tags) to its commit's 40-hex id.
    func commitID(ofReference name: String, describe: String) throws -> String {
        var reference: OpaquePointer?
        try git(git_reference_lookup(&reference, repository, name), "\(describe) not found in \(remote.display)")
        defer { git_reference_free(reference) }
        var object: OpaquePointer?
        try git(git_reference_peel(&object, reference, GIT_OBJECT_COMMIT), "\(describe) of \(remote.display) does not point to a commit")
        defer { git_object_free(object) }
        return git_object_id(object).pointee.hex
    }

    /// Expands a full or abbreviated (≥ 4 hex) commit id that exists in the mirror.
    func commitID(ofSHA sha: String) throws -> String {
        let hex = sha.lowercased()
        guard hex.count >= 4, hex.count <= 40, hex.allSatisfy(\.isHexDigit) else {
            throw GitError(.notFound, "'\(sha)' is not a commit id (4 to 40 hexadecimal digits)")
        }
        var oid = git_oid()
        try git(git_oid_fromstrn(&oid, hex, hex.utf8.count), "'\(sha)' is not a commit id")
        var commit: OpaquePointer?
        try git(git_commit_lookup_prefix(&commit, repository, &oid, hex.utf8.count),
                "commit \(sha) not found in \(remote.display)")
        defer { git_commit_free(commit) }
        return git_commit_id(commit).pointee.hex
    }

    /// True when `commit` is `tip` or one of its ancestors.
    func isAncestor(_ commit: String, of tip: String) throws -> Bool {
        if commit == tip { return true }
        var commitOID = try oid(commit), tipOID = try oid(tip)
        let code = git_graph_descendant_of(repository, &tipOID, &commitOID)
        try git(code, "cannot walk the history of \(remote.display)")
        return code == 1
    }

    func oid(_ hex: String) throws -> git_oid {
        var oid = git_oid()
        try git(git_oid_fromstr(&oid, hex), "'\(hex)' is not a commit id")
        return oid
    }

    private func checkout(_ commit: String, revision: String) throws -> GitCheckout {
        var oid = try oid(commit)
        var handle: OpaquePointer?
        try git(git_commit_lookup(&handle, repository, &oid), "commit \(commit) not found in \(remote.display)")
        defer { git_commit_free(handle) }
        let subject = git_commit_summary(handle).map { String(cString: $0) } ?? ""
        return GitCheckout(revision: revision, commit: commit, subject: subject)
    }
}

extension git_oid {
    /// The 40-character lower-case hex form.
    var hex: String {
        withUnsafeBytes(of: id) { bytes in
            bytes.map { byte in
                let text = String(byte, radix: 16)
                return byte < 16 ? "0" + text : text
            }.joined()
        }
    }
}
