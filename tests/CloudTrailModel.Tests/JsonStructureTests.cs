using System.Text.Json;
using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>The round-trip comparer itself must be able to fail.</summary>
public sealed class JsonStructureTests
{
    private static string? Diff(string expected, string actual)
    {
        using JsonDocument e = JsonDocument.Parse(expected), a = JsonDocument.Parse(actual);
        return JsonStructure.FirstDifference(e.RootElement, a.RootElement);
    }

    [Theory]
    [InlineData("""{"a":1,"b":"x"}""", """{"b":"x","a":1}""")]
    [InlineData("""{"n":1.0}""", """{"n":1}""")]
    [InlineData("""{"n":9.82222E-5}""", """{"n":0.0000982222}""")]
    public void FirstDifference_EquivalentDocuments_IsNull(string expected, string actual) => Diff(expected, actual).Should().BeNull();

    [Theory]
    [InlineData("""{"a":{"b":[1,2]}}""", """{"a":{"b":[2,1]}}""", "$.a.b[0]")]
    [InlineData("""{"a":1}""", """{"a":1,"c":2}""", "$.c")]
    [InlineData("""{"a":1,"c":2}""", """{"a":1}""", "$.c")]
    [InlineData("""{"a":"true"}""", """{"a":true}""", "$.a")]
    [InlineData("""{"a":null}""", """{"a":0}""", "$.a")]
    [InlineData("""{"a":null,"b":1}""", """{"b":1}""", "$.a")]
    [InlineData("""{"s":"2024-01-01T00:00:00Z"}""", """{"s":"2024-01-01T00:00:00+00:00"}""", "$.s")]
    [InlineData("""{"eventTime":"2024-01-01T00:00:00Z"}""", """{"eventTime":"2024-01-01T00:00:01Z"}""", "$.eventTime")]
    [InlineData("""{"eventTime":"2024-01-01T00:00:00Z"}""", """{"eventTime":"2024-01-01T00:00:00.0000000+00:00"}""", "$.eventTime")]
    [InlineData("""{"creationDate":"20131102T010628Z"}""", """{"creationDate":"2013-11-02T01:06:28Z"}""", "$.creationDate")]
    [InlineData("""{"r":[{"x":1}]}""", """{"r":[{"x":1},{"x":2}]}""", "$.r")]
    public void FirstDifference_DifferentDocuments_NamesThePath(string expected, string actual, string path) =>
        Diff(expected, actual).Should().StartWith(path + ":");
}
