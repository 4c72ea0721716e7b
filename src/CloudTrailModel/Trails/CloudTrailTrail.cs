using System.Runtime.CompilerServices;
using CloudTrailModel.Internal;

namespace CloudTrailModel;

/// <summary>
/// Reads whole trails: a folder tree or an <see cref="ICloudTrailObjectStore"/> prefix laid out as CloudTrail delivers to
/// S3 (<c>[prefix/]AWSLogs/[o-orgid/]&lt;account&gt;/CloudTrail/&lt;region&gt;/&lt;yyyy&gt;/&lt;mm&gt;/&lt;dd&gt;/…json.gz</c>).
/// Files are chosen by key (<see cref="CloudTrailObjectKey"/>) before they are opened: log files are read, Insights files
/// on request, and digest files, Config's check files and stray files never. Files are read in a fixed order (key time,
/// then ordinal key), several at once, with the records of each yielded in file order or merged by event time.
/// </summary>
/// <remarks>
/// Every <c>AWSLogs/</c> folder in the directory or prefix, or at most two folders below it (a trail's S3 key prefix
/// of one or two levels, such as <c>team/logs/AWSLogs/</c>), is read; folders deeper than that are not listed, so an
/// unrelated folder tree beside a trail costs a few listings (give a trail under a deeper prefix as the prefix itself).
/// A directory inside a trail, such as an account's <c>CloudTrail/us-east-1</c> folder, reads that part. Only log (and Insights) folders are listed; an object there whose key
/// is not a log file's key is counted in <see cref="CloudTrailTrailProgress.ObjectsIgnored"/> and otherwise skipped. The keys of the selected files are
/// listed and sorted before reading starts (a few hundred bytes each); records are held only for files being read ahead
/// and, in <see cref="CloudTrailRecordOrder.EventTime"/> order, for <see cref="CloudTrailTrailOptions.LatenessWindow"/>.
/// Failures of the store itself (a file that cannot be opened) end the read with the store's exception.
/// </remarks>
public static class CloudTrailTrail
{
    /// <summary>Reads the records of a trail folder.</summary>
    /// <param name="directory">A folder holding one or more <c>AWSLogs/</c> trees (a synced bucket), or a folder inside one.</param>
    /// <param name="options">Options; <see cref="CloudTrailTrailOptions.Default"/> when null.</param>
    /// <returns>The records, lazily, in the order <see cref="CloudTrailTrailOptions.Order"/> says.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="CloudTrailParseException">While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record.</exception>
    public static IEnumerable<CloudTrailRecord> ReadRecords(string directory, CloudTrailTrailOptions? options = null)
    {
        (FolderObjectStore store, string prefix) = OpenFolder(directory);
        return Records(store, prefix, options);
    }

    /// <summary>Reads the records of a trail folder asynchronously.</summary>
    /// <param name="directory">A folder holding one or more <c>AWSLogs/</c> trees (a synced bucket), or a folder inside one.</param>
    /// <param name="options">Options; <see cref="CloudTrailTrailOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records, in the order <see cref="CloudTrailTrailOptions.Order"/> says.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="CloudTrailParseException">While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record.</exception>
    public static IAsyncEnumerable<CloudTrailRecord> ReadRecordsAsync(string directory, CloudTrailTrailOptions? options = null, CancellationToken cancellationToken = default)
    {
        (FolderObjectStore store, string prefix) = OpenFolder(directory);
        return RecordsAsync(store, prefix, options, cancellationToken);
    }

    /// <summary>Reads the records of a trail in a store (an S3 bucket through <c>CloudTrailModel.S3</c>) under a prefix.</summary>
    /// <param name="store">The store.</param>
    /// <param name="prefix">The folder holding one or more <c>AWSLogs/</c> trees, or a folder inside one (a missing final <c>/</c> is added); the empty string for the whole store.</param>
    /// <param name="options">Options; <see cref="CloudTrailTrailOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records, in the order <see cref="CloudTrailTrailOptions.Order"/> says.</returns>
    /// <exception cref="CloudTrailParseException">While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record.</exception>
    public static IAsyncEnumerable<CloudTrailRecord> ReadRecordsAsync(ICloudTrailObjectStore store, string prefix, CloudTrailTrailOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        return RecordsAsync(store, prefix, options, cancellationToken);
    }

