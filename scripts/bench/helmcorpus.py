"""The Helm conformance corpus's charts as helm rendered them: the corpus stores vendored
subcharts once (charts/SOURCES.tsv, column vendored-into), so a chart is copied and the subcharts
it was rendered with are put under its charts/ directory. Used by bench/template.py and
release/order.py."""
import os, shutil


def vendored_chart(corpus, chart, root):
    """Copies `chart` of the corpus into `root` with its subcharts; returns the copy's path."""
    work = os.path.join(root, chart)
    shutil.copytree(os.path.join(corpus, "charts", chart), work, symlinks=False)
    os.chmod(work, 0o755)
    os.makedirs(os.path.join(work, "charts"), exist_ok=True)
    os.chmod(os.path.join(work, "charts"), 0o755)
    for line in open(os.path.join(corpus, "charts", "SOURCES.tsv")).read().splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) > 5 and chart in [p.strip() for p in cols[5].split(",")]:
            dest = os.path.join(work, "charts", cols[0])
            if not os.path.exists(dest):
                shutil.copytree(os.path.join(corpus, "charts", cols[0]), dest)
    return work
