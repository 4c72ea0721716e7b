using System.Runtime.ExceptionServices;

namespace CloudTrailModel.Reading.Input;

/// <summary>One pooled chunk of decompressed bytes handed from <see cref="ReadAheadStream"/>'s thread to its reader, or the failure that ended it.</summary>
internal readonly record struct ReadAheadChunk(byte[]? Buffer, int Length, ExceptionDispatchInfo? Error);
