using System.Text;
using Amazon;
using Amazon.Runtime;
using Pinterest.Modular.Infrastructure.Kafka.Msk;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kafka.Msk;

/// <summary>
/// The MSK IAM token against a fixed clock and fixed credentials (the AWS documentation's example keys): the URL inside,
/// its encoding, its expiry, and its signature recomputed here from the SigV4 specification.
/// </summary>
public class MskIamTokenProviderTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string SessionToken = "FQoGZXIvYXdzEExample/Session+Token==";

    private static readonly DateTimeOffset SigningTime = ManualClock.DefaultStart; // 2026-11-21T12:00:00Z

    [Fact]
    public async Task GetToken_DecodesToAPresignedConnectUrlForTheClustersRegion()
    {
        var url = Decode(await Provider(RegionEndpoint.EUWest1).GetTokenAsync(CancellationToken.None));

        url.Uri.Scheme.Should().Be("https");
        url.Uri.Host.Should().Be("kafka.eu-west-1.amazonaws.com");
        url.Uri.IsDefaultPort.Should().BeTrue();
        url.Uri.AbsolutePath.Should().Be("/");
        url.Query.Keys.Should().BeEquivalentTo(
            "Action", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
            "X-Amz-Signature", "User-Agent");
        url.Query["Action"].Should().Be("kafka-cluster:Connect");
        url.Query["X-Amz-Algorithm"].Should().Be("AWS4-HMAC-SHA256");
        url.Query["X-Amz-Credential"].Should().Be("AKIDEXAMPLE/20261121/eu-west-1/kafka-cluster/aws4_request");
        url.Query["X-Amz-Date"].Should().Be("20261121T120000Z");
        url.Query["X-Amz-Expires"].Should().Be("900");
        url.Query["X-Amz-SignedHeaders"].Should().Be("host");
        url.Query["X-Amz-Signature"].Should().MatchRegex("^[0-9a-f]{64}$");
        url.Query["User-Agent"].Should().Be(MskIamTokenProvider.UserAgent).And.StartWith("pinterest-modular/");
    }

    [Fact]
    public async Task GetToken_EscapesTheActionColonAndAddsTheUserAgentLastAsTheSignersDo()
    {
        var url = Decode(await Provider(RegionEndpoint.USEast1).GetTokenAsync(CancellationToken.None));

        url.Text.Should().StartWith("https://kafka.us-east-1.amazonaws.com/?Action=kafka-cluster%3AConnect&");
        url.Text.Should().Contain("&X-Amz-Credential=AKIDEXAMPLE%2F20261121%2Fus-east-1%2Fkafka-cluster%2Faws4_request&");
        url.Text.Should().EndWith("&User-Agent=" + Uri.EscapeDataString(MskIamTokenProvider.UserAgent));
    }

    [Fact]
    public async Task GetToken_SignatureMatchesSigV4ComputedFromTheSpecification()
    {
        var url = Decode(await Provider(RegionEndpoint.USEast1).GetTokenAsync(CancellationToken.None));

        url.Query["X-Amz-Signature"].Should().Be(ExpectedSignature(securityToken: null));
    }

    [Fact]
    public async Task GetToken_WithSessionCredentials_SignsTheSecurityTokenIntoTheUrl()
    {
        var credentials = new SessionAWSCredentials(AccessKey, SecretKey, SessionToken);
        var url = Decode(await Provider(RegionEndpoint.USEast1, credentials).GetTokenAsync(CancellationToken.None));

        url.Query["X-Amz-Security-Token"].Should().Be(SessionToken);
        url.Text.Should().Contain("&X-Amz-Security-Token=" + SigV4Reference.Encode(SessionToken) + "&");
        url.Query["X-Amz-Signature"].Should().Be(ExpectedSignature(SessionToken));
    }

    [Fact]
    public async Task GetToken_WithLongTermCredentials_CarriesNoSecurityToken()
    {
        var url = Decode(await Provider(RegionEndpoint.USEast1).GetTokenAsync(CancellationToken.None));

        url.Query.Should().NotContainKey("X-Amz-Security-Token");
    }

    [Theory]
    [InlineData("AKIDEXAMPLE")]
    [InlineData("AKIDEXAMPLE1")]
    [InlineData("AKIDEXAMPLE12")]
    public async Task GetToken_IsBase64UrlWithoutPadding(string accessKey)
    {
        // Three key lengths move the URL's length through every remainder mod 3, so padding would show in two of them.
        var token = await Provider(RegionEndpoint.USEast1, new BasicAWSCredentials(accessKey, SecretKey)).GetTokenAsync(CancellationToken.None);

        token.Value.Should().MatchRegex("^[A-Za-z0-9_-]+$");
        Decode(token).Query["X-Amz-Credential"].Should().StartWith(accessKey + "/");
    }

    [Fact]
    public async Task GetToken_ExpiresFifteenMinutesAfterItsSigningSecond()
    {
        var clock = new ManualClock(SigningTime.AddMilliseconds(750));

        var token = await Provider(RegionEndpoint.USEast1, clock: clock).GetTokenAsync(CancellationToken.None);

        Decode(token).Query["X-Amz-Date"].Should().Be("20261121T120000Z");
        token.ExpiresAt.Should().Be(new DateTimeOffset(2026, 11, 21, 12, 15, 0, TimeSpan.Zero));
        token.ExpiresAtUnixMilliseconds.Should().Be(SigningTime.ToUnixTimeMilliseconds() + 900_000);
        token.RefreshAt.Should().Be(new DateTimeOffset(2026, 11, 21, 12, 12, 0, TimeSpan.Zero), "librdkafka refreshes 80% through the lifetime");
    }

    [Fact]
    public async Task GetToken_AfterTheClockMoves_SignsAgainForTheNewTime()
    {
        var clock = new ManualClock(SigningTime);
        var provider = Provider(RegionEndpoint.USEast1, clock: clock);
        var first = await provider.GetTokenAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(12));
        var second = await provider.GetTokenAsync(CancellationToken.None);

        var url = Decode(second);
        url.Query["X-Amz-Date"].Should().Be("20261122T121200Z");
        url.Query["X-Amz-Credential"].Should().Be("AKIDEXAMPLE/20261122/us-east-1/kafka-cluster/aws4_request");
        second.ExpiresAt.Should().Be(first.ExpiresAt + TimeSpan.FromDays(1) + TimeSpan.FromMinutes(12));
        second.Value.Should().NotBe(first.Value);
    }

    [Fact]
    public async Task GetToken_WhenTheCredentialsRotate_SignsWithTheCurrentKeys()
    {
        var credentials = new RotatingCredentials(new ImmutableCredentials("ASIAFIRST", SecretKey, "first-session"));
        var provider = Provider(RegionEndpoint.USEast1, credentials);
        await provider.GetTokenAsync(CancellationToken.None);

        credentials.Current = new ImmutableCredentials("ASIASECOND", SecretKey, "second-session");
        var token = await provider.GetTokenAsync(CancellationToken.None);

        token.Principal.Should().Be("ASIASECOND");
        Decode(token).Query["X-Amz-Credential"].Should().StartWith("ASIASECOND/");
        Decode(token).Query["X-Amz-Security-Token"].Should().Be("second-session");
    }

    [Fact]
    public async Task GetToken_NamesTheAccessKeyAsPrincipalAndKeepsTheTokenOutOfToString()
    {
        var token = await Provider(RegionEndpoint.USEast1).GetTokenAsync(CancellationToken.None);

        token.Principal.Should().Be(AccessKey);
        token.ToString().Should().Contain(AccessKey).And.NotContain(token.Value);
    }

    [Fact]
    public async Task GetToken_WithAnonymousCredentials_FailsSayingWhy()
    {
        var act = () => Provider(RegionEndpoint.USEast1, new AnonymousAWSCredentials()).GetTokenAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*access key and a secret key*");
    }

    [Fact]
    public async Task GetToken_WhenCancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => Provider(RegionEndpoint.USEast1).GetTokenAsync(cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("US-EAST-1")]
    public void FromDefaultChain_WhenTheRegionIsMissingOrMalformed_ThrowsBeforeLookingForCredentials(string region)
    {
        var act = () => MskIamTokenProvider.FromDefaultChain(region, TimeProvider.System);

        act.Should().Throw<ArgumentException>().WithMessage("region *");
    }

    [Fact]
    public void SigV4Reference_ReproducesTheAwsDocumentationPresignExample()
    {
        // The presigned GET of examplebucket/test.txt in the Amazon S3 API reference ("Authenticating Requests: Using
        // Query Parameters"), so the reference above is itself checked against AWS's published answer.
        var signature = SigV4Reference.PresignSignature(
            "examplebucket.s3.amazonaws.com",
            "/test.txt",
            new Dictionary<string, string>
            {
                ["X-Amz-Algorithm"] = "AWS4-HMAC-SHA256",
                ["X-Amz-Credential"] = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request",
                ["X-Amz-Date"] = "20130524T000000Z",
                ["X-Amz-Expires"] = "86400",
                ["X-Amz-SignedHeaders"] = "host",
            },
            "UNSIGNED-PAYLOAD",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            new DateTimeOffset(2013, 5, 24, 0, 0, 0, TimeSpan.Zero),
            "us-east-1",
            "s3");

        signature.Should().Be("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    }

    /// <summary>
    /// The signature of the Connect URL for us-east-1 at <see cref="SigningTime"/>, from the parameter set the signers
    /// sign (the User-Agent is added after signing, so it is not here) and the empty body's hash.
    /// </summary>
    private static string ExpectedSignature(string? securityToken)
    {
        var query = new Dictionary<string, string>
        {
            ["Action"] = "kafka-cluster:Connect",
            ["X-Amz-Algorithm"] = "AWS4-HMAC-SHA256",
            ["X-Amz-Credential"] = "AKIDEXAMPLE/20261121/us-east-1/kafka-cluster/aws4_request",
            ["X-Amz-Date"] = "20261121T120000Z",
            ["X-Amz-Expires"] = "900",
            ["X-Amz-SignedHeaders"] = "host",
        };
        if (securityToken is not null)
        {
            query["X-Amz-Security-Token"] = securityToken;
        }

        return SigV4Reference.PresignSignature(
            "kafka.us-east-1.amazonaws.com", "/", query, SigV4Reference.EmptyPayloadHash, SecretKey, SigningTime, "us-east-1", "kafka-cluster");
    }

    private static MskIamTokenProvider Provider(RegionEndpoint region, AWSCredentials? credentials = null, TimeProvider? clock = null) =>
        new(credentials ?? new BasicAWSCredentials(AccessKey, SecretKey), region, clock ?? new ManualClock(SigningTime));

    /// <summary>Undoes base64url by hand (alphabet swap, padding restored) rather than with the code's own decoder.</summary>
    private static SignedUrl Decode(MskIamToken token)
    {
        var base64 = token.Value.Replace('-', '+').Replace('_', '/');
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
        var uri = new Uri(text);
        var query = uri.Query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1]));
        return new SignedUrl(text, uri, query);
    }

    private sealed record SignedUrl(string Text, Uri Uri, IReadOnlyDictionary<string, string> Query);

    /// <summary>Credentials whose keys change underneath, as an instance role's do.</summary>
    private sealed class RotatingCredentials(ImmutableCredentials initial) : AWSCredentials
    {
        public ImmutableCredentials Current { get; set; } = initial;

        public override ImmutableCredentials GetCredentials() => Current;
    }
}
