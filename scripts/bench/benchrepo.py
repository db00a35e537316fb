"""The generated repository the benchmarks reconcile: a kustomization of `total` objects
(Deployments, Services, ConfigMaps in equal parts) plus a Namespace, committed to a new Git
repository in a temporary directory. Shared by reconcile.py and kube.py."""
import os, subprocess, tempfile

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-{i}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: svc-{i}
  template:
    metadata:
      labels:
        app: svc-{i}
    spec:
      containers:
      - name: app
        image: ghcr.io/acme/svc:1.0.0
        ports:
        - containerPort: 8080
        envFrom:
        - configMapRef:
            name: config-{i}
        resources:
          requests:
            cpu: 10m
            memory: 32Mi
"""

SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: svc-{i}
spec:
  selector:
    app: svc-{i}
  ports:
  - port: 80
    targetPort: 8080
"""

CONFIGMAP = """apiVersion: v1
kind: ConfigMap
metadata:
  name: config-{i}
data:
  LOG_LEVEL: info
  INDEX: "{i}"
"""

KUSTOMIZATION = """apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: bench
namePrefix: bench-
commonLabels:
  team: platform
images:
- name: ghcr.io/acme/svc
  newTag: 1.2.3
resources:
- namespace.yaml
- objects.yaml
"""


def make_repo(total):
    """Returns (work directory, repository path, objects per kind)."""
    per_kind = total // 3
    work = tempfile.mkdtemp(prefix="gitops-bench-")
    repo = os.path.join(work, "repo")
    os.makedirs(os.path.join(repo, "app"))

    def write(path, text):
        with open(os.path.join(repo, path), "w") as f:
            f.write(text)

    docs = []
    for i in range(per_kind):
        docs += [DEPLOYMENT.format(i=i), SERVICE.format(i=i), CONFIGMAP.format(i=i)]
    write("app/objects.yaml", "---\n".join(docs))
    write("app/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench\n")
    write("app/kustomization.yaml", KUSTOMIZATION)
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.invalid",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.invalid")
    for args in (["init", "-q", "--initial-branch=main"], ["add", "-A"], ["commit", "-qm", "bench"]):
        subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, env=env)
    return work, repo, per_kind
