"""Writes a link order for scripts/build-release: every function of the executable that runs in the
workloads below, each once. Called by scripts/make-link-order.

callgrind records every function executed; with uncompressed names its output lists each function
(`fn=`) under its object (`ob=`). What saves memory is that the functions that run sit together,
but the linker moves sections, not functions: most of our code and the Swift runtime have a section
per function, while the standard library's and a few Foundation objects' code is one section of up
to 1.6 MB. So the functions whose section is small come first, packed, and the large sections they
pull in follow, smallest first (the link map of the build says which section holds what).
valgrind cannot read the DWARF of a Swift static binary, so it runs a copy stripped of debug
information (the symbol table, which carries the names, stays)."""
import os, re, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
from helmcorpus import vendored_chart  # noqa: E402

binary, link_map, corpus, out = sys.argv[1:5]
root = tempfile.mkdtemp(prefix="gitops-link-order-")
probe = os.path.join(root, "gitops")
subprocess.run(["objcopy", "--strip-debug", binary, probe], check=True)


def kube_prometheus_stack():
    """The Helm corpus's kube-prometheus-stack with its vendored subcharts (as bench-template)."""
    chart = "kube-prometheus-stack"
    work = vendored_chart(corpus, chart, root)
    values = os.path.join(corpus, "corpus", chart, "default", "values.yaml")
    return ["template", "rel", work, "--namespace", "corpus", "--kube-version", "1.33.0", "-f", values]


workloads = [["version"], ["template", "status-page", "charts/status-page"],
             ["build", "apps/sensei/overlays/staging"]]
if os.path.isdir(os.path.join(corpus, "charts")):
    workloads.insert(1, kube_prometheus_stack())
else:
    print(f"make-link-order: no Helm corpus at {corpus}; ordering without kube-prometheus-stack", file=sys.stderr)

order, seen = [], set()
for n, args in enumerate(workloads):
    profile = os.path.join(root, f"callgrind.{n}")
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}", "--demangle=no",
                    "--dump-line=no", "--dump-instr=no", "--compress-strings=no", "--compress-pos=no",
                    probe] + args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    current = None
    for line in open(profile, errors="replace"):
        if line.startswith("ob="):
            current = line[3:].strip()
        elif line.startswith("fn=") and current == probe:
            name = re.sub(r"'\d+$", "", line[3:].strip())  # callgrind marks recursion depth as 'N
            if not name.startswith("0x") and name not in seen:
                seen.add(name)
                order.append(name)
    print(f"make-link-order: {' '.join(args[:2])}: {len(order)} functions so far", file=sys.stderr)

def text_sections(path):
    """{symbol: size of the .text input section that holds it} from an lld link map."""
    holder, current, in_text = {}, None, False
    line_format = re.compile(r"\s*[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+( +)(.*)$")
    for line in open(path, errors="replace"):
        match = line_format.match(line)
        if not match:
            continue
        size, indent, name = int(match.group(1), 16), len(match.group(2)), match.group(3)
        if indent == 1:  # an output section
            in_text = name == ".text"
        elif in_text and ":(" in name:  # an input section: file:(section)
            current = size
        elif in_text and current is not None:  # a symbol in the current input section
            holder[name.strip()] = current
    return holder


SMALL = 16 * 1024
holder = text_sections(link_map)
order.sort(key=lambda name: (holder.get(name, 0) > SMALL, holder.get(name, 0) if holder.get(name, 0) > SMALL else 0))
with open(out, "w") as f:
    f.write("\n".join(order) + "\n")
shutil.rmtree(root, ignore_errors=True)
print(f"make-link-order: wrote {len(order)} functions to {out}", file=sys.stderr)
