using System.Text;
using Amazon.S3.Model;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Tests.Integration.ObjectStore;

/// <summary>The S3 object store against a real S3 API (s3rver), each test on a bucket of its own.</summary>
public sealed class S3ObjectStoreTests : IAsyncLifetime
{
    private S3TestBucket _bucket = null!;

    public async Task InitializeAsync() => _bucket = await S3TestBucket.CreateAsync();

    public async Task DisposeAsync() => await _bucket.DisposeAsync();

    [Fact]
    public async Task PutThenReadAndList_ReturnsTheBytesSizeAndS3sETag()
    {
        using var store = _bucket.NewStore();
        var content = "{\"a\":1}\n{\"a\":2}\n"u8.ToArray();

        await store.PutAsync("topics/t.pin/partition=0/t.pin+0+0000000000.json", content, CancellationToken.None);

        (await store.ReadAsync("topics/t.pin/partition=0/t.pin+0+0000000000.json", CancellationToken.None)).Should().Equal(content);
        var listed = await ListAsync(store, "topics/");
        var head = await _bucket.Client.GetObjectMetadataAsync(_bucket.Name, "topics/t.pin/partition=0/t.pin+0+0000000000.json");
        listed.Should().Equal(new StoredObject("topics/t.pin/partition=0/t.pin+0+0000000000.json", head.ETag, content.Length));
    }

    [Fact]
    public async Task List_ReturnsOnlyKeysUnderThePrefix_InKeyOrder()
    {
        using var store = _bucket.NewStore();
        string[] keys = ["topics/b/x.json", "topics/a/2.json", "topics/a/1.json", "topicsX/a.json", "other/topics/a/1.json"];
        foreach (var key in keys)
        {
            await store.PutAsync(key, Encoding.UTF8.GetBytes(key), CancellationToken.None);
        }

        (await ListAsync(store, "topics/a/")).Select(o => o.Key).Should().Equal("topics/a/1.json", "topics/a/2.json");
        (await ListAsync(store, "topics/")).Select(o => o.Key).Should().Equal("topics/a/1.json", "topics/a/2.json", "topics/b/x.json");
        (await ListAsync(store, "nothing/")).Should().BeEmpty();
    }

