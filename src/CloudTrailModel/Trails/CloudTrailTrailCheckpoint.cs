using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using CloudTrailModel.Internal;

namespace CloudTrailModel;

/// <summary>
/// A point in a trail read to resume from (<see cref="CloudTrailTrailEntry.Checkpoint"/>,
/// <see cref="CloudTrailTrailOptions.ResumeFrom"/>); persist it as its <see cref="ToString"/> text and read it back with <see cref="Parse"/>.
/// </summary>
/// <remarks>
/// <para>
/// Files are read in a fixed order (key time, then ordinal key), so a checkpoint names files by key: the file being read
/// and how many of its records were read, the last file read to its end, and in <see cref="CloudTrailRecordOrder.EventTime"/>
/// order the first file with records still waiting and the last record yielded in time order. A resumed run reads again
/// the files whose records were waiting (and, with <see cref="CloudTrailTrailOptions.Deduplicate"/>, the files of the
/// last <see cref="CloudTrailTrailOptions.LatenessWindow"/> to know their event IDs) and yields only what was not yielded.
/// </para>
/// <para>
/// Files delivered after the checkpoint are read. That includes a file that arrived late, whose key sorts before the
/// checkpoint's position (objects of other accounts and regions do not appear in key order): the checkpoint remembers
/// the files of the <see cref="CloudTrailTrailOptions.LatenessWindow"/> before its position that were read (a hash of
/// each key, 8 bytes a file), and a resumed run reads every file of that window it does not name, in reading order. A
/// file that appears later than that, with a key time more than the window before the file being read at the
/// checkpoint, is not read by the resumed run (it is taken for one read before). In
/// <see cref="CloudTrailRecordOrder.EventTime"/> order the records of a late file are ordered among those still waiting,
/// or yielded at once as late ones when they are older than the last record yielded in time order. With
/// <see cref="CloudTrailTrailOptions.Deduplicate"/> a late file is de-duplicated against the files before it in reading
/// order: a copy in it of a record read before the checkpoint from a file after it is yielded too.
/// </para>
/// <para>
/// The checkpoint also holds a hash of what the run selected (the prefix or folder, <see cref="CloudTrailTrailOptions.From"/>,
/// <see cref="CloudTrailTrailOptions.To"/>, accounts, regions, organisations and Insights) and its order, window and
/// de-duplication: resuming with any of them changed throws <see cref="ArgumentException"/>. The text is a small JSON object
/// holding object keys (which name accounts and regions): store it as you store the trail's keys.
/// </para>
/// </remarks>
public sealed class CloudTrailTrailCheckpoint
{
    private const int Version = 2;

    internal CloudTrailTrailCheckpoint(CloudTrailRecordOrder order, TimeSpan window, bool deduplicate, string selection, string? next, int read, string? last,
        string? restart, TrailPosition? floor, string? late, int lateRead, TrailSeen seen)
    {
        Order = order;
        Window = window;
        Deduplicate = deduplicate;
        Selection = selection;
        Next = next;
        Read = read;
        Last = last;
        Restart = restart;
        Floor = floor;
        Late = late;
        LateRead = lateRead;
        Seen = seen;
    }

    internal CloudTrailRecordOrder Order { get; }

    internal TimeSpan Window { get; }

    internal bool Deduplicate { get; }

    /// <summary>A hash of the prefix and the options that select files and records (<see cref="Internal.TrailReader"/> makes it).</summary>
    internal string Selection { get; }

    /// <summary>The key of the file being read (or whose turn has come); null once every listed file was read.</summary>
    internal string? Next { get; }

    /// <summary>The records of <see cref="Next"/> read.</summary>
    internal int Read { get; }

    /// <summary>The key of the last file read to its end.</summary>
    internal string? Last { get; }

    /// <summary>The key of the first file with records read but not yet yielded; null when none wait.</summary>
    internal string? Restart { get; }

    /// <summary>The last record yielded in event-time order; every waiting record comes after it.</summary>
    internal TrailPosition? Floor { get; }

    /// <summary>The key of a file that arrived late being read before <see cref="Next"/>; null when none is.</summary>
    internal string? Late { get; }

    /// <summary>The records of <see cref="Late"/> read.</summary>
    internal int LateRead { get; }

    /// <summary>The files of the window before <see cref="Next"/> (or up to <see cref="Last"/>) read to their end.</summary>
    internal TrailSeen Seen { get; }

    /// <summary>Reads a checkpoint from its <see cref="ToString"/> text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="FormatException">The text is not a checkpoint.</exception>
    public static CloudTrailTrailCheckpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out CloudTrailTrailCheckpoint? checkpoint) ? checkpoint : throw new FormatException("The text is not a CloudTrail trail checkpoint.");
    }

    /// <summary>Reads a checkpoint from its <see cref="ToString"/> text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="result">The checkpoint, or null when the text is not one.</param>
    /// <returns>Whether the text is a checkpoint.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out CloudTrailTrailCheckpoint? result)
    {
        result = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out JsonElement version) || version.GetInt32() != Version)
            {
                return false;
            }

            TrailPosition? floor = root.TryGetProperty("floorKey", out JsonElement floorKey)
                ? new TrailPosition(root.GetProperty("floorTicks").GetInt64(), floorKey.GetString()!, root.GetProperty("floorIndex").GetInt32())
                : null;
            var order = (CloudTrailRecordOrder)root.GetProperty("order").GetInt32();
            int read = root.GetProperty("read").GetInt32();
            int lateRead = root.TryGetProperty("lateRead", out JsonElement lateReadValue) ? lateReadValue.GetInt32() : 0;
            long window = root.GetProperty("window").GetInt64();
            byte[] seen = root.TryGetProperty("seen", out JsonElement seenValue) ? seenValue.GetBytesFromBase64() : [];
            if (order is not (CloudTrailRecordOrder.File or CloudTrailRecordOrder.EventTime) || read < 0 || lateRead < 0 || window < 0 || seen.Length % TrailSeen.HashSize != 0)
            {
                return false;
            }

            result = new CloudTrailTrailCheckpoint(order, TimeSpan.FromTicks(window), root.GetProperty("dedup").GetBoolean(),
                root.GetProperty("sel").GetString() ?? throw new FormatException(), OptionalString(root, "next"), read, OptionalString(root, "last"),
                OptionalString(root, "restart"), floor, OptionalString(root, "late"), lateRead, new TrailSeen(seen));
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return false;
        }
    }

    /// <summary>The checkpoint as text (a small JSON object), to persist and give to <see cref="Parse"/>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", Version);
            writer.WriteNumber("order", (int)Order);
            writer.WriteNumber("window", Window.Ticks);
            writer.WriteBoolean("dedup", Deduplicate);
            writer.WriteString("sel", Selection);
            WriteOptional(writer, "next", Next);
            writer.WriteNumber("read", Read);
            WriteOptional(writer, "last", Last);
            WriteOptional(writer, "restart", Restart);
            if (Floor is TrailPosition floor)
            {
                writer.WriteNumber("floorTicks", floor.Ticks);
                writer.WriteString("floorKey", floor.Key);
                writer.WriteNumber("floorIndex", floor.Index);
            }

            if (Late is not null)
            {
                writer.WriteString("late", Late);
                writer.WriteNumber("lateRead", LateRead);
            }

            byte[] seen = Seen.Hashes;
            if (seen.Length > 0)
            {
                writer.WriteBase64String("seen", seen);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) ? value.GetString() ?? throw new FormatException() : null;

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
