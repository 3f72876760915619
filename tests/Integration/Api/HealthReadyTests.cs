using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Host.Api.Operations;
using Pinterest.Modular.Tests.Integration.Database;
using Pinterest.Modular.Tests.Integration.Kinesis;
using Pinterest.Modular.Tests.Integration.Support;

namespace Pinterest.Modular.Tests.Integration.Api;

public sealed class HealthReadyTests
{
    [Fact]
    public async Task Ready_WhenTheWarehouseAndDataDirectoryWork_Answers200WithEachCheck()
    {
        await using var server = await ApiServer.StartAsync();

        var report = await server.Client.GetJsonAsync("health/ready");

        report.GetProperty("status").GetString().Should().Be("Healthy");
        report.GetProperty("checks").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("status").GetString()))
            .Should().BeEquivalentTo([("warehouse", "Healthy"), ("data_dir", "Healthy")]);
    }

    [Fact]
    public async Task Ready_WhenTheWarehouseIsNoLongerADatabase_Answers503NamingTheCheck_WhileLivenessStays200()
    {
        using var elsewhere = new TempDir("pm-health-");
        var warehouse = elsewhere.Combine("warehouse.db");
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?>
        {
            // No pooling: every query opens the file again, so it sees the damage below.
            ["ConnectionStrings:Warehouse"] = $"Data Source={warehouse};Pooling=False",
        });
        await File.WriteAllBytesAsync(warehouse, new byte[8192]);
        foreach (var sidecar in new[] { warehouse + "-wal", warehouse + "-shm" }.Where(File.Exists))
        {
            File.Delete(sidecar);
        }

        var report = await server.Client.GetJsonAsync("health/ready", HttpStatusCode.ServiceUnavailable);
        using var live = await server.Client.GetAsync(new Uri("health", UriKind.Relative));

        report.GetProperty("status").GetString().Should().Be("Unhealthy");
        var check = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "warehouse");
        check.GetProperty("status").GetString().Should().Be("Unhealthy");
        check.GetProperty("description").GetString().Should().Contain("The warehouse does not answer");
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "data_dir")
            .GetProperty("status").GetString().Should().Be("Healthy");
        live.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_WhenAllStateIsExternal_ChecksOnlyTheWarehouse_AndLeavesTheDataDirectoryUnmade()
    {
        using var parent = new TempDir("pm-health-external-");
        var dataDir = parent.Combine("never-made");
        using var kafka = new KafkaMockCluster();
        await using var database = await PostgresDatabase.CreateAsync();
        var prefix = "ready" + Guid.NewGuid().ToString("N")[..8];
        var settings = kafka.HostSettings(prefix, sink: false);
        settings["Pipeline:StreamTransport"] = "Kinesis";
        settings["Kinesis:ServiceUrl"] = TestServers.KinesisServiceUrl.ToString();
        settings["ObjectStore:Provider"] = "S3";
        settings["ObjectStore:Bucket"] = "not-touched";
        settings["ObjectStore:ServiceUrl"] = TestServers.S3ServiceUrl.ToString();
        settings["Database:Provider"] = "Postgres";
        settings["Database:Migrate"] = "true";
        settings["ConnectionStrings:Warehouse"] = database.ConnectionString;
        try
        {
            await using var server = await ApiServer.StartAsync(
                settings, dataDir, services => services.AddSingleton(KinesaliteStreams.Credentials));

            var report = await server.Client.GetJsonAsync("health/ready");

            report.GetProperty("status").GetString().Should().Be("Healthy");
            report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Equal("warehouse");
            Directory.Exists(dataDir).Should().BeFalse("nothing in this configuration keeps state there");
        }
        finally
        {
            await using var streams = KinesaliteStreams.Open();
            foreach (var kind in new[] { "pin", "geo", "user" })
            {
                await streams.Client.DeleteStreamAsync($"streaming-{prefix}-{kind}", CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task DataDirCheck_WhenTheDirectoryIsMissing_CreatesIt_AndIsHealthy()
    {
        using var parent = new TempDir("pm-health-missing-");
        var dataDir = parent.Combine("made-by-the-check");
        var check = new DataDirHealthCheck(Options.Create(new PipelineOptions { DataDir = dataDir }));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Healthy);
        Directory.Exists(dataDir).Should().BeTrue();
        Directory.EnumerateFileSystemEntries(dataDir).Should().BeEmpty("the probe is deleted");
    }

    [Fact]
    public async Task Ready_UnderThePathBase_Answers200()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Api:PathBase"] = "/prod" });

        var report = await server.Client.GetJsonAsync("prod/health/ready");

        report.GetProperty("status").GetString().Should().Be("Healthy");
        report.GetProperty("checks").ValueKind.Should().Be(JsonValueKind.Array);
    }
}
