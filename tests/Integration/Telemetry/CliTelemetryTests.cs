using System.Text.Json;
using System.Text.RegularExpressions;
using Pinterest.Modular.Tests.Integration.Cli;

namespace Pinterest.Modular.Tests.Integration.Telemetry;

/// <summary>The CLI verbs as processes: the JSON console formatter, OTLP export at exit, and telemetry settings checked at start.</summary>
[Collection(CliTestGroup.Name)]
public sealed class CliTelemetryTests : IDisposable
{
    private readonly TempDir _dataDir = new();

    private CliCall Batch(params (string Name, string Value)[] environment) => new(["batch", "--data-dir", _dataDir.Path])
    {
        Environment = environment.ToDictionary(e => e.Name, e => e.Value),
    };

    [Fact]
    public async Task Batch_WithTheJsonConsoleFormatter_WritesEachLogLineAsOneJsonObjectOnStderr()
    {
        var output = (await CliProcess.RunAsync(Batch(
            ("Logging__Console__FormatterName", "json"),
            ("Logging__LogLevel__Default", "Information")))).ShouldSucceed();

        var logLines = output.StderrLines.Where(l => l.StartsWith('{')).ToList();
        logLines.Should().NotBeEmpty("{0}", output);
        var started = logLines.Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Should().Contain(e => e.GetProperty("Message").GetString() == "Batch run 1 (cli) started", "{0}", output).Subject;
        started.GetProperty("LogLevel").GetString().Should().Be("Information");
        started.GetProperty("Category").GetString().Should().Be("Pinterest.Modular.Application.Batch.BatchJob");
        started.GetProperty("State").GetProperty("RunId").GetInt32().Should().Be(1, "the message's values stay fields of their own");
        output.StdoutLines.Should().NotContain(l => l.StartsWith('{'), "stdout carries results, never logs");
    }

    [Fact]
    public async Task Batch_WithTheDefaultFormatter_WritesEachLogEntryOnOneLine_AfterItsUtcTimestamp()
    {
        var output = (await CliProcess.RunAsync(Batch(("Logging__LogLevel__Default", "Information")))).ShouldSucceed();

        output.StderrLines.Should().Contain(
            l => Regex.IsMatch(l, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z info: Pinterest\.Modular\.Application\.Batch\.BatchJob\[0\] Batch run 1 \(cli\) started$"),
            "{0}", output);
    }

    [Fact]
    public async Task Batch_WithAnOtlpEndpoint_ExportsTheRunsDurationAndSpanBeforeItExits()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var service = "pm-cli-" + Guid.NewGuid().ToString("N")[..12];

        (await CliProcess.RunAsync(Batch(
            ("Telemetry__OtlpEndpoint", collector.BaseAddress.ToString()),
            ("Telemetry__ServiceName", service)))).ShouldSucceed();

        // The export interval (a minute by default) never came: what arrived was flushed as the host was disposed.
        collector.At("/v1/metrics").Should().Contain(e => e.Holds(service) && e.Holds("pipeline.batch.duration"));
        collector.At("/v1/traces").Should().Contain(e => e.Holds(service) && e.Holds("batch run"));
    }

    [Theory]
    [InlineData("Telemetry__OtlpEndpoint", "localhost:4318", "Telemetry:OtlpEndpoint must be an absolute http:// or https:// address")]
    [InlineData("Telemetry__OtlpEndpoint", "ftp://127.0.0.1:4318", "Telemetry:OtlpEndpoint must be an absolute http:// or https:// address")]
    [InlineData("Telemetry__OtlpEndpoint", "http://user:s3cret-token@127.0.0.1:4318", "Telemetry:OtlpEndpoint must not carry credentials")]
    [InlineData("Telemetry__OtlpProtocol", "Thrift", "Telemetry:OtlpProtocol 'Thrift' is not supported")]
    [InlineData("Telemetry__TraceSampleRatio", "1.5", "Telemetry:TraceSampleRatio must be between 0 and 1")]
    [InlineData("Telemetry__ServiceName", " ", "Telemetry:ServiceName must not be empty")]
    public async Task Batch_WithABadTelemetrySetting_ExitsWithBadInputNamingTheKey(string variable, string value, string message)
    {
        var output = await CliProcess.RunAsync(Batch((variable, value)));

        output.ShouldFailWith(Pinterest.Modular.Host.Cli.CliRun.BadInput, message);
        output.Stderr.Should().NotContain("s3cret-token", "a credential is never echoed back");
    }

    public void Dispose() => _dataDir.Dispose();
}
