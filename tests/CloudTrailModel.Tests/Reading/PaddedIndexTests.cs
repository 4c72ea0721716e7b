using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CloudTrailModel.Reading.Materialize;
using FluentAssertions;

namespace CloudTrailModel.Tests.Reading;

/// <summary>The fan-out's per-record index shares no cache line with the fields helper threads read.</summary>
public sealed class PaddedIndexTests
{
    [Fact]
    public void PaddedIndex_KeepsACacheLineOnEitherSideOfItsValue()
    {
        int offset = (int)Marshal.OffsetOf<PaddedIndex>(nameof(PaddedIndex.Value));

        offset.Should().BeGreaterThanOrEqualTo(64);
        (Unsafe.SizeOf<PaddedIndex>() - offset - sizeof(int)).Should().BeGreaterThanOrEqualTo(64);
    }
}
