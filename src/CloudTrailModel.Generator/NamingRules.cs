using System.Text.Json;

namespace CloudTrailModel.Generator;

/// <summary>
/// How CloudTrail spells a model member in <c>requestParameters</c> / <c>responseElements</c>, per API protocol. Each rule
/// is a small function with its own test (<c>NamingRulesTests</c>) checked against real records.
/// </summary>
public static class NamingRules
{
    /// <summary>The first letter lowered, the rest kept: <c>DBInstanceIdentifier</c> → <c>dBInstanceIdentifier</c>, <c>CIDRIP</c> → <c>cIDRIP</c>.</summary>
    public static string LowerFirst(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>
    /// The JSON name of a member: <paramref name="memberName"/> is the model's member name, <paramref name="member"/> its
    /// model entry (for <c>locationName</c> and <c>location</c>), <paramref name="isList"/> whether its shape is a list.
    /// </summary>
    public static string JsonName(string protocol, string memberName, JsonElement member, bool isList)
    {
        ArgumentNullException.ThrowIfNull(memberName);
        string? locationName = member.ValueKind == JsonValueKind.Object && member.TryGetProperty("locationName", out JsonElement l) ? l.GetString() : null;
        string? location = member.ValueKind == JsonValueKind.Object && member.TryGetProperty("location", out JsonElement loc) ? loc.GetString() : null;
        return protocol switch
        {
            "ec2" => Ec2Name(locationName ?? memberName, isList && locationName is not null),
            "rest-xml" => RestXmlName(memberName, locationName, location),
            "query" or "json" or "rest-json" => LowerFirst(memberName),
            _ => memberName,
        };
    }

    /// <summary>
    /// EC2 logs the query API's names with the first letter lowered; <c>return</c> as <c>_return</c>; a list whose
    /// name is a capitalized query-string name (<c>Filter</c>, <c>Value</c>, <c>TagSpecification</c>) as <c>filterSet</c>,
    /// <c>valueSet</c>, <c>tagSpecificationSet</c> (<paramref name="isQueryList"/>: a list with such a wire name). Lists whose
    /// name is already lower case (<c>ipRanges</c>, <c>instancesSet</c>) or that have only a member name (<c>Add</c>) keep it.
    /// </summary>
    public static string Ec2Name(string name, bool isQueryList)
    {
        ArgumentNullException.ThrowIfNull(name);
        string lowered = LowerFirst(name);
        if (lowered == "return")
        {
            return "_return";
        }

        bool capitalized = name.Length > 0 && char.IsUpper(name[0]);
        return isQueryList && capitalized && !lowered.EndsWith("Set", StringComparison.Ordinal) ? lowered + "Set" : lowered;
    }

    /// <summary>
    /// S3 logs URI members by their meaning (<c>Bucket</c> → <c>bucketName</c>, <c>Key</c> → <c>key</c>), header and
    /// query-string members by their wire name (<c>x-amz-acl</c>, <c>versionId</c>), and the XML body as XML: element
    /// names as they are (<c>VersioningConfiguration</c>, <c>Status</c>).
    /// </summary>
    public static string RestXmlName(string memberName, string? locationName, string? location)
    {
        ArgumentNullException.ThrowIfNull(memberName);
        return location switch
        {
            "uri" => (locationName ?? memberName) == "Bucket" ? "bucketName" : LowerFirst(locationName ?? memberName),
            "header" or "headers" or "querystring" => locationName ?? memberName,
            _ => locationName ?? memberName,
        };
    }

    /// <summary>
    /// The subresource markers of a REST request URI (<c>/{Bucket}?acl</c> → <c>acl</c>), which S3 logs as members
    /// holding an empty string (<c>"acl": ""</c> or <c>"acl": [""]</c>). Query parts with a value (<c>x-id=GetObject</c>) are not markers.
    /// </summary>
    public static IReadOnlyList<string> SubresourceMarkers(string requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        int query = requestUri.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return [];
        }

        return requestUri[(query + 1)..].Split('&').Where(p => p.Length > 0 && !p.Contains('=', StringComparison.Ordinal)).ToList();
    }

    /// <summary>
    /// Every <c>eventName</c> an operation is logged under: its own name, the alias file's spellings, and the name with
    /// each of the service's API-version suffixes (Lambda logs <c>CreateFunction20150331</c>, <c>UpdateFunctionCode20150331v2</c>).
    /// </summary>
    public static IReadOnlyList<string> EventNames(string operation, IEnumerable<string> aliases, IEnumerable<string> suffixes)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var names = new List<string> { operation };
        foreach (string name in aliases.Concat(suffixes.Select(s => operation + s)))
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
