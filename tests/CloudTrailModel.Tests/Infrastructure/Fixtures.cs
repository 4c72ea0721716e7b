using System.IO.Compression;
using System.Text;

namespace CloudTrailModel.Tests.Infrastructure;

/// <summary>Hand-written fixtures for reader edge cases.</summary>
public static class Fixtures
{
    public static string Record(int i, string eventTime = "2024-03-01T12:00:00Z") =>
        $$"""{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE{{i}}","arn":"arn:aws:iam::111122223333:user/u{{i}}","accountId":"111122223333"},"eventTime":"{{eventTime}}","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.{{i % 250}}","requestParameters":{"bucketName":"b{{i}}"},"eventID":"id-{{i}}","eventType":"AwsApiCall","recipientAccountId":"111122223333"}""";

    public static string LogFile(params string[] records) => "{\"Records\":[" + string.Join(",", records) + "]}";

    public static string LogFile(int count) => LogFile(Enumerable.Range(0, count).Select(i => Record(i)).ToArray());

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    public static (List<CloudTrailRecord> Records, List<CloudTrailRecordError> Errors) ReadSkip(byte[] input, CloudTrailReaderOptions? options = null)
    {
        var errors = new List<CloudTrailRecordError>();
        CloudTrailReaderOptions o = (options ?? CloudTrailReaderOptions.Default) with
        {
            InvalidRecordHandling = InvalidRecordHandling.Skip,
            OnInvalidRecord = errors.Add,
        };
        List<CloudTrailRecord> records = CloudTrailReader.ReadRecords(new MemoryStream(input), o).ToList();
        return (records, errors);
    }

    public static (List<CloudTrailRecord> Records, List<CloudTrailRecordError> Errors) ReadSkip(string input, CloudTrailReaderOptions? options = null) =>
        ReadSkip(Utf8(input), options);

    /// <summary>One record, read the way the reader reads a log file (deferred strings, shared values and all).</summary>
    public static CloudTrailRecord ReadOne(string recordJson) => ReadSkip(LogFile(recordJson)).Records.Single();

    /// <summary>A record written back as JSON.</summary>
    public static string Json(CloudTrailRecord record) =>
        System.Text.Json.JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord);
}

/// <summary>A read-only stream that generates a <c>{"Records":[...]}</c> log file on the fly, never holding it whole.</summary>
public sealed class GeneratedLogStream(int recordCount) : Stream
{
    private byte[] _pending = Encoding.UTF8.GetBytes("{\"Records\":[");
    private int _offset;
    private int _next;
    private bool _closed;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int written = 0;
        while (written < buffer.Length)
        {
            if (_offset == _pending.Length && !Refill())
            {
                break;
            }

            int n = Math.Min(buffer.Length - written, _pending.Length - _offset);
            _pending.AsSpan(_offset, n).CopyTo(buffer[written..]);
            _offset += n;
            written += n;
        }

        return written;
    }

    private bool Refill()
    {
        if (_next < recordCount)
        {
            _pending = Encoding.UTF8.GetBytes((_next == 0 ? "" : ",") + Fixtures.Record(_next));
            _next++;
        }
        else if (!_closed)
        {
            _pending = "]}"u8.ToArray();
            _closed = true;
        }
        else
        {
            return false;
        }

        _offset = 0;
        return true;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
