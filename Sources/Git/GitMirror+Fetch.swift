import CGitOpsGit2
import Foundation

extension GitMirror {
    /// Branches and tags, mirrored one to one; `+` because upstream history may be rewritten.
    static let mirrorRefspecs = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"]

    /// Brings the mirror up to date with the remote, transferring only new objects. Refs that
    /// vanished upstream are pruned. `extraRefs` adds full reference names outside branches
    /// and tags (`refs/pull/420/head`) for `GitReference.name`.
    ///
    /// Blocking: call it from `GitWorker.run`. Throws a `GitError` whose message is safe to show.
    public func fetch(credentials: GitCredentials?, timeout: Duration, extraRefs: [String] = []) throws {
        let session = FetchSession(url: remote, credentials: credentials, timeout: timeout)
        do {
            try performFetch(session: session, extraRefs: extraRefs)
        } catch let error as GitError {
            // A callback's own diagnosis beats libgit2's generic "callback returned error".
            throw session.failure ?? session.redact(GitError(error.kind, error.message))
        }
    }

    private func performFetch(session: FetchSession, extraRefs: [String]) throws {
        if case let code = session.checkDeadline(), code != 0 { throw session.failure! }
        for ref in extraRefs where !ref.hasPrefix("refs/") || ref.contains(":") || ref.contains("*") {
            throw GitError(.invalidURL, "'\(ref)' is not a full reference name such as refs/pull/1/head")
        }
        var handle: OpaquePointer?
        try git(git_remote_create_anonymous(&handle, repository, remote.normalized),
                "cannot use \(remote.display) as a remote", notFound: .invalidURL)
        defer { git_remote_free(handle) }

        var options = git_fetch_options()
        try git(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "git_fetch_options_init")
        options.prune = GIT_FETCH_PRUNE
        options.update_fetchhead = 0
        // The tag refspec below already mirrors every tag; auto-following would only repeat it.
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        installCallbacks(&options.callbacks, session: session)

        let refspecs = Self.mirrorRefspecs + extraRefs.map { "+\($0):\($0)" }
        let headers = session.credentials?.bearerToken.map { ["Authorization: Bearer \($0)"] } ?? []
        let code = CStringArray(refspecs).withStrarray { refspecArray in
            CStringArray(headers).withStrarray { headerArray in
                options.custom_headers = headerArray.pointee
                return git_remote_fetch(handle, refspecArray, &options, "gitops: fetch")
            }
        }
        try git(code, "fetching \(remote.display) failed")
    }

    /// Wires libgit2's callbacks to the session; the closures capture nothing (C function
    /// pointers cannot), so the session travels as the unretained payload.
    private func installCallbacks(_ callbacks: inout git_remote_callbacks, session: FetchSession) {
        callbacks.payload = Unmanaged.passUnretained(session).toOpaque()
        callbacks.credentials = { out, _, usernameFromURL, allowed, payload in
            guard let out, let payload else { return GIT_EUSER.rawValue }
            let session = Unmanaged<FetchSession>.fromOpaque(payload).takeUnretainedValue()
            return session.acquireCredential(out, usernameFromURL: usernameFromURL.map { String(cString: $0) }, allowed: allowed)
        }
        callbacks.certificate_check = { cert, _, host, payload in
            guard let cert, let payload else { return GIT_EUSER.rawValue }
            let session = Unmanaged<FetchSession>.fromOpaque(payload).takeUnretainedValue()
            return session.checkCertificate(cert, host: host.map { String(cString: $0) } ?? "")
        }
        callbacks.transfer_progress = { _, payload in
            guard let payload else { return 0 }
            return Unmanaged<FetchSession>.fromOpaque(payload).takeUnretainedValue().checkDeadline()
        }
        callbacks.sideband_progress = { _, _, payload in
            guard let payload else { return 0 }
            return Unmanaged<FetchSession>.fromOpaque(payload).takeUnretainedValue().checkDeadline()
        }
        callbacks.remote_ready = { _, _, payload in
            guard let payload else { return 0 }
            return Unmanaged<FetchSession>.fromOpaque(payload).takeUnretainedValue().checkDeadline()
        }
    }
}

/// Strings kept alive as C strings for the duration of one libgit2 call taking a `git_strarray`.
struct CStringArray {
    private let strings: [String]

    init(_ strings: [String]) { self.strings = strings }

    func withStrarray<R>(_ body: (UnsafeMutablePointer<git_strarray>) -> R) -> R {
        let pointers = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        var array = pointers
        return array.withUnsafeMutableBufferPointer { buffer in
            var strarray = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return body(&strarray)
        }
    }
}
