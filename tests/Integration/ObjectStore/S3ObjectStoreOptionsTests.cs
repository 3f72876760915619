using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Tests.Integration.ObjectStore;

/// <summary><c>ObjectStore:*</c>: which store the settings choose, and the start-up failures that name the key at fault.</summary>
public sealed class S3ObjectStoreOptionsTests
{
    [Fact]
    public void ObjectStore_WithNoSettings_IsTheFilesUnderTheDataDirectory()
    {
        using var services = Services([]);

        services.GetRequiredService<IObjectStore>().Should().BeOfType<FileObjectStore>();
    }

    [Theory]
    [InlineData("S3")]
    [InlineData("s3")]
    public void ObjectStore_WithProviderS3_IsTheBucket(string provider)
    {
        using var services = Services(new() { ["ObjectStore:Provider"] = provider, ["ObjectStore:Bucket"] = "landing-zone" });

        services.GetRequiredService<IObjectStore>().Should().BeOfType<S3ObjectStore>();
    }

    [Theory]
    [InlineData("Provider", "Blob", "ObjectStore:Provider 'Blob' is not supported; use one of: Files, S3.")]
    [InlineData("Bucket", "", "ObjectStore:Bucket is required when ObjectStore:Provider is S3.")]
    [InlineData("Bucket", "Landing_Zone", "ObjectStore:Bucket 'Landing_Zone' is not a valid bucket name*")]
    [InlineData("ServiceUrl", "127.0.0.1:4568", "ObjectStore:ServiceUrl '127.0.0.1:4568' must be an absolute http:// or https:// address*")]
    [InlineData("ServiceUrl", "ftp://127.0.0.1", "ObjectStore:ServiceUrl 'ftp://127.0.0.1' must be*")]
    [InlineData("Region", "", "ObjectStore:Region is required when ObjectStore:Provider is S3*")]
    [InlineData("Prefix", "a//b", "ObjectStore:Prefix 'a//b' must be*")]
    [InlineData("PartBytes", "1048576", "ObjectStore:PartBytes must be between 5242880*")]
    [InlineData("MultipartThresholdBytes", "6291456", "ObjectStore:MultipartThresholdBytes must be at least ObjectStore:PartBytes*")]
    public void Options_WhenASettingIsWrong_FailNamingTheKey(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["ObjectStore:Provider"] = "S3", ["ObjectStore:Bucket"] = "landing-zone" };
        settings[$"ObjectStore:{key}"] = value;
        using var services = Services(settings);

        var read = () => services.GetRequiredService<IOptions<ObjectStoreOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainMatch(message);
    }

    [Fact]
    public void Options_WithProviderFiles_LeaveTheS3SettingsUnchecked()
    {
        using var services = Services(new() { ["ObjectStore:Bucket"] = "Not A Bucket", ["ObjectStore:PartBytes"] = "1" });

        services.GetRequiredService<IOptions<ObjectStoreOptions>>().Value.Provider.Should().Be("Files");
    }

    [Fact]
    public async Task Serve_WithProviderS3AndNoBucket_FailsAtStartNamingTheKey()
    {
        var start = () => ApiServer.StartAsync(new Dictionary<string, string?> { ["ObjectStore:Provider"] = "S3" });

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("ObjectStore:Bucket is required");
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions();
        services.AddObjectStore();
        return services.BuildServiceProvider();
    }
}
