using System.Text.Json;

namespace CloudTrailModel.Tests;

public sealed class RawJsonTests
{
    [Fact]
    public void Constructor_String_KeepsTheText()
    {
        var raw = new RawJson("""{"a": [1, "x"]}""");

        raw.ToString().Should().Be("""{"a": [1, "x"]}""");
        raw.ValueKind.Should().Be(JsonValueKind.Object);
        raw.ToJsonElement().GetProperty("a")[1].GetString().Should().Be("x");
    }

    [Fact]
    public void Constructor_TwoValues_Throws()
    {
        Action act = () => _ = new RawJson("1 2");

        act.Should().Throw<JsonException>();
    }

    [Theory]
    [InlineData("[1]", JsonValueKind.Array)]
    [InlineData("\"s\"", JsonValueKind.String)]
    [InlineData("true", JsonValueKind.True)]
    [InlineData("false", JsonValueKind.False)]
    [InlineData("null", JsonValueKind.Null)]
    [InlineData("-1.5e3", JsonValueKind.Number)]
    public void ValueKind_IsTheKindOfTheValue(string json, JsonValueKind kind) => new RawJson(json).ValueKind.Should().Be(kind);

    [Fact]
    public void Equals_ComparesBytes()
    {
        new RawJson("{\"a\":1}").Should().Be(new RawJson("{\"a\":1}"));
        new RawJson("{\"a\":1}").Should().NotBe(new RawJson("{\"a\": 1}"));
        new RawJson("{\"a\":1}").GetHashCode().Should().Be(new RawJson("{\"a\":1}").GetHashCode());
    }

    [Fact]
    public void TryGetString_NotAnObject_ReturnsFalse()
    {
        new RawJson("[\"bucketName\"]").TryGetString("bucketName", out string? value).Should().BeFalse();
        value.Should().BeNull();
    }

    [Fact]
    public void ResponseElementsBareString_IsKeptAsString()
    {
        CloudTrailRecord record = CloudTrailRecord.Parse("""{"eventVersion":"1.08","responseElements":"OK"}""");

        record.ResponseElements!.ValueKind.Should().Be(JsonValueKind.String);
        record.ResponseElements.ToJsonElement().GetString().Should().Be("OK");
    }
}