    /// <summary>Reads the records of a trail folder with the file each is in and a checkpoint to resume after it.</summary>
    /// <param name="directory">A folder holding one or more <c>AWSLogs/</c> trees (a synced bucket), or a folder inside one.</param>
    /// <param name="options">Options; <see cref="CloudTrailTrailOptions.Default"/> when null.</param>
    /// <returns>The entries, lazily, in the order <see cref="CloudTrailTrailOptions.Order"/> says.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="CloudTrailParseException">While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record.</exception>
    public static IEnumerable<CloudTrailTrailEntry> ReadEntries(string directory, CloudTrailTrailOptions? options = null)
    {
        (FolderObjectStore store, string prefix) = OpenFolder(directory);
        return new TrailReader(options ?? CloudTrailTrailOptions.Default, withCheckpoints: true).ReadAsync(store, prefix, CancellationToken.None).ToBlockingEnumerable();
    }

    /// <summary>Reads the records of a trail folder asynchronously with the file each is in and a checkpoint to resume after it.</summary>
    /// <param name="directory">A folder holding one or more <c>AWSLogs/</c> trees (a synced bucket), or a folder inside one.</param>
    /// <param name="options">Options; <see cref="CloudTrailTrailOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries, in the order <see cref="CloudTrailTrailOptions.Order"/> says.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="CloudTrailParseException">While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record.</exception>
    public static IAsyncEnumerable<CloudTrailTrailEntry> ReadEntriesAsync(string directory, CloudTrailTrailOptions? options = null, CancellationToken cancellationToken = default)
    {
        (FolderObjectStore store, string prefix) = OpenFolder(directory);
        return new TrailReader(options ?? CloudTrailTrailOptions.Default, withCheckpoints: true).ReadAsync(store, prefix, cancellationToken);
    }

    /// <summary>Reads the records of a trail in a store under a prefix, with the file each is in and a checkpoint to resume after it.</summary>
    /// <param name="store">The store.</param>
    /// <param name="prefix">The folder holding one or more <c>AWSLogs/</c> trees, or a folder inside one (a missing final <c>/</c> is added); the empty string for the whole store.</param>
    /// <param name="options">Options; <see cref="CloudTrailTrailOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries, in the order <see cref="CloudTrailTrailOptions.Order"/> says.</returns>
    /// <exception cref="CloudTrailParseException">While enumerating, in <see cref="InvalidRecordHandling.Throw"/> mode, at the first bad record.</exception>
    public static IAsyncEnumerable<CloudTrailTrailEntry> ReadEntriesAsync(ICloudTrailObjectStore store, string prefix, CloudTrailTrailOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        return new TrailReader(options ?? CloudTrailTrailOptions.Default, withCheckpoints: true).ReadAsync(store, prefix, cancellationToken);
    }

    private static IEnumerable<CloudTrailRecord> Records(ICloudTrailObjectStore store, string prefix, CloudTrailTrailOptions? options)
    {
        foreach (CloudTrailRecord record in RecordsAsync(store, prefix, options, CancellationToken.None).ToBlockingEnumerable())
        {
            yield return record;
        }
    }

    private static async IAsyncEnumerable<CloudTrailRecord> RecordsAsync(ICloudTrailObjectStore store, string prefix, CloudTrailTrailOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new TrailReader(options ?? CloudTrailTrailOptions.Default, withCheckpoints: false);
        await foreach (CloudTrailTrailEntry entry in reader.ReadAsync(store, prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return entry.Record;
        }
    }

    // Keys parse only from above AWSLogs/: a folder inside a trail is read as a prefix of the folder that holds AWSLogs.
    private static (FolderObjectStore Store, string Prefix) OpenFolder(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var folder = new DirectoryInfo(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        if (!folder.Exists)
        {
            throw new DirectoryNotFoundException($"The trail folder '{directory}' does not exist.");
        }

        string prefix = "";
        for (DirectoryInfo? current = folder; current is not null; current = current.Parent)
        {
            prefix = current.Name + "/" + prefix;
            if (current.Name == "AWSLogs" && current.Parent is not null)
            {
                return (new FolderObjectStore(current.Parent.FullName), prefix);
            }
        }

        return (new FolderObjectStore(folder.FullName), "");
    }
}
