import Curl
import Foundation
import GitOpsAPI

/// GitHub and GitLab commit statuses (Flux `internal/notifier/github.go`, `gitlab.go`,
/// `util.go`, `internal/server/provider_commit_status.go`).
///
/// The commit is the hash in the event's `revision` (`main@sha1:<sha>`); the repository is the
/// Provider's `address`. The API base follows the address's host:
/// - GitHub: `https://github.com` → `https://api.github.com`; any other host (GitHub
///   Enterprise, or a test server such as `http://127.0.0.1:8080/owner/repo`) →
///   `<scheme>://<host>/api/v3`, which is what go-github's enterprise client does.
/// - GitLab: `<scheme>://<host>/api/v4`, for gitlab.com and self-hosted alike.
/// An `ssh://` or `git@host:owner/repo` address is read as `https://host/owner/repo`.
extension ProviderRequest {
    static func commitStatus(_ s: ProviderSettings, _ event: Event) throws -> Plan {
        // Flux: Progressing events never become statuses; only success and failure do.
        if event.reason == "Progressing" { return .skip("\(s.type) commit statuses ignore Progressing events") }
        guard event.severity != .trace else { return .skip("\(s.type) commit statuses take info and error events only") }
        guard let revision = event.metadata["revision"], !revision.isEmpty else {
            return .skip("the event has no revision, so there is no commit to set a status on")
        }
        guard let sha = commitHash(revision) else { return .skip("revision \(revision) names no commit") }
        guard let token = s.token, !token.isEmpty else {
            throw Failure.misconfigured("\(s.type) provider needs a token in its secret (key 'token')")
        }
        guard let repo = GitAddress(s.address) else {
            throw Failure.misconfigured("\(s.type) provider address is not a repository URL (expected https://host/owner/repo)")
        }
        let context = commitStatusName(event, providerUID: s.providerUID)
        let description = statusDescription(event.reason)
        if s.type == "github" {
            let parts = repo.path.split(separator: "/")
            guard parts.count == 2 else { throw Failure.misconfigured("invalid repository id '\(repo.path)': expected owner/repo") }
            let url = "\(githubAPIBase(repo))/repos/\(parts[0])/\(parts[1])/statuses/\(sha)"
            // go-github's RepoStatus field order, empty fields omitted.
            let body: JSONValue = ["state": .string(event.severity == .error ? "failure" : "success"),
                                   "description": .string(description), "context": .string(context)]
            return .send(request(s, method: "POST", url: url, body: Array(body.jsonString().utf8), headers: [
                ("Content-Type", "application/json"), ("Accept", "application/vnd.github+json"),
                ("X-GitHub-Api-Version", "2022-11-28"), ("Authorization", "Bearer \(token)"),
            ]), slackAPI: false)
        }
        let url = "\(repo.base)/api/v4/projects/\(gitlabProjectID(repo.path))/statuses/\(sha)"
        // go-gitlab's SetCommitStatusOptions field order.
        let body: JSONValue = ["state": .string(event.severity == .error ? "failed" : "success"),
                               "name": .string(context), "description": .string(description)]
        return .send(request(s, method: "POST", url: url, body: Array(body.jsonString().utf8), headers: [
            ("Content-Type", "application/json"), ("Accept", "application/json"), ("PRIVATE-TOKEN", token),
        ]), slackAPI: false)
    }

    /// `kustomization/<name>/<first segment of the Provider UID>`, lower-cased: unique per
    /// cluster, so two clusters reporting on one commit keep separate statuses.
    static func commitStatusName(_ event: Event, providerUID: String) -> String {
        let uidPart = providerUID.split(separator: "-", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return "\(event.involvedObject.kind)/\(event.involvedObject.name)/\(uidPart)".lowercased()
    }

    /// `ReconciliationSucceeded` → `reconciliation succeeded` (Flux's `splitCamelcase`).
    static func statusDescription(_ reason: String) -> String {
        func kind(_ c: Character) -> Int { c.isLowercase ? 1 : c.isUppercase ? 2 : c.isNumber ? 3 : 4 }
        var runs: [[Character]] = []
        var last = 0
        for c in reason {
            let k = kind(c)
            if k == last, !runs.isEmpty { runs[runs.count - 1].append(c) } else { runs.append([c]) }
            last = k
        }
        // "HTTPServer": the last capital of an upper-case run starts the next word.
        if runs.count > 1 {
            for i in 0..<(runs.count - 1) where runs[i].first?.isUppercase == true && runs[i + 1].first?.isLowercase == true {
                runs[i + 1].insert(runs[i].removeLast(), at: 0)
            }
        }
        return runs.filter { !$0.isEmpty }.map { String($0) }.joined(separator: " ").lowercased()
    }

    /// The commit hash in a Flux revision: `main@sha1:<h>`, `sha1:<h>`, `sha256:<h>`, the
    /// legacy `main/<h>`, or a bare hash. Nil for anything else (a chart version, say).
    static func commitHash(_ revision: String) -> String? {
        var text = Substring(revision)
        if let at = text.lastIndex(of: "@") { text = text[text.index(after: at)...] }
        if text.hasPrefix("sha1:") { text = text.dropFirst(5) } else if text.hasPrefix("sha256:") { text = text.dropFirst(7) } else if let slash = text.lastIndex(of: "/") {
            text = text[text.index(after: slash)...]
        }
        guard text.count == 40 || text.count == 64, text.allSatisfy(\.isHexDigit) else { return nil }
        return text.lowercased()
    }

    static func githubAPIBase(_ repo: GitAddress) -> String {
        repo.host.lowercased() == "github.com" ? "https://api.github.com" : "\(repo.base)/api/v3"
    }

    /// go-gitlab's `PathEscape`: `group/sub/repo` → `group%2Fsub%2Frepo`, dots escaped too.
    static func gitlabProjectID(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}

/// A repository address split the way Flux's `parseGitAddress` does.
struct GitAddress: Equatable {
    /// `https://host[:port]`, the scheme of an ssh address replaced by https.
    var base: String
    var host: String
    /// `owner/repo`, without leading slash or `.git`.
    var path: String

    init?(_ address: String) {
        var text = address.trimmingCharacters(in: .whitespaces)
        // scp-like `git@github.com:owner/repo.git`
        if !text.contains("://"), let colon = text.firstIndex(of: ":") {
            let hostPart = text[..<colon].split(separator: "@").last.map(String.init) ?? ""
            text = "ssh://\(hostPart)/\(text[text.index(after: colon)...])"
        }
        guard let url = URLComponents(string: text), let scheme = url.scheme, let host = url.host, !host.isEmpty else { return nil }
        let webScheme = scheme == "ssh" ? "https" : scheme
        self.host = host
        // An ssh port is no web port; http(s) keep theirs (GitHub Enterprise on :8443, a test server).
        let port = (scheme == "ssh" ? nil : url.port).map { ":\($0)" } ?? ""
        base = "\(webScheme)://\(host)\(port)"
        var p = url.path
        while p.hasPrefix("/") { p.removeFirst() }
        if p.hasSuffix(".git") { p.removeLast(4) }
        while p.hasSuffix("/") { p.removeLast() }
        guard !p.isEmpty else { return nil }
        path = p
    }
}
