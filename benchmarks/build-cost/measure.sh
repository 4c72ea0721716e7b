#!/usr/bin/env bash
# What each operation package costs to compile: a clean Release build of the package alone (its reference to the core
# already built), run in-process (no compiler server) and timed with /usr/bin/time. CPU seconds (user + system) are
# printed beside wall seconds: on a shared machine the wall time follows the load, the CPU time much less.
#   benchmarks/build-cost/measure.sh                 # every package under src/
#   benchmarks/build-cost/measure.sh SignIn EC2      # only these
# It builds a copy of the committed tree (git archive HEAD), so edits in the work tree do not leak into a measurement.
set -euo pipefail
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
packages=("$@")
if [ ${#packages[@]} -eq 0 ]; then
  for d in "$repo"/src/CloudTrailModel.Operations.*/; do d=${d%/}; packages+=("${d##*.}"); done
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$repo" archive HEAD | tar -x -C "$work"
dotnet build "$work/src/CloudTrailModel/CloudTrailModel.csproj" -c Release -nologo -v:q >&2
printf '%-26s %10s %10s\n' package "wall (s)" "CPU (s)"
for p in "${packages[@]}"; do
  proj="$work/src/CloudTrailModel.Operations.$p/CloudTrailModel.Operations.$p.csproj"
  dotnet restore "$proj" -nologo -v:q >&2
  t=$( { /usr/bin/time -f '%e %U %S' dotnet build "$proj" -c Release --no-restore --no-incremental -nologo -v:q \
        -p:BuildProjectReferences=false -p:UseSharedCompilation=false >&2; } 2>&1 | tail -1)
  read -r wall user sys <<<"$t"
  printf '%-26s %10.0f %10.0f\n' "$p" "$wall" "$(echo "$user + $sys" | bc -l)"
done
