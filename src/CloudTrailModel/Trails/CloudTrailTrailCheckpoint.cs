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
/// Files are read in a fixed order (key time, then ordinal key), so a checkpoint names files by key: the file being read
/// and how many of its records were read, the last file read to its end, and in <see cref="CloudTrailRecordOrder.EventTime"/>
/// order the first file with records still waiting and the last record yielded in time order. A resumed run reads again
/// the files whose records were waiting (and, with <see cref="CloudTrailTrailOptions.Deduplicate"/>, the files of the
/// last <see cref="CloudTrailTrailOptions.LatenessWindow"/> to know their event IDs) and yields only what was not yielded.
/// Files delivered after the checkpoint are read as usual. The text is a small JSON object holding object keys (which
/// name accounts and regions): store it as you store the trail's keys.
/// </remarks>
public sealed class CloudTrailTrailCheckpoint
{
    private const int Version = 1;

    internal CloudTrailTrailCheckpoint(CloudTrailRecordOrder order, TimeSpan window, bool deduplicate, string? next, int read, string? last, string? restart, TrailPosition? floor)
    {
        Order = order;
        Window = window;
        Deduplicate = deduplicate;
        Next = next;
        Read = read;
        Last = last;
        Restart = restart;
        Floor = floor;
    }

    internal CloudTrailRecordOrder Order { get; }

    internal TimeSpan Window { get; }

    internal bool Deduplicate { get; }

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
            long window = root.GetProperty("window").GetInt64();
            if (order is not (CloudTrailRecordOrder.File or CloudTrailRecordOrder.EventTime) || read < 0 || window < 0)
            {
                return false;
            }

            result = new CloudTrailTrailCheckpoint(order, TimeSpan.FromTicks(window), root.GetProperty("dedup").GetBoolean(),
                OptionalString(root, "next"), read, OptionalString(root, "last"), OptionalString(root, "restart"), floor);
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
