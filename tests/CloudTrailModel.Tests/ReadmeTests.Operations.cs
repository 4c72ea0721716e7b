using CloudTrailModel.Operations.SecurityToken;
using CloudTrailModel.Operations.SignIn;

namespace CloudTrailModel.Tests;

/// <summary>The README's sign-in and NativeAOT registration blocks, verbatim (checked by <see cref="Readme_EveryCsharpBlock_AppearsVerbatimInReadmeTests"/>).</summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public void Readme_SignInAdditionalEventData_PrintsASignInWithoutMfa()
    {
        CloudTrailRecord record = CloudTrailRecord.Parse("""{"eventVersion":"1.08","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"LoginTo":"https://console.aws.amazon.com/console/home","MobileVersion":"No","MFAUsed":"No"}}""");

        if (record.TryGetAdditionalEventData(out ConsoleLoginAdditionalEventData? login)
            && !string.Equals(login.MFAUsed, "Yes", StringComparison.OrdinalIgnoreCase))
            Console.WriteLine($"console sign-in without MFA to {login.LoginTo}");

        _out.ToString().Trim().Should().Be("console sign-in without MFA to https://console.aws.amazon.com/console/home");
    }

    [Fact]
    public void Readme_NativeAotRegistration_MakesTheUntypedAccessorsWork()
    {
        CloudTrailRecord record = CloudTrailRecord.Parse("""{"eventVersion":"1.08","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/R","roleSessionName":"s"}}""");

        // At startup, once per package the app reads only through GetRequestParameters(), GetResponseElements(),
        // GetAdditionalEventData() or GetTargets(): it keeps the package in a NativeAOT binary.
        SecurityTokenOperations.Register();

        Console.WriteLine(record.GetRequestParameters()?.GetType().Name);

        _out.ToString().Trim().Should().Be("AssumeRoleRequestParameters");
        SecurityTokenOperations.Register();
        record.GetRequestParameters().Should().BeOfType<AssumeRoleRequestParameters>("a second Register() changes nothing");
    }
}
