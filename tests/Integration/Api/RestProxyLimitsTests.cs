using System.Net;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>The REST proxy's size limits, each set as configuration: a refusal in its own dialect, never a 500.</summary>
public sealed class RestProxyLimitsTests
{
    [Fact]
    public async Task Produce_BodyOverTheRequestSizeLimit_Answers413()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Api:MaxRequestBytes", "2048")));
        var body = EmulatorPayloads.Produce(Enumerable.Repeat(EmulatorPayloads.Pin, 5).ToArray());

        var answer = await HttpExchange.SendAsync(server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}", EmulatorPayloads.KafkaJson, body);

        answer.ShouldBeRestProxyError(HttpStatusCode.RequestEntityTooLarge, 413, "too large", "2048");
    }

    [Fact]
    public async Task Produce_BodyJustUnderTheRequestSizeLimit_IsAccepted()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Api:MaxRequestBytes", "2048")));

        var answer = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(EmulatorPayloads.Pin));

        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
    }

    [Fact]
    public async Task Produce_MoreRecordsThanIngestMaxRecordsPerRequest_Answers422NamingTheLimit()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Ingest:MaxRecordsPerRequest", "2")));
        var geo = EmulatorPayloads.Geo;

        var over = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.GeoTopic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(geo, geo, geo));
        var atLimit = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.GeoTopic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(geo, geo));

        over.ShouldBeRestProxyError(HttpStatusCode.UnprocessableEntity, 42201, "records holds 3 records; at most 2");

        // Offsets from 0: the refused request appended nothing.
        atLimit.ShouldBeOk(
            IngestAnswers.KafkaV2,
            """{"offsets":[{"partition":0,"offset":0,"error_code":null,"error":null},{"partition":0,"offset":1,"error_code":null,"error":null}],"key_schema_id":null,"value_schema_id":null}""");
    }

    [Fact]
    public async Task Produce_ChunkedBodyWithByteOrderMarkManyTimesTheFirstBuffer_IsReadWhole()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());
        var body = "\uFEFF" + EmulatorPayloads.Produce(Enumerable.Repeat(EmulatorPayloads.Pin, 200).ToArray());

        var answer = await HttpExchange.SendAsync(server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}", EmulatorPayloads.KafkaJson, body, chunked: true);

        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        using var offsets = System.Text.Json.JsonDocument.Parse(answer.Body);
        offsets.RootElement.GetProperty("offsets").GetArrayLength().Should().Be(200);
        body.Length.Should().BeGreaterThan(8 * 4096, "the body must outgrow the first pooled buffer several times");
    }

    [Fact]
    public async Task Produce_ChunkedBodyOverTheRequestSizeLimit_Answers413()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Api:MaxRequestBytes", "20000")));
        var body = EmulatorPayloads.Produce(Enumerable.Repeat(EmulatorPayloads.Pin, 100).ToArray());

        var answer = await HttpExchange.SendAsync(server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}", EmulatorPayloads.KafkaJson, body, chunked: true);

        answer.ShouldBeRestProxyError(HttpStatusCode.RequestEntityTooLarge, 413, "too large", "20000");
    }
}
