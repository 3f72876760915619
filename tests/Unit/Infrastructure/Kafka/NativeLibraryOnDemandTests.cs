using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kafka;

/// <summary>The embedded default must run where librdkafka is not installed: nothing but the Kafka transport loads it.</summary>
public sealed class NativeLibraryOnDemandTests
{
    [Fact]
    public void EmbeddedDefault_ResolvingTheBatchRoute_DoesNotLoadLibrdkafka()
    {
        using var dir = new TempFolder();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Pipeline:DataDir"] = dir.Path })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddMetrics();
        services.AddApplication();
        services.AddInfrastructure(configuration);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ITopicWriter>().Should().NotBeNull();
        provider.GetRequiredService<IBatchRouteSink>().Should().NotBeNull();

        if (OperatingSystem.IsLinux())
        {
            File.ReadAllText("/proc/self/maps").Should().NotContain("librdkafka");
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("pm-unit-kafka-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
