"""Reconciles a generated 1,500-object repository into a Kubernetes API server on loopback
(gitops-apiserver: the embedded cluster behind the REST API) through the real-cluster backend
(libcurl, server-side apply), and prints, for the first apply and for no-change reconciles,
the time the agent logs and the requests it sent for the objects (reads, dry-runs, writes).
Called by scripts/bench-kube."""
import json, os, re, shutil, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchrepo import make_repo

gitops, apiserver, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
work, repo, per_kind = make_repo(total)
state, kubeconfig, requests = (os.path.join(work, n) for n in ("state", "kubeconfig", "requests.log"))

server = subprocess.Popen([apiserver, "--database", os.path.join(work, "cluster.db"), "--kubeconfig", kubeconfig,
                           "--request-log", requests, "--simulate"], stdout=subprocess.PIPE, text=True)
server.stdout.readline()  # "listening on http://127.0.0.1:PORT"

agent = subprocess.Popen([gitops, "run", "--kubeconfig", kubeconfig, "--state-dir", state, "--url", "file://" + repo,
                          "--path", "./app", "--interval", "10m", "--log-format", "json", "--watch-period", "1s",
                          "--http-address", "127.0.0.1:0"], stderr=subprocess.PIPE, text=True)


def reconciles():
    """Yields (result, seconds) for every reconcile of the root Kustomization the agent logs."""
    for line in agent.stderr:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("msg") == "reconciled" and entry.get("kustomization") == "flux-system/flux-system":
            yield entry.get("result"), float(entry.get("duration", "0s").rstrip("s"))


def logged():
    time.sleep(0.5)  # the server flushes its request log every 100 ms
    with open(requests) as f:
        return f.read().splitlines()


def classify(lines):
    """Requests about the benchmark's objects (namespace bench, and the Namespace itself)."""
    counts = {"reads": 0, "dry-runs": 0, "writes": 0}
    for line in lines:
        method, _, target = line.partition(" ")
        if "/namespaces/bench/" not in target and not re.search(r"/namespaces/bench(\?|$)", target):
            continue
        if method == "GET":
            counts["reads"] += 1
        elif "dryRun=All" in target:
            counts["dry-runs"] += 1
        else:
            counts["writes"] += 1
    return counts


events = reconciles()
first = None
for result, seconds in events:
    if result == "succeeded":
        first = seconds
        break
if first is None:
    sys.exit("the agent stopped before the first apply succeeded")
before = logged()
first_counts = classify(before)

again, again_counts = [], []
for _ in range(3):
    mark = len(logged())
    subprocess.run([gitops, "reconcile", "kustomization", "flux-system", "--kubeconfig", kubeconfig, "--state-dir", state],
                   check=True, stdout=subprocess.DEVNULL)
    for result, seconds in events:
        again.append(seconds)
        break
    again_counts.append(classify(logged()[mark:]))

with open(f"/proc/{agent.pid}/status") as f:
    hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM"))
agent.terminate()
agent.wait(timeout=30)
server.terminate()
server.wait(timeout=30)
shutil.rmtree(work, ignore_errors=True)

objects = per_kind * 3 + 1
fmt = lambda c: ", ".join(f"{v} {k}" for k, v in c.items())
print(f"objects in the kustomization:          {objects}")
print(f"first apply:                           {first:.3f} s; requests for the objects: {fmt(first_counts)}")
print(f"no-change reconcile (median of {len(again)}):   {sorted(again)[len(again)//2]:.3f} s; requests: "
      + " | ".join(fmt(c) for c in again_counts))
per_object = max(sum(c.values()) for c in again_counts) / objects
print(f"no-change requests per object:         {per_object:.2f} (writes: {max(c['writes'] for c in again_counts)})")
print(f"agent peak memory (VmHWM):             {hwm/1024:.1f} MiB")
