#!/usr/bin/env bash
# Builds the library of another commit (src/CloudTrailModel, and the Migration Hub Orchestrator package where that
# commit has it) in Release into benchmarks/.baseline/<commit>/ (ignored), for a run that measures it beside the
# working tree in one BenchmarkDotNet table:
#   benchmarks/baseline.sh f865f14
#   dotnet run -c Release --project benchmarks/CloudTrailModel.Benchmarks -- --baseline benchmarks/.baseline/f865f14 --filter '*ReadLogFile*'
set -euo pipefail
commit=${1:?usage: benchmarks/baseline.sh <commit>}
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
short=$(git -C "$root" rev-parse --short=7 "$commit^{commit}")
out="$root/benchmarks/.baseline/$short"
# The sources go to a temporary folder: MSBuild's globs skip folders whose names start with '.', as .baseline does.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"
# Only what the library's build reads: the root build props and src/ (central package versions live there).
paths=(Directory.Build.props src)
for optional in global.json .editorconfig; do
  if git -C "$root" cat-file -e "$short:$optional" 2>/dev/null; then paths+=("$optional"); fi
done
git -C "$root" archive "$short" -- "${paths[@]}" | tar -x -C "$work"
for project in CloudTrailModel CloudTrailModel.Operations.MigrationHubOrchestrator; do
  csproj="$work/src/$project/$project.csproj"
  if [ -f "$csproj" ]; then
    dotnet build "$csproj" -c Release -o "$out" --nologo -v quiet -p:CI=true
  fi
done
echo "$short" > "$out/commit"
echo "Built $short into $out; run the benchmarks with --baseline $out"
