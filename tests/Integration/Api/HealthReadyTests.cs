using System.Net;
using System.Text.Json;

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
    public async Task Ready_UnderThePathBase_Answers200()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Api:PathBase"] = "/prod" });

        var report = await server.Client.GetJsonAsync("prod/health/ready");

        report.GetProperty("status").GetString().Should().Be("Healthy");
        report.GetProperty("checks").ValueKind.Should().Be(JsonValueKind.Array);
    }
}
