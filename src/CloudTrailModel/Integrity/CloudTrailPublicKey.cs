using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CloudTrailModel.Internal;

namespace CloudTrailModel.Integrity;

/// <summary>
/// A public key CloudTrail signs digest files with (one per region and period), as CloudTrail's <c>ListPublicKeys</c>
/// returns it: DER bytes of an RSA public key, PKCS#1 <c>RSAPublicKey</c> or X.509 <c>SubjectPublicKeyInfo</c> (AWS's
/// own sample mixes both). Fetch the keys of a digest's region and period beforehand to validate offline.
/// </summary>
public sealed class CloudTrailPublicKey
{
    private readonly byte[] _der;

    /// <summary>Loads a key from its DER bytes (the <c>Value</c> of a <c>ListPublicKeys</c> entry, base64-decoded).</summary>
    /// <param name="der">PKCS#1 <c>RSAPublicKey</c> or X.509 <c>SubjectPublicKeyInfo</c> DER bytes.</param>
    /// <exception cref="ArgumentException">The bytes are not an RSA public key in either encoding.</exception>
    public CloudTrailPublicKey(ReadOnlySpan<byte> der)
    {
        _der = der.ToArray();
        using RSA rsa = Import(_der) ?? throw new ArgumentException("The bytes are not a DER-encoded RSA public key (PKCS#1 or SubjectPublicKeyInfo).", nameof(der));
#pragma warning disable CA5351 // CloudTrail defines the fingerprint as MD5; it only picks a key, the signature is SHA-256.
        Fingerprint = Convert.ToHexStringLower(MD5.HashData(_der));
#pragma warning restore CA5351
    }

    /// <summary>
    /// The key's fingerprint as digest files name it (<c>digestPublicKeyFingerprint</c>): the lowercase hexadecimal MD5
    /// of its DER bytes, computed here rather than taken from the listing.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>When the key starts to sign digests, if the listing said (<c>ValidityStartTime</c>).</summary>
    public DateTimeOffset? ValidityStartTime { get; init; }

    /// <summary>When the key stops signing digests, if the listing said (<c>ValidityEndTime</c>).</summary>
    public DateTimeOffset? ValidityEndTime { get; init; }

    /// <summary>
    /// Reads the keys of a <c>ListPublicKeys</c> response: the API's JSON or the AWS CLI's output
    /// (<c>aws cloudtrail list-public-keys</c>), whose <c>PublicKeyList</c> entries hold a base64 <c>Value</c> and validity
    /// times as epoch seconds (numbers or strings) or ISO 8601 strings. Member names match in any case.
    /// </summary>
    /// <param name="json">The response JSON.</param>
    /// <returns>The keys, in the order listed.</returns>
    /// <exception cref="JsonException">The JSON is malformed, has no key list, or an entry has no usable key.</exception>
    public static IReadOnlyList<CloudTrailPublicKey> ParseList(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || Member(document.RootElement, "PublicKeyList") is not { ValueKind: JsonValueKind.Array } list)
        {
            throw new JsonException("The JSON is not a ListPublicKeys response: it has no PublicKeyList array.");
        }

        var keys = new List<CloudTrailPublicKey>();
        int index = 0;
        foreach (JsonElement entry in list.EnumerateArray())
        {
            byte[]? der = entry.ValueKind == JsonValueKind.Object && Member(entry, "Value") is { ValueKind: JsonValueKind.String } value
                && value.TryGetBytesFromBase64(out byte[]? bytes) ? bytes : null;
            try
            {
                keys.Add(new CloudTrailPublicKey(der ?? [])
                {
                    ValidityStartTime = Time(Member(entry, "ValidityStartTime")),
                    ValidityEndTime = Time(Member(entry, "ValidityEndTime")),
                });
            }
            catch (ArgumentException)
            {
                throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"Entry {index} of PublicKeyList has no base64 Value that is an RSA public key."));
            }

            index++;
        }

        return new ValueList<CloudTrailPublicKey>([.. keys]);
    }

    /// <summary>The DER bytes the key was loaded from.</summary>
    /// <returns>A copy of the bytes.</returns>
    public byte[] GetDerBytes() => (byte[])_der.Clone();

    /// <summary>Whether <paramref name="signature"/> is this key's RSASSA-PKCS1-v1_5 SHA-256 signature of <paramref name="data"/>.</summary>
    internal bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using RSA rsa = Import(_der)!;
        return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static RSA? Import(byte[] der)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportRSAPublicKey(der, out int read);
            if (read == der.Length)
            {
                return rsa;
            }
        }
        catch (CryptographicException)
        {
        }

        try
        {
            rsa.ImportSubjectPublicKeyInfo(der, out int read);
            if (read == der.Length)
            {
                return rsa;
            }
        }
        catch (CryptographicException)
        {
        }

        rsa.Dispose();
        return null;
    }

    private static JsonElement? Member(JsonElement element, string name)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    // Epoch seconds (the CLI prints "1436317441.0"; the API's JSON a number) or an ISO 8601 string.
    private static DateTimeOffset? Time(JsonElement? element)
    {
        double seconds;
        switch (element)
        {
            case { ValueKind: JsonValueKind.Number } number when number.TryGetDouble(out seconds):
                break;
            case { ValueKind: JsonValueKind.String } text when double.TryParse(text.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds):
                break;
            case { ValueKind: JsonValueKind.String } text when TimeFormat.TryParse(text.GetString().AsSpan(), out DateTimeOffset time):
                return time;
            default:
                return null;
        }

        return double.IsFinite(seconds) && Math.Abs(seconds) < 253402300799
            ? DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond))
            : null;
    }
}
