using System.Net;
using System.Text;
using System.Text.Json;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>Kafka REST proxy v2 produce (spec §2.1) on a fresh server per test, so offsets start at 0.</summary>
public sealed class RestProxyProduceTests
{
    private static string Offsets(params (int Partition, long Offset)[] acks) =>
        "{\"offsets\":["
        + string.Join(",", acks.Select(a => $"{{\"partition\":{a.Partition},\"offset\":{a.Offset},\"error_code\":null,\"error\":null}}"))
        + "],\"key_schema_id\":null,\"value_schema_id\":null}";

    [Theory]
    [InlineData("pin", EmulatorPayloads.PinTopic)]
    [InlineData("geo", EmulatorPayloads.GeoTopic)]
    [InlineData("user", EmulatorPayloads.UserTopic)]
    public async Task Produce_WithTheEmulatorsExactBytes_AnswersTheOffsetsShape(string kind, string topic)
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());

        var answer = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, $"topics/{topic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(EmulatorPayloads.RowOf(kind)));

        answer.ShouldBeOk(IngestAnswers.KafkaV2, Offsets((0, 0)));
    }

    [Fact]
    public async Task Produce_SeveralRecordsInSeveralRequests_AnswersOneOffsetPerRecordInOrder()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());
        var pin = EmulatorPayloads.Pin;

        var first = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(pin, pin, pin));
        var second = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(pin, pin));

        first.ShouldBeOk(IngestAnswers.KafkaV2, Offsets((0, 0), (0, 1), (0, 2)));
        second.ShouldBeOk(IngestAnswers.KafkaV2, Offsets((0, 3), (0, 4)));
    }

    [Fact]
    public async Task Produce_ValueAsAnArrayOfRows_IsAcceptedAsOneRecord()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());

        var answer = await HttpExchange.SendAsync(
            server.Client,
            HttpMethod.Post,
            $"topics/{EmulatorPayloads.GeoTopic}",
            EmulatorPayloads.KafkaJson,
            EmulatorPayloads.Produce($"[{EmulatorPayloads.Geo}, {EmulatorPayloads.Geo.Replace("2863", "2864", StringComparison.Ordinal)}]"));

        answer.ShouldBeOk(IngestAnswers.KafkaV2, Offsets((0, 0)));
    }

    [Fact]
    public async Task Produce_PlainApplicationJson_IsAcceptedAsTheJsonFormat()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());

        var answer = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.UserTopic}", "application/json", EmulatorPayloads.Produce(EmulatorPayloads.User));

        answer.ShouldBeOk(IngestAnswers.KafkaV2, Offsets((0, 0)));
    }

    [Fact]
    public async Task Produce_BinaryEmbeddedFormat_DecodesTheBase64Value()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());
        var value = Convert.ToBase64String(Encoding.UTF8.GetBytes(EmulatorPayloads.User));

        var answer = await HttpExchange.SendAsync(
            server.Client,
            HttpMethod.Post,
            $"topics/{EmulatorPayloads.UserTopic}",
            "application/vnd.kafka.binary.v2+json",
            $$"""{"records": [{"value": "{{value}}"}]}""");

        answer.ShouldBeOk(IngestAnswers.KafkaV2, Offsets((0, 0)));
    }

    [Fact]
    public async Task Produce_WithPartitionOrKey_PutsRecordsOnThatPartitionAndOneKeyOnOnePartition()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Embedded:Partitions", "3")));
        var pin = EmulatorPayloads.Pin;

        var byPartition = await HttpExchange.SendAsync(
            server.Client,
            HttpMethod.Post,
            $"topics/{EmulatorPayloads.PinTopic}",
            EmulatorPayloads.KafkaJson,
            $$"""{"records": [{"value": {{pin}}, "partition": 2}, {"value": {{pin}}, "partition": 1}, {"value": {{pin}}, "partition": 2}]}""");
        var byKey = await HttpExchange.SendAsync(
            server.Client,
            HttpMethod.Post,
            $"topics/{EmulatorPayloads.UserTopic}",
            EmulatorPayloads.KafkaJson,
            $$"""{"records": [{"key": "event-2863", "value": {{EmulatorPayloads.User}}}, {"key": "event-2863", "value": {{EmulatorPayloads.User}}}]}""");

        byPartition.ShouldBeOk(IngestAnswers.KafkaV2, Offsets((2, 0), (1, 0), (2, 1)));
        byKey.Status.Should().Be(HttpStatusCode.OK, byKey.ToString());
        using var keyed = JsonDocument.Parse(byKey.Body);
        var partition = keyed.RootElement.GetProperty("offsets")[0].GetProperty("partition").GetInt32();
        byKey.ShouldBeOk(IngestAnswers.KafkaV2, Offsets((partition, 0), (partition, 1)));
    }

    [Fact]
    public async Task ProduceToPartition_AnswersEveryOffsetOnThatPartition()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Embedded:Partitions", "2")));

        var answer = await HttpExchange.SendAsync(
            server.Client,
            HttpMethod.Post,
            $"topics/{EmulatorPayloads.GeoTopic}/partitions/1",
            EmulatorPayloads.KafkaJson,
            EmulatorPayloads.Produce(EmulatorPayloads.Geo, EmulatorPayloads.Geo));

        answer.ShouldBeOk(IngestAnswers.KafkaV2, Offsets((1, 0), (1, 1)));
    }

    [Fact]
    public async Task Produce_UnderThePathBase_AnswersAtTheInvokeUrlShape()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Api:PathBase", "/test")));

        var underBase = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, $"test/topics/{EmulatorPayloads.PinTopic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(EmulatorPayloads.Pin));
        var topics = await HttpExchange.SendAsync(server.Client, HttpMethod.Get, "test/topics");

        underBase.ShouldBeOk(IngestAnswers.KafkaV2, Offsets((0, 0)));
        topics.ShouldBeOk(IngestAnswers.KafkaV2, """["0eb84f80c29b.pin","0eb84f80c29b.geo","0eb84f80c29b.user"]""");
    }
}
