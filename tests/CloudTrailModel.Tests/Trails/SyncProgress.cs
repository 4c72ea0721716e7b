namespace CloudTrailModel.Tests.Trails;

/// <summary>Collects progress reports on the reporting thread (<see cref="Progress{T}"/> would post them later).</summary>
internal sealed class SyncProgress(List<CloudTrailTrailProgress> reports) : IProgress<CloudTrailTrailProgress>
{
    public void Report(CloudTrailTrailProgress value) => reports.Add(value);
}
