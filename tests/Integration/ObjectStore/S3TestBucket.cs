using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Tests.Integration.ObjectStore;

/// <summary>
/// A bucket of its own on the s3rver of <see cref="TestServers.S3ServiceUrl"/>, emptied and deleted on dispose, with a
/// plain SDK client (<see cref="Client"/>) to look at it independently of the store under test.
/// </summary>
public sealed class S3TestBucket : IAsyncDisposable
{
    /// <summary>s3rver's only account: access key and secret are both this.</summary>
    public const string Credential = "S3RVER";

    private S3TestBucket(string name, IAmazonS3 client)
    {
        Name = name;
        Client = client;
    }

    public string Name { get; }

    public IAmazonS3 Client { get; }

    public static Uri ServiceUrl => TestServers.S3ServiceUrl;

    public static async Task<S3TestBucket> CreateAsync()
    {
        var client = NewClient(Options("unused-bucket"));
        var name = $"pm-{Guid.NewGuid():N}";
        await client.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return new S3TestBucket(name, client);
    }

    /// <summary>
    /// Lets a host built from configuration (the API server) find s3rver's keys through the SDK's standard credentials
    /// chain, as production finds its own: the environment variables. Instance metadata is turned off so a missing
    /// credential can never send a request off this machine.
    /// </summary>
    public static void ShareCredentialsThroughEnvironment()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Credential);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Credential);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    /// <summary>The options a store on this bucket runs with (path style, as s3rver needs).</summary>
    public ObjectStoreOptions StoreOptions(string prefix = "") => Options(Name, prefix);

    /// <summary>The store under test, on its own client with s3rver's keys.</summary>
    public S3ObjectStore NewStore(string prefix = "")
    {
        var options = StoreOptions(prefix);
        return new S3ObjectStore(NewClient(options), options);
    }

    /// <summary>The configuration keys a user sets to put the landing zone in this bucket.</summary>
    public Dictionary<string, string?> Settings(string prefix = "") => new()
    {
        ["ObjectStore:Provider"] = "S3",
        ["ObjectStore:Bucket"] = Name,
        ["ObjectStore:ServiceUrl"] = ServiceUrl.ToString(),
        ["ObjectStore:ForcePathStyle"] = "true",
        ["ObjectStore:Prefix"] = prefix,
    };

    /// <summary>Every key in the bucket, as S3 lists them (paged here too).</summary>
    public async Task<List<string>> KeysAsync()
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Name };
        ListObjectsV2Response page;
        do
        {
            page = await Client.ListObjectsV2Async(request);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return keys;
    }

    public async Task<string> ReadTextAsync(string key)
    {
        using var response = await Client.GetObjectAsync(Name, key);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var chunk in (await KeysAsync()).Chunk(1000))
            {
                await Client.DeleteObjectsAsync(new DeleteObjectsRequest
                {
                    BucketName = Name,
                    Objects = [.. chunk.Select(key => new KeyVersion { Key = key })],
                });
            }

            await Client.DeleteBucketAsync(Name);
        }
        finally
        {
            Client.Dispose();
        }
    }

    private static ObjectStoreOptions Options(string bucket, string prefix = "") => new()
    {
        Provider = ObjectStoreOptions.S3,
        Bucket = bucket,
        ServiceUrl = ServiceUrl.ToString(),
        ForcePathStyle = true,
        Prefix = prefix,
    };

    private static AmazonS3Client NewClient(ObjectStoreOptions options) =>
        new(new BasicAWSCredentials(Credential, Credential), S3ClientFactory.ConfigFor(options));
}
