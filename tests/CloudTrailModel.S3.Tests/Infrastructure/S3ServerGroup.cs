namespace CloudTrailModel.S3.Tests.Infrastructure;

/// <summary>Tests that share one local S3 server.</summary>
[CollectionDefinition(Name)]
public sealed class S3ServerGroup : ICollectionFixture<S3ServerFixture>
{
    public const string Name = "Local S3 server";
}
