using CloudTrailModel.Tests.Infrastructure;

namespace CloudTrailModel.Tests;

/// <summary>The typed view of user-guide examples, one per identity type and record shape, as approved snapshots.</summary>
public sealed class SnapshotTests
{
    public static TheoryData<string> Examples() => new()
    {
        "userIdentity-assumedrole-example",
        "userIdentity-iamuser-example",
        "signin-root-consolelogin-success-mfa-v1.05",
        "userIdentity-identitycenteruser-example",
        "userIdentity-webidentityuser-example",
        "data-event-cognito-getcredentialsforidentity-unknown-identity-v1.08",
        "awsserviceevent-kms-rotatekey-v1.05",
        "log-file-insights-start-end-pair-v1.07",
        "network-activity-kms-listkeys-vpce-access-denied-v1.09",
        "record-cloudtrail-startlogging-v1.09-tlsdetails",
        "userIdentity-sourceidentity-sessioncontext-v1.08",
        "migrationhub-orchestrator-getworkflowstep-v1.08",
    };

    [SkippableTheory]
    [MemberData(nameof(Examples))]
    public void ReadRecords_UserGuideExample_MatchesTypedSnapshot(string name)
    {
        string path = Corpus.RequireFile(Path.Combine("docs", name + ".json"));

        List<CloudTrailRecord> records = CloudTrailReader.ReadRecords(path).ToList();

        ApprovedFile.Verify(TypedDumper.Dump(records), "Snapshots", name, "json");
    }
}