    [Fact]
    public async Task List_AcrossMoreThanOneThousandObjects_PagesThroughEveryOne()
    {
        // S3 answers at most 1,000 keys per request: only following the continuation tokens finds all of them.
        const int count = 2_001; // three pages: 1,000, 1,000 and 1
        using var store = _bucket.NewStore();
        var expected = Enumerable.Range(0, count).Select(i => new LandingObjectKey("t.pin", i % 3, i).ToString()).Order(StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(
            expected,
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (key, cancellationToken) => await store.PutAsync(key, "{}\n"u8.ToArray(), cancellationToken));

        var listed = await ListAsync(store, LandingObjectKey.TopicPrefix("t.pin"));

        listed.Select(o => o.Key).Should().Equal(expected);
        listed.Should().OnlyContain(o => o.Size == 3 && o.ETag.Length > 0);
    }

    [Fact]
    public async Task Prefix_GoesInFrontOfEveryKeyInTheBucket_AndTheStoreSeesOnlyItsOwnKeysWithoutIt()
    {
        using var prefixed = _bucket.NewStore("/env/prod/");
        using var atRoot = _bucket.NewStore();
        await prefixed.PutAsync("topics/t.geo/partition=0/t.geo+0+0000000000.json", "{\"p\":1}\n"u8.ToArray(), CancellationToken.None);
        await atRoot.PutAsync("topics/t.geo/partition=0/t.geo+0+0000000005.json", "{\"p\":0}\n"u8.ToArray(), CancellationToken.None);

        (await _bucket.KeysAsync()).Should().BeEquivalentTo(
            "env/prod/topics/t.geo/partition=0/t.geo+0+0000000000.json",
            "topics/t.geo/partition=0/t.geo+0+0000000005.json");
        (await ListAsync(prefixed, "topics/")).Select(o => o.Key).Should().Equal("topics/t.geo/partition=0/t.geo+0+0000000000.json");
        (await prefixed.ReadAsync("topics/t.geo/partition=0/t.geo+0+0000000000.json", CancellationToken.None))
            .Should().Equal("{\"p\":1}\n"u8.ToArray());
        (await ListAsync(atRoot, "topics/")).Select(o => o.Key).Should().Equal("topics/t.geo/partition=0/t.geo+0+0000000005.json");
    }

    [Fact]
    public async Task Put_OverAnExistingKey_ReplacesTheContentAndChangesTheETag()
    {
        using var store = _bucket.NewStore();
        await store.PutAsync("topics/t/o.json", "{\"v\":1}\n"u8.ToArray(), CancellationToken.None);
        var before = (await ListAsync(store, "topics/")).Single();

        await store.PutAsync("topics/t/o.json", "{\"v\":2}\n{\"v\":3}\n"u8.ToArray(), CancellationToken.None);

        var after = (await ListAsync(store, "topics/")).Single();
        after.ETag.Should().NotBe(before.ETag, "the batch job finds rewritten objects by their ETag");
        after.Size.Should().Be(16);
        (await store.ReadAsync("topics/t/o.json", CancellationToken.None)).Should().Equal("{\"v\":2}\n{\"v\":3}\n"u8.ToArray());
    }

    [Fact]
    public async Task Put_AboveTheMultipartThreshold_UploadsInPartsAndReadsBackWhole()
    {
        var (client, proxy) = S3ClientProxy.Wrap(_bucket.Client);
        var store = new S3ObjectStore(client, PartsOfMinimumSize()); // not disposed: that would dispose the bucket's own client
        var content = new byte[(2 * ObjectStoreOptions.MinPartBytes) + 12_345];
        new Random(7).NextBytes(content);

        await store.PutAsync("topics/t/big.json", content, CancellationToken.None);

        proxy.Calls.Should().Equal(
            "InitiateMultipartUploadAsync", "UploadPartAsync", "UploadPartAsync", "UploadPartAsync", "CompleteMultipartUploadAsync");
        (await store.ReadAsync("topics/t/big.json", CancellationToken.None)).Should().Equal(content);
        (await ListAsync(store, "topics/t/")).Select(o => (o.Key, o.Size)).Should().Equal(("topics/t/big.json", (long)content.Length));
    }

    [Fact]
    public async Task Put_AtTheMultipartThreshold_IsOnePut()
    {
        var (client, proxy) = S3ClientProxy.Wrap(_bucket.Client);
        var store = new S3ObjectStore(client, PartsOfMinimumSize());
        var content = new byte[ObjectStoreOptions.MinPartBytes];
        content.AsSpan().Fill((byte)'x');

        await store.PutAsync("topics/t/small.json", content, CancellationToken.None);

        proxy.Calls.Should().Equal("PutObjectAsync");
        (await store.ReadAsync("topics/t/small.json", CancellationToken.None)).Should().Equal(content);
    }

    [Fact]
    public async Task Put_AboveTheThreshold_WhenAPartFails_ThrowsThatFailureTriesAnAbortAndLeavesNoObject()
    {
        var (client, proxy) = S3ClientProxy.Wrap(_bucket.Client, nameof(Amazon.S3.IAmazonS3.UploadPartAsync), failOnCall: 2);
        var store = new S3ObjectStore(client, PartsOfMinimumSize());
        var content = new byte[(2 * ObjectStoreOptions.MinPartBytes) + 1];

        var put = () => store.PutAsync("topics/t/broken.json", content, CancellationToken.None);

        // s3rver has no AbortMultipartUpload: the abort fails too, and the part's own failure is what the caller sees.
        await put.Should().ThrowAsync<IOException>().WithMessage("*failed on purpose*");
        proxy.Calls.Should().Equal("InitiateMultipartUploadAsync", "UploadPartAsync", "UploadPartAsync", "AbortMultipartUploadAsync");
        (await _bucket.KeysAsync()).Should().BeEmpty("S3 shows a multipart object only once it is completed");
    }

    [Fact]
    public async Task Read_OfAMissingKey_ThrowsFileNotFoundNamingTheKey()
    {
        using var store = _bucket.NewStore();

        var read = () => store.ReadAsync("topics/t/none.json", CancellationToken.None);

        (await read.Should().ThrowAsync<FileNotFoundException>()).WithMessage("*topics/t/none.json*");
    }

    [Fact]
    public async Task List_SkipsFolderMarkersAConsoleLeaves()
    {
        using var store = _bucket.NewStore();
        await _bucket.Client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket.Name, Key = "topics/t/", ContentBody = "", UseChunkEncoding = false });
        await store.PutAsync("topics/t/a.json", "{}\n"u8.ToArray(), CancellationToken.None);

        (await ListAsync(store, "topics/")).Select(o => o.Key).Should().Equal("topics/t/a.json");
    }

    private ObjectStoreOptions PartsOfMinimumSize()
    {
        var options = _bucket.StoreOptions();
        options.MultipartThresholdBytes = ObjectStoreOptions.MinPartBytes;
        options.PartBytes = ObjectStoreOptions.MinPartBytes;
        return options;
    }

    private static async Task<List<StoredObject>> ListAsync(S3ObjectStore store, string prefix)
    {
        var listed = new List<StoredObject>();
        await foreach (var stored in store.ListAsync(prefix, CancellationToken.None))
        {
            listed.Add(stored);
        }

        return listed;
    }
}
