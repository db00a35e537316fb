import Cluster
import GitOpsAPI
import Testing
import YAML

@Suite("Pod waiting reasons")
struct WaitingReasonTests {
    static let pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web-1, namespace: apps}
        spec: {}
        status:
          phase: Pending
          initContainerStatuses:
          - name: migrate
            image: ghcr.io/acme/migrate:1
            state: {waiting: {reason: PodInitializing}}
          containerStatuses:
          - name: web
            image: ghcr.io/acme/web:bad
            state: {waiting: {reason: ImagePullBackOff, message: "Back-off pulling image \\"ghcr.io/acme/web:bad\\""}}
          - name: sidecar
            image: envoy:1.30
            state: {running: {startedAt: "2024-05-01T10:00:00Z"}}
          - name: noreason
            state: {waiting: {}}
        """

    @Test("waiting containers are listed, init containers first; running ones and those without a reason are not")
    func reasons() throws {
        let waiting = Health.waitingReasons(of: KubeObject(try YAML.parse(Self.pod)))
        #expect(waiting.map(\.container) == ["migrate", "web"])
        #expect(waiting.map(\.reason) == ["PodInitializing", "ImagePullBackOff"])
        #expect(waiting.map(\.image) == ["ghcr.io/acme/migrate:1", "ghcr.io/acme/web:bad"])
    }

    @Test("a pending pod's health names its first waiting container")
    func pendingMessage() throws {
        let result = Health.assess(KubeObject(try YAML.parse(Self.pod)))
        #expect(result == HealthResult(.inProgress, "Pod web-1: container migrate: PodInitializing (image ghcr.io/acme/migrate:1)"))
    }

    @Test("a pod without container statuses has no waiting reasons")
    func none() {
        #expect(Health.waitingReasons(of: KubeObject(apiVersion: "v1", kind: "Pod", name: "p", namespace: "a")).isEmpty)
    }

    /// Container name, image, waiting reason and message, and the summary expected.
    static let summaries: [(String, String, String, String, String)] = [
        ("web", "ghcr.io/acme/web:bad", "ImagePullBackOff", "Back-off pulling image \"ghcr.io/acme/web:bad\"",
         "container web: ImagePullBackOff (image ghcr.io/acme/web:bad): Back-off pulling image \"ghcr.io/acme/web:bad\""),
        ("web", "", "CrashLoopBackOff", "", "container web: CrashLoopBackOff"),
        ("web", "x:1", "ErrImagePull", "ErrImagePull: not found", "container web: ErrImagePull (image x:1)"),
        ("app", "", "CreateContainerConfigError", "secret \"db\" not found",
         "container app: CreateContainerConfigError: secret \"db\" not found"),
    ]

    @Test("summary names the container, reason and image, and adds the message unless it repeats the reason", arguments: summaries)
    func summary(container: String, image: String, reason: String, message: String, expected: String) throws {
        var status: JSONObject = ["name": .string(container), "state": ["waiting": ["reason": .string(reason), "message": .string(message)]]]
        if !image.isEmpty { status["image"] = .string(image) }
        var pod = KubeObject(apiVersion: "v1", kind: "Pod", name: "p", namespace: "a")
        pod.status = ["containerStatuses": [.object(status)]]
        let waiting = try #require(Health.waitingReasons(of: pod).first)
        #expect(waiting.summary == expected)
    }
}

@Suite("ClusterError")
struct ClusterErrorTests {
    @Test("without an object it prints reason and message")
    func withoutObject() {
        #expect(ClusterError(.conflict, "the object has been modified").description == "Conflict: the object has been modified")
    }

    @Test("with an object it prints the object first, the way the doc comment shows")
    func withObject() {
        let error = ClusterError(.notFound, #"namespaces "apps" not found"#,
                                 object: ObjectID(group: "apps", kind: "Deployment", namespace: "apps", name: "web"))
        #expect(error.description.hasPrefix("Deployment/apps/web"))
        #expect(error.description.hasSuffix(#"NotFound: namespaces "apps" not found"#))
        #expect(error.description == #"Deployment/apps/web: NotFound: namespaces "apps" not found"#)
    }

    static let codes: [(ClusterError.Reason, Int)] = [
        (.notFound, 404), (.alreadyExists, 409), (.conflict, 409), (.invalid, 422), (.forbidden, 403),
        (.unauthorized, 401), (.badRequest, 400), (.methodNotAllowed, 405), (.timeout, 504),
        (.serviceUnavailable, 503), (.internalError, 500), (.unknown, 500),
    ]

    @Test("each reason carries the HTTP code the API server answers with", arguments: codes)
    func code(reason: ClusterError.Reason, code: Int) {
        #expect(reason.code == code)
        #expect(ClusterError(reason, "m").code == code)
    }

    @Test("an explicit code overrides the reason's")
    func explicitCode() {
        #expect(ClusterError(.timeout, "slow", code: 408).code == 408)
    }
}
