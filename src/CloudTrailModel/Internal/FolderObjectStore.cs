using System.IO.Enumeration;

namespace CloudTrailModel.Internal;

/// <summary>
/// A local folder seen as an <see cref="ICloudTrailObjectStore"/>: keys are paths relative to the folder with <c>/</c>
/// separators. Inaccessible folders are skipped (never an <see cref="UnauthorizedAccessException"/> from a listing) and
/// symbolic links to folders are not followed, so a link loop cannot make a listing endless.
/// </summary>
internal sealed class FolderObjectStore : ICloudTrailObjectStore
{
    private static readonly EnumerationOptions OneLevel = new() { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };
    private static readonly EnumerationOptions AllLevels = new() { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = true };

    private readonly string _root;

    public FolderObjectStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    }

    public string Root => _root;

    public IAsyncEnumerable<string> ListPrefixesAsync(string prefix, CancellationToken cancellationToken = default) =>
        ListPrefixes(prefix, cancellationToken).ToAsyncEnumerable();

    public IAsyncEnumerable<CloudTrailObjectInfo> ListObjectsAsync(string prefix, CancellationToken cancellationToken = default) =>
        ListObjects(prefix, cancellationToken).ToAsyncEnumerable();

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(OpenRead(key, async: true));
    }

    public IEnumerable<string> ListPrefixes(string prefix, CancellationToken cancellationToken = default)
    {
        (string directory, string namePrefix, string keyBase) = Split(prefix);
        return Directory.Exists(directory) ? Prefixes(directory, namePrefix, keyBase, cancellationToken) : [];
    }

    public IEnumerable<CloudTrailObjectInfo> ListObjects(string prefix, CancellationToken cancellationToken = default)
    {
        (string directory, string namePrefix, string keyBase) = Split(prefix);
        return Directory.Exists(directory) ? Objects(directory, namePrefix, keyBase, cancellationToken) : [];
    }

    public Stream OpenRead(string key, bool async)
    {
        (string directory, string name, _) = Split(key);
        if (name.Length == 0)
        {
            throw new ArgumentException("An object key names a file, not a folder.", nameof(key));
        }

        return new FileStream(Path.Join(directory, name), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1,
            async ? FileOptions.Asynchronous | FileOptions.SequentialScan : FileOptions.SequentialScan);
    }

    private static IEnumerable<string> Prefixes(string directory, string namePrefix, string keyBase, CancellationToken cancellationToken)
    {
        var folders = new FileSystemEnumerable<string>(directory, (ref FileSystemEntry entry) => entry.FileName.ToString(), OneLevel)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => entry.IsDirectory && IsNotLink(ref entry) && entry.FileName.StartsWith(namePrefix, StringComparison.Ordinal),
        };
        foreach (string name in folders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return string.Concat(keyBase, name, "/");
        }
    }

    private static IEnumerable<CloudTrailObjectInfo> Objects(string directory, string namePrefix, string keyBase, CancellationToken cancellationToken)
    {
        // The name prefix applies to the first level only; below a matching folder every file is under the prefix.
        var firstLevel = new FileSystemEnumerable<(string Name, bool IsDirectory, long Size, DateTimeOffset Modified)>(
            directory, (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory, entry.Length, entry.LastWriteTimeUtc), OneLevel)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => entry.FileName.StartsWith(namePrefix, StringComparison.Ordinal) && (!entry.IsDirectory || IsNotLink(ref entry)),
        };
        foreach ((string name, bool isDirectory, long size, DateTimeOffset modified) in firstLevel)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!isDirectory)
            {
                yield return new CloudTrailObjectInfo(keyBase + name, size, modified);
                continue;
            }

            string subdirectory = Path.Join(directory, name);
            string subKeyBase = string.Concat(keyBase, name, "/");
            var files = new FileSystemEnumerable<CloudTrailObjectInfo>(
                subdirectory, (ref FileSystemEntry entry) => new CloudTrailObjectInfo(subKeyBase + RelativeKey(ref entry, subdirectory.Length), entry.Length, entry.LastWriteTimeUtc), AllLevels)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
                ShouldRecursePredicate = IsNotLink,
            };
            foreach (CloudTrailObjectInfo file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return file;
            }
        }
    }

    private static bool IsNotLink(ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0;

    private static string RelativeKey(ref FileSystemEntry entry, int rootLength)
    {
        ReadOnlySpan<char> folder = entry.Directory[rootLength..].TrimStart(['/', '\\']);
        string relative = folder.IsEmpty ? entry.FileName.ToString() : string.Concat(folder, "/", entry.FileName);
        return Path.DirectorySeparatorChar == '/' ? relative : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    // A key or prefix becomes its folder on disk, the name start within that folder, and the key text of that folder.
    private (string Directory, string NamePrefix, string KeyBase) Split(string keyOrPrefix)
    {
        ArgumentNullException.ThrowIfNull(keyOrPrefix);
        int slash = keyOrPrefix.LastIndexOf('/');
        string keyBase = keyOrPrefix[..(slash + 1)];
        string name = keyOrPrefix[(slash + 1)..];
        bool valid = name is not ("." or "..") && (Path.DirectorySeparatorChar == '/' || !keyOrPrefix.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal));
        if (slash >= 0)
        {
            // Keys stay inside the folder: no empty, '.' or '..' folder parts.
            foreach (Range part in keyOrPrefix.AsSpan(0, slash).Split('/'))
            {
                valid &= keyOrPrefix[part] is not ("" or "." or "..");
            }
        }

        if (!valid)
        {
            throw new ArgumentException("A key or prefix must be relative to the trail folder and '/'-separated, with no empty, '.' or '..' parts.", nameof(keyOrPrefix));
        }

        return (slash < 0 ? _root : Path.Join(_root, keyBase), name, keyBase);
    }
}
