#!/usr/bin/env bash
# What one operation package adds to a NativeAOT binary: publishes AotSize without a package (the baseline: the core
# reading one record) and once per package using one of its operations, and prints each binary's size minus the baseline.
#   benchmarks/aot-size/measure.sh                       # SecurityToken IdentityManagement S3 SignIn
#   benchmarks/aot-size/measure.sh SignIn EC2            # only these
# It builds a copy of the committed tree (git archive HEAD), so edits in the work tree do not leak into a measurement.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
packages=("$@")
[ ${#packages[@]} -gt 0 ] || packages=(SecurityToken IdentityManagement S3 SignIn)
rid=${RID:-linux-x64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$repo" archive HEAD | tar -x -C "$work"
# The committed tree may predate this folder; the measuring project is taken from the work tree.
mkdir -p "$work/benchmarks/aot-size" && cp "$here/AotSize.csproj" "$here/Program.cs" "$work/benchmarks/aot-size/"

publish() { # $1 = package or empty; prints the binary's size in bytes
  local out="$work/out/${1:-baseline}"
  dotnet publish "$work/benchmarks/aot-size/AotSize.csproj" -c Release -r "$rid" -o "$out" -p:Package="$1" -nologo -v:q >&2
  "$out/AotSize" >&2
  stat -c %s "$out/AotSize"
}

base=$(publish "")
printf '%-22s %12s %12s\n' package binary adds
printf '%-22s %12d %12s\n' "(none: core only)" "$base" "-"
for p in "${packages[@]}"; do
  size=$(publish "$p")
  printf '%-22s %12d %9.1f MB\n' "$p" "$size" "$(echo "($size - $base) / 1048576" | bc -l)"
done
