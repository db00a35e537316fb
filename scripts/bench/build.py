"""Times `gitops build` against `kubectl kustomize` on a generated overlay and compares their
output and peak memory (ru_maxrss of each child). Called by scripts/bench-build."""
import os, shutil, subprocess, sys, tempfile, time

binary, n = sys.argv[1], int(sys.argv[2])
root = tempfile.mkdtemp(prefix="gitops-bench-build-")
base, overlay = os.path.join(root, "base"), os.path.join(root, "overlay")
os.makedirs(base)
os.makedirs(overlay)

docs = []
for i in range(n):
    docs.append(f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-{i}
  labels:
    tier: backend
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
        envFrom:
        - configMapRef:
            name: config-{i}
""")
    docs.append(f"""apiVersion: v1
kind: Service
metadata:
  name: svc-{i}
spec:
  selector:
    app: svc-{i}
  ports:
  - port: 80
    targetPort: 8080
""")
with open(os.path.join(base, "objects.yaml"), "w") as f:
    f.write("---\n".join(docs))
generators = "".join(f"- name: config-{i}\n  literals:\n  - INDEX={i}\n  - LOG_LEVEL=info\n" for i in range(n))
with open(os.path.join(base, "kustomization.yaml"), "w") as f:
    f.write("resources:\n- objects.yaml\nconfigMapGenerator:\n" + generators)
with open(os.path.join(overlay, "kustomization.yaml"), "w") as f:
    f.write("""resources:
- ../base
namespace: bench
namePrefix: prod-
commonLabels:
  env: production
images:
- name: ghcr.io/acme/svc
  newTag: 2.0.0
patches:
- target:
    kind: Deployment
    labelSelector: tier=backend
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 3
""")

def run(cmd, runs=3):
    """Best wall time of `runs`, the largest peak RSS (KiB) of any run, and the output."""
    best, peak, out = None, 0, b""
    for _ in range(runs):
        with tempfile.TemporaryFile() as sink:
            start = time.perf_counter()
            child = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
            if status != 0:
                sys.exit(f"{cmd[0]} failed (status {status})")
            sink.seek(0)
            out = sink.read()
        best = elapsed if best is None else min(best, elapsed)
        peak = max(peak, usage.ru_maxrss)
    return best, peak, out

kubectl = shutil.which("kubectl")
if not kubectl:
    sys.exit("kubectl not found: the benchmark compares against kubectl kustomize")
ours_t, ours_m, ours_out = run([binary, "build", overlay])
ref_t, ref_m, ref_out = run([kubectl, "kustomize", overlay])
objects = ref_out.count(b"\n---\n") + 1
shutil.rmtree(root, ignore_errors=True)
print(f"objects: {objects}; output identical to kubectl kustomize: {'yes' if ours_out == ref_out else 'NO'}")
print(f"time:   gitops build {ours_t:.3f} s, kubectl kustomize {ref_t:.3f} s  → {ref_t / ours_t:.1f}x faster")
print(f"memory: gitops build {ours_m / 1024:.1f} MiB, kubectl kustomize {ref_m / 1024:.1f} MiB  → {ours_m / ref_m:.2f} of kubectl's")
