using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CloudTrailModel.Internal;

/// <summary>
/// The files of a checkpoint's last lateness window that were read to their end, so a resumed run can tell a file that
/// arrived late (listed before the checkpoint's position but not read) from one already read. Kept as 64-bit hashes of
/// the keys (8 bytes a file in the checkpoint's text); a reader's snapshot names a range of its listing and computes
/// them only when the checkpoint is written.
/// </summary>
internal sealed class TrailSeen
{
    public const int HashSize = sizeof(ulong);

    public static readonly TrailSeen None = new([]);

    private readonly IReadOnlyList<TrailFile>? _files;
    private readonly int _from;
    private readonly int _to;
    private readonly int[] _notRead;
    private byte[]? _hashes;

    public TrailSeen(byte[] hashes)
    {
        _hashes = hashes;
        _notRead = [];
    }

    // The files in [from, to) of a listing, except those in notRead (sorted).
    public TrailSeen(IReadOnlyList<TrailFile> files, int from, int to, int[] notRead)
    {
        _files = files;
        _from = from;
        _to = to;
        _notRead = notRead;
    }

    /// <summary>The hashes, <see cref="HashSize"/> bytes each.</summary>
    public byte[] Hashes => _hashes ??= Compute();

    // A collision would take a late file for one already read: with 64 bits and the files of one window, about 1 in 10^10.
    public static ulong Hash(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    public HashSet<ulong> ToSet()
    {
        byte[] hashes = Hashes;
        var set = new HashSet<ulong>(hashes.Length / HashSize);
        for (int i = 0; i + HashSize <= hashes.Length; i += HashSize)
        {
            set.Add(BinaryPrimitives.ReadUInt64LittleEndian(hashes.AsSpan(i)));
        }

        return set;
    }

    private byte[] Compute()
    {
        var hashes = new byte[(_to - _from - _notRead.Length) * HashSize];
        int at = 0;
        for (int file = _from; file < _to; file++)
        {
            if (Array.BinarySearch(_notRead, file) < 0)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(hashes.AsSpan(at), Hash(_files![file].Key.Key));
                at += HashSize;
            }
        }

        return hashes;
    }
}
