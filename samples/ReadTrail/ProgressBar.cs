using CloudTrailModel;

namespace ReadTrail;

/// <summary>A one-line progress bar on a text writer, redrawn at most ten times a second and at the end.</summary>
internal sealed class ProgressBar(TextWriter output) : IProgress<CloudTrailTrailProgress>
{
    private const int Width = 30;
    private long _lastDrawn = -1;

    public CloudTrailTrailProgress Last { get; private set; }

    public void Report(CloudTrailTrailProgress value)
    {
        Last = value;
        long now = Environment.TickCount64;
        if (value.FilesDone < value.FilesTotal && now - _lastDrawn < 100)
        {
            return;
        }

        _lastDrawn = now;
        int filled = value.FilesTotal == 0 ? Width : (int)((long)Width * value.FilesDone / value.FilesTotal);
        output.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {value.FilesDone}/{value.FilesTotal} files, {value.Records} records, {value.Errors} errors ");
    }
}
