"""Drives the release `gitops` binary through a first apply and no-change re-reconciles of a
generated repository, and prints durations, peak memory and a build-time ratio against
kubectl kustomize. Called by scripts/bench-reconcile."""
import json, os, shutil, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchrepo import make_repo

binary, total = sys.argv[1], int(sys.argv[2])
work, repo, per_kind = make_repo(total)
state = os.path.join(work, "state")

def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start

build_ours = min(timed([binary, "build", os.path.join(repo, "app")]) for _ in range(3))
kubectl = shutil.which("kubectl")
build_kubectl = min(timed([kubectl, "kustomize", os.path.join(repo, "app")]) for _ in range(3)) if kubectl else None

agent = subprocess.Popen([binary, "run", "--state-dir", state, "--url", "file://" + repo, "--path", "./app",
                          "--interval", "10m", "--log-format", "json", "--watch-period", "50ms",
                          "--http-address", "127.0.0.1:0"],
                         stderr=subprocess.PIPE, text=True)

def reconciles():
    """Yields (result, seconds) for every reconcile of the root Kustomization the agent logs."""
    for line in agent.stderr:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("msg") == "reconciled" and entry.get("kustomization") == "flux-system/flux-system":
            yield entry.get("result"), float(entry.get("duration", "0s").rstrip("s"))

events = reconciles()
first = None
for result, seconds in events:
    if result == "succeeded":
        first = seconds
        break

again = []
for _ in range(5):
    subprocess.run([binary, "reconcile", "kustomization", "flux-system", "--state-dir", state],
                   check=True, stdout=subprocess.DEVNULL)
    for result, seconds in events:
        again.append(seconds)
        break

with open(f"/proc/{agent.pid}/status") as f:
    hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM"))
agent.terminate()
agent.wait(timeout=30)
shutil.rmtree(work, ignore_errors=True)

objects = per_kind * 3 + 1
print(f"objects in the kustomization:           {objects}")
print(f"first apply (fetch+build+dry-run+apply): {first:.3f} s")
print(f"no-change re-reconcile (median of {len(again)}):  {sorted(again)[len(again)//2]:.3f} s   (all: {', '.join(f'{s:.3f}' for s in again)})")
print(f"agent peak memory (VmHWM):              {hwm/1024:.1f} MiB")
if build_kubectl:
    print(f"build: gitops {build_ours:.3f} s, kubectl kustomize {build_kubectl:.3f} s, ratio {build_ours/build_kubectl:.2f}x")
else:
    print(f"build: gitops {build_ours:.3f} s (kubectl not found)")
