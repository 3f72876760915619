using System.Buffers.Text;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;

namespace Pinterest.Modular.Infrastructure.Kafka.Msk;

/// <summary>
/// Makes the SASL/OAUTHBEARER tokens of MSK IAM access control, as AWS's aws-msk-iam-sasl-signer libraries do: a GET of
/// <c>https://kafka.&lt;region&gt;.amazonaws.com/?Action=kafka-cluster%3AConnect</c> presigned with SigV4 for the
/// service <c>kafka-cluster</c> (signed header <c>host</c>, the empty body's hash, <c>X-Amz-Expires=900</c>, a session
/// token signed into the query), then a <c>User-Agent</c> parameter added after signing, the whole URL base64url-encoded
/// without padding. Every call signs afresh with the credentials' current keys, so rotated role credentials are picked up.
/// </summary>
public sealed class MskIamTokenProvider(AWSCredentials credentials, RegionEndpoint region, TimeProvider time)
{
    /// <summary>The lifetime the signers give a token (<c>X-Amz-Expires</c>); the broker accepts it until then.</summary>
    public static TimeSpan TokenLifetime { get; } = TimeSpan.FromSeconds(900);

    /// <summary>The SigV4 service name the broker checks the signature against.</summary>
    public const string SigningService = "kafka-cluster";

    /// <summary>Added after signing, as the signers do, so the broker's logs can tell clients apart.</summary>
    public static string UserAgent { get; } = $"pinterest-modular/{typeof(MskIamTokenProvider).Assembly.GetName().Version}";

    private readonly AWSCredentials _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
    private readonly RegionEndpoint _region = region ?? throw new ArgumentNullException(nameof(region));
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));
    private readonly Uri _connectUrl = new($"https://kafka.{region.SystemName}.amazonaws.com/?Action=kafka-cluster%3AConnect");

    /// <summary>
    /// A provider signing with the standard AWS credentials chain (environment variables, web identity, profile, container
    /// and instance roles). Resolves the chain now, so a host without credentials fails at start with the AWS SDK's list of
    /// what it tried.
    /// </summary>
    /// <exception cref="ArgumentException">The region is empty or not a region name.</exception>
    /// <exception cref="AmazonClientException">No credentials anywhere in the chain.</exception>
    public static MskIamTokenProvider FromDefaultChain(string region, TimeProvider time)
    {
        if (MskRegion.Problem(region, nameof(region)) is { } problem)
        {
            throw new ArgumentException(problem, nameof(region));
        }

        return new MskIamTokenProvider(DefaultAWSCredentialsIdentityResolver.GetCredentials(), RegionEndpoint.GetBySystemName(region), time);
    }

    /// <summary>A token signed now, valid for <see cref="TokenLifetime"/> from its signing second.</summary>
    public async Task<MskIamToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        // One read of the keys, used for the signature and the principal alike, even if a refresh lands in between.
        var keys = await _credentials.GetCredentialsAsync().WaitAsync(cancellationToken);
        if (keys is null || string.IsNullOrEmpty(keys.AccessKey) || string.IsNullOrEmpty(keys.SecretKey))
        {
            throw new InvalidOperationException("MSK IAM authentication needs AWS credentials with an access key and a secret key; these are anonymous or empty.");
        }

        // X-Amz-Date has whole seconds; the expiry counts from it, as the signers compute it.
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var presigned = await AWSSigV4Signer.PresignAsync(
            new AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = _connectUrl },
            new AWSSigV4Parameters
            {
                Credentials = keys.UseToken
                    ? new SessionAWSCredentials(keys.AccessKey, keys.SecretKey, keys.Token)
                    : new BasicAWSCredentials(keys.AccessKey, keys.SecretKey),
                Region = _region,
                Service = SigningService,
                SignedAt = signedAt.UtcDateTime,
            },
            TokenLifetime,
            cancellationToken);

        var url = $"{presigned.Uri.AbsoluteUri}&User-Agent={Uri.EscapeDataString(UserAgent)}";
        return new MskIamToken(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(url)), signedAt + TokenLifetime, keys.AccessKey);
    }
}
