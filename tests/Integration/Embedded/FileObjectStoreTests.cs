using System.Text;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Tests.Integration.Embedded;

public sealed class FileObjectStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FileObjectStore _store;

    public FileObjectStoreTests() => _store = EmbeddedTestHost.ObjectStore(_dir.Path);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ListAsync_ReturnsEveryObjectRecursivelyInOrdinalKeyOrderWithSlashes()
    {
        string[] keys =
        [
            "topics/t.pin/partition=1/t.pin+1+0000000000.json",
            "topics/t.pin/partition=0/t.pin+0+0000001000.json",
            "topics/T.geo/partition=0/T.geo+0+0000000000.json",
            "topics/t.pin/partition=0/t.pin+0+0000000000.json",
            "topics/t.pin+x.json",
            "other.json",
        ];
        foreach (var key in keys)
        {
            await _store.PutAsync(key, Encoding.UTF8.GetBytes(key), CancellationToken.None);
        }

        var listed = await ListAsync(string.Empty);

        listed.Select(o => o.Key).Should().Equal(keys.Order(StringComparer.Ordinal));
        listed.Should().OnlyContain(o => o.Size == Encoding.UTF8.GetByteCount(o.Key));
        File.Exists(_dir.Combine("landing", "topics", "t.pin", "partition=0", "t.pin+0+0000001000.json")).Should().BeTrue();
    }

    [Theory]
    [InlineData("topics/t.pin/", 3)]
    [InlineData("topics/t.pin/partition=0/t.pin+0+000000", 2)]
    [InlineData("topics/t.pin/partition=0/t.pin+0+0000001", 1)]
    [InlineData("topics/t.p", 3)]
    [InlineData("topics/none/", 0)]
    [InlineData("nothing", 0)]
    public async Task ListAsync_WithAPrefix_ReturnsOnlyKeysStartingWithIt(string prefix, int expected)
    {
        foreach (var key in new[]
        {
            "topics/t.pin/partition=0/t.pin+0+0000000000.json",
            "topics/t.pin/partition=0/t.pin+0+0000001000.json",
            "topics/t.pin/partition=1/t.pin+1+0000000000.json",
            "topics/u.geo/partition=0/u.geo+0+0000000000.json",
        })
        {
            await _store.PutAsync(key, "{}\n"u8.ToArray(), CancellationToken.None);
        }

        var listed = await ListAsync(prefix);

        listed.Should().HaveCount(expected);
        listed.Where(o => !o.Key.StartsWith(prefix, StringComparison.Ordinal)).Should().BeEmpty();
    }

    [Fact]
    public async Task PutAsync_OnAnExistingKey_ReplacesTheContentChangesTheETagAndLeavesNoTemporaryFile()
    {
        const string key = "topics/t.pin/partition=0/t.pin+0+0000000000.json";
        await _store.PutAsync(key, "{\"a\":1}\n"u8.ToArray(), CancellationToken.None);
        var before = (await ListAsync(string.Empty)).Single();

        await _store.PutAsync(key, "{\"a\":2}\n"u8.ToArray(), CancellationToken.None);

        var after = (await ListAsync(string.Empty)).Single();
        (await _store.ReadAsync(key, CancellationToken.None)).Should().Equal("{\"a\":2}\n"u8.ToArray());
        after.ETag.Should().NotBe(before.ETag);
        Directory.EnumerateFiles(_store.Root, "*", SearchOption.AllDirectories).Should().ContainSingle();
    }

    [Fact]
    public async Task ListAsync_SkipsTemporaryFilesLeftByACrash()
    {
        await _store.PutAsync("topics/a.json", "{}\n"u8.ToArray(), CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(_store.Root, "topics", ".b.json.0123" + AtomicFile.TemporarySuffix), "{");

        (await ListAsync(string.Empty)).Select(o => o.Key).Should().Equal("topics/a.json");
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("topics/../../escape.json")]
    [InlineData("/tmp/escape.json")]
    [InlineData("topics//a.json")]
    [InlineData("topics/./a.json")]
    [InlineData("topics/")]
    [InlineData("topics\\a.json")]
    [InlineData("topics/a.json" + AtomicFile.TemporarySuffix)]
    public async Task PutAsync_WithAKeyThatIsNotAPlainRelativePath_IsRejected(string key)
    {
        var put = () => _store.PutAsync(key, "{}"u8.ToArray(), CancellationToken.None);

        await put.Should().ThrowAsync<ArgumentException>();
        Directory.Exists(_store.Root).Should().BeFalse("nothing was written");
    }

    [Fact]
    public async Task ListAsync_WithATraversingPrefix_IsRejected()
    {
        var list = () => ListAsync("../");

        await list.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task ReadAsync_OfAMissingKey_ThrowsFileNotFoundNamingTheKey()
    {
        var read = () => _store.ReadAsync("topics/missing.json", CancellationToken.None);

        (await read.Should().ThrowAsync<FileNotFoundException>()).WithMessage("*topics/missing.json*");
    }

    private async Task<List<StoredObject>> ListAsync(string prefix)
    {
        var listed = new List<StoredObject>();
        await foreach (var stored in _store.ListAsync(prefix, CancellationToken.None))
        {
            listed.Add(stored);
        }

        return listed;
    }
}
