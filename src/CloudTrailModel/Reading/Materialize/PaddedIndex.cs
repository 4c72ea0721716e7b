using System.Runtime.InteropServices;

namespace CloudTrailModel.Reading.Materialize;

/// <summary>
/// An index one thread moves for every record while another thread reads the fields around it: kept alone on its cache
/// line, so each move does not take from the other core the line it reads its batch's arrays from.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct PaddedIndex
{
    /// <summary>The index: 64 bytes from either end of the struct, so no other field shares its cache line.</summary>
    [FieldOffset(64)]
    public int Value;
}
