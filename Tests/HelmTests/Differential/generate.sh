#!/usr/bin/env bash
# Regenerates the expected output of every differential case with the real helm 3.19:
#   Tests/HelmTests/Differential/generate.sh [case…]
# (helm comes from scripts/get-helm, or $GITOPS_HELM3). Each case directory holds:
#   chart/         the chart rendered
#   flags.txt      optional extra arguments, one per line (-f paths are relative to the case)
#   expected.yaml  helm's stdout, or expected-error.txt: helm's stderr when it fails
#   expected-warnings.txt  helm's stderr (warnings) when it renders and prints any
# known-divergences.txt lists the cases where ours still differs, and why.
# The command is: helm template rel chart --namespace t --kube-version 1.33.0 <flags…>
# DifferentialTests.swift renders every case with our Helm and compares byte for byte.
set -euo pipefail
# helm and our tests format `date` in the local zone: the expected files were made with TZ=UTC
# (run the tests with TZ=UTC too on a machine in another zone).
export TZ=${TZ:-UTC}
here=$(cd "$(dirname "$0")" && pwd)
helm=${GITOPS_HELM3:-$("$here/../../../scripts/get-helm")}
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for d in "$here"/*/; do cases+=("$(basename "$d")"); done
fi
for c in "${cases[@]}"; do
  dir="$here/$c"
  args=()
  if [ -f "$dir/flags.txt" ]; then
    while IFS= read -r line || [ -n "$line" ]; do args+=("$line"); done < "$dir/flags.txt"
  fi
  rm -f "$dir/expected.yaml" "$dir/expected-error.txt" "$dir/expected-warnings.txt"
  if (cd "$dir" && "$helm" template rel chart --namespace t --kube-version 1.33.0 ${args[@]+"${args[@]}"} > "$dir/out.tmp" 2> "$dir/err.tmp"); then
    mv "$dir/out.tmp" "$dir/expected.yaml"; echo "$c: rendered"
    # Warnings (coalescing) without Go's log prefix (`coalesce.go:298: `).
    if [ -s "$dir/err.tmp" ]; then sed -E 's/^[a-z_]+\.go:[0-9]+: //' "$dir/err.tmp" > "$dir/expected-warnings.txt"; fi
    rm -f "$dir/err.tmp"
  else
    mv "$dir/err.tmp" "$dir/expected-error.txt"; rm -f "$dir/out.tmp"; echo "$c: error: $(head -c 300 "$dir/expected-error.txt")"
  fi
done
