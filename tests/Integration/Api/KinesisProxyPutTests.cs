using System.Text;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>API Gateway Kinesis proxy puts (spec §2.2) on a fresh server per test, so sequence numbers start at 0.</summary>
public sealed class KinesisProxyPutTests
{
    private const string ShardZero = "shardId-000000000000";

    private static string PutRecordsAnswer(params int[] sequenceNumbers) =>
        "{\"FailedRecordCount\":0,\"Records\":["
        + string.Join(",", sequenceNumbers.Select(n => $"{{\"SequenceNumber\":\"{n}\",\"ShardId\":\"{ShardZero}\"}}"))
        + "]}";

    [Theory]
    [InlineData("pin", EmulatorPayloads.PinStream)]
    [InlineData("geo", EmulatorPayloads.GeoStream)]
    [InlineData("user", EmulatorPayloads.UserStream)]
    public async Task PutRecord_WithTheEmulatorsExactBytes_AnswersSequenceNumberAndShard(string kind, string stream)
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());

        var answer = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Put, $"streams/{stream}/record", EmulatorPayloads.Json, EmulatorPayloads.PutRecord(stream, EmulatorPayloads.RowOf(kind)));

        answer.ShouldBeOk(IngestAnswers.KinesisJson, $$"""{"SequenceNumber":"0","ShardId":"{{ShardZero}}"}""");
    }

    [Fact]
    public async Task PutRecord_DataAsABase64StringOfTheRow_IsAccepted()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());
        var data = "\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(EmulatorPayloads.Geo)) + "\"";

        var answer = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Put, $"streams/{EmulatorPayloads.GeoStream}/record", EmulatorPayloads.Json, EmulatorPayloads.PutRecord(EmulatorPayloads.GeoStream, data));

        answer.ShouldBeOk(IngestAnswers.KinesisJson, $$"""{"SequenceNumber":"0","ShardId":"{{ShardZero}}"}""");
    }

    [Theory]
    [InlineData(EmulatorPayloads.GeoStream)]
    [InlineData("no-such-stream")]
    public async Task PutRecord_BodyStreamNameDiffersFromThePath_ThePathWins(string bodyStream)
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());

        var first = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Put, $"streams/{EmulatorPayloads.PinStream}/record", EmulatorPayloads.Json, EmulatorPayloads.PutRecord(bodyStream, EmulatorPayloads.Pin));
        var onGeo = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Put, $"streams/{EmulatorPayloads.GeoStream}/record", EmulatorPayloads.Json, EmulatorPayloads.PutRecord(bodyStream, EmulatorPayloads.Geo));

        first.ShouldBeOk(IngestAnswers.KinesisJson, $$"""{"SequenceNumber":"0","ShardId":"{{ShardZero}}"}""");

        // The geo stream's first record is the geo row: the pin went to the path's stream, whatever the body said.
        onGeo.ShouldBeOk(IngestAnswers.KinesisJson, $$"""{"SequenceNumber":"0","ShardId":"{{ShardZero}}"}""");
    }

    [Fact]
    public async Task PutRecords_SeveralRecords_AnswersNoFailuresAndOneEntryPerRecordInOrder()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());
        var user = EmulatorPayloads.User;

        var first = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Put, $"streams/{EmulatorPayloads.UserStream}/records", EmulatorPayloads.Json, EmulatorPayloads.PutRecords(user, user, user));
        var second = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Put, $"streams/{EmulatorPayloads.UserStream}/records", EmulatorPayloads.Json, EmulatorPayloads.PutRecords(user));

        first.ShouldBeOk(IngestAnswers.KinesisJson, PutRecordsAnswer(0, 1, 2));
        second.ShouldBeOk(IngestAnswers.KinesisJson, PutRecordsAnswer(3));
    }

    [Fact]
    public async Task PutRecords_InKinesisOwnSpellingWithBase64Data_IsAccepted()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes(EmulatorPayloads.Pin));

        var answer = await HttpExchange.SendAsync(
            server.Client,
            HttpMethod.Put,
            $"streams/{EmulatorPayloads.PinStream}/records",
            EmulatorPayloads.Json,
            $$"""{"StreamName": "{{EmulatorPayloads.PinStream}}", "Records": [{"Data": "{{data}}", "PartitionKey": "partition-1"}, {"Data": "{{data}}", "PartitionKey": "partition-2"}]}""");

        answer.ShouldBeOk(IngestAnswers.KinesisJson, PutRecordsAnswer(0, 1));
    }

    [Fact]
    public async Task PutRecord_UnderThePathBase_AnswersAtTheInvokeUrlShape()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Api:PathBase", "/test")));

        var put = await HttpExchange.SendAsync(
            server.Client,
            HttpMethod.Put,
            $"test/streams/{EmulatorPayloads.PinStream}/record",
            EmulatorPayloads.Json,
            EmulatorPayloads.PutRecord(EmulatorPayloads.PinStream, EmulatorPayloads.Pin));
        var puts = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Put, $"test/streams/{EmulatorPayloads.PinStream}/records", EmulatorPayloads.Json, EmulatorPayloads.PutRecords(EmulatorPayloads.Pin));
        var list = await HttpExchange.SendAsync(server.Client, HttpMethod.Get, "test/streams");

        put.ShouldBeOk(IngestAnswers.KinesisJson, $$"""{"SequenceNumber":"0","ShardId":"{{ShardZero}}"}""");
        puts.ShouldBeOk(IngestAnswers.KinesisJson, PutRecordsAnswer(1));
        list.ShouldBeOk(
            IngestAnswers.KinesisJson,
            """{"StreamNames":["streaming-0eb84f80c29b-pin","streaming-0eb84f80c29b-geo","streaming-0eb84f80c29b-user"],"HasMoreStreams":false}""");
    }
}
