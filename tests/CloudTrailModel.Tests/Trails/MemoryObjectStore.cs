namespace CloudTrailModel.Tests.Trails;

/// <summary>An <see cref="ICloudTrailObjectStore"/> over a dictionary, implementing only the interface's documented contract, as an S3 store would.</summary>
internal sealed class MemoryObjectStore(IReadOnlyDictionary<string, byte[]> objects) : ICloudTrailObjectStore
{
    public List<string> Listed { get; } = [];

    public static MemoryObjectStore FromFolder(string root) => new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .ToDictionary(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes, StringComparer.Ordinal));

    public async IAsyncEnumerable<string> ListPrefixesAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        Listed.Add("prefixes:" + prefix);
        foreach (string folder in objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.IndexOf('/', prefix.Length) > 0)
            .Select(k => k[..(k.IndexOf('/', prefix.Length) + 1)]).Distinct(StringComparer.Ordinal).OrderByDescending(k => k, StringComparer.Ordinal))
        {
            yield return folder;
        }
    }

    public async IAsyncEnumerable<CloudTrailObjectInfo> ListObjectsAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        Listed.Add("objects:" + prefix);
        foreach (KeyValuePair<string, byte[]> item in objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderByDescending(o => o.Key, StringComparer.Ordinal))
        {
            yield return new CloudTrailObjectInfo(item.Key, item.Value.Length, null);
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return new MemoryStream(objects[key], writable: false);
    }
}
