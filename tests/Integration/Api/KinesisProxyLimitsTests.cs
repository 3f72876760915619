using System.Net;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>The Kinesis proxy's size limits, each set as configuration: a refusal in its own dialect, never a 500.</summary>
public sealed class KinesisProxyLimitsTests
{
    [Fact]
    public async Task PutRecords_BodyOverTheRequestSizeLimit_Answers413()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Api:MaxRequestBytes", "2048")));
        var body = EmulatorPayloads.PutRecords([.. Enumerable.Repeat(EmulatorPayloads.Pin, 5)]);

        var answer = await HttpExchange.SendAsync(server.Client, HttpMethod.Put, $"streams/{EmulatorPayloads.PinStream}/records", EmulatorPayloads.Json, body);

        answer.ShouldBeKinesisError(HttpStatusCode.RequestEntityTooLarge, "ValidationException", "too large", "2048");
    }

    [Fact]
    public async Task PutRecords_MoreRecordsThanIngestMaxRecordsPerRequest_AnswersValidationExceptionNamingTheLimit()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Ingest:MaxRecordsPerRequest", "2")));
        var user = EmulatorPayloads.User;

        var over = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Put, $"streams/{EmulatorPayloads.UserStream}/records", EmulatorPayloads.Json, EmulatorPayloads.PutRecords(user, user, user));
        var atLimit = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Put, $"streams/{EmulatorPayloads.UserStream}/records", EmulatorPayloads.Json, EmulatorPayloads.PutRecords(user, user));

        over.ShouldBeKinesisError("ValidationException", "records holds 3 records; at most 2");

        // Sequence numbers from 0: the refused request appended nothing.
        atLimit.ShouldBeOk(
            IngestAnswers.KinesisJson,
            """{"FailedRecordCount":0,"Records":[{"SequenceNumber":"0","ShardId":"shardId-000000000000"},{"SequenceNumber":"1","ShardId":"shardId-000000000000"}]}""");
    }
}
