"""Times `gitops template` against `helm template` on kube-prometheus-stack's default case of the
Helm conformance corpus, compares their output (volatile lines excepted) and peak memory
(ru_maxrss of each child). Called by scripts/bench-template."""
import os, shutil, subprocess, sys, tempfile, time
from helmcorpus import vendored_chart

binary, helm, corpus, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
chart = "kube-prometheus-stack"
root = tempfile.mkdtemp(prefix="gitops-bench-template-")

work = vendored_chart(corpus, chart, root)
case = os.path.join(corpus, "corpus", chart, "default")
args = ["template", "rel", work, "--namespace", "corpus", "--kube-version", "1.33.0",
        "-f", os.path.join(case, "values.yaml")]

def run(cmd):
    """Best wall time of `runs`, the largest peak RSS (KiB) of any run, and the output."""
    best, peak, out = None, 0, b""
    for _ in range(runs):
        with tempfile.TemporaryFile() as sink:
            start = time.perf_counter()
            child = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
            if status != 0:
                sys.exit(f"{' '.join(cmd[:2])} failed (status {status})")
            sink.seek(0)
            out = sink.read()
        best = elapsed if best is None else min(best, elapsed)
        peak = max(peak, usage.ru_maxrss)
    return best, peak, out

ours_t, ours_m, ours_out = run([binary] + args)
ref_t, ref_m, ref_out = run([helm] + args)
shutil.rmtree(root, ignore_errors=True)

volatile_file = os.path.join(case, "volatile-lines.txt")
volatile = {int(l.split("\t")[0]) for l in open(volatile_file)} if os.path.exists(volatile_file) else set()
a, b = ref_out.decode().splitlines(), ours_out.decode().splitlines()
same = len(a) == len(b) and all(x == y or i + 1 in volatile for i, (x, y) in enumerate(zip(a, b)))
print(f"documents: {ref_out.count(b'# Source: ')}; output identical to helm template: {'yes' if same else 'NO'}")
print(f"time:   gitops template {ours_t:.3f} s, helm template {ref_t:.3f} s  → {ref_t / ours_t:.2f}x faster")
print(f"memory: gitops template {ours_m / 1024:.1f} MiB, helm template {ref_m / 1024:.1f} MiB  → {ours_m / ref_m:.2f} of helm's")
