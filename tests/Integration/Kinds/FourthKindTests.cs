using System.Net;
using Microsoft.Data.Sqlite;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Tests.Integration.Api;

namespace Pinterest.Modular.Tests.Integration.Kinds;

/// <summary>
/// A kind added by a feature (comment, defined only in this assembly) goes through the host like the built-in ones, on
/// the embedded default (SQLite warehouse, embedded logs): the REST proxy and the Kinesis proxy take it under
/// <c>&lt;prefix&gt;.comment</c> and <c>streaming-&lt;prefix&gt;-comment</c>, both routes clean it with its own rule and
/// store it, and <c>/api/comment/{ind}</c>, <c>/api/stats</c> and <c>/api/rejected</c> show it.
/// </summary>
public sealed class FourthKindTests
{
    private const string Prefix = EmulatorPayloads.Prefix;
    private const string Topic = Prefix + ".comment";
    private const string Stream = "streaming-" + Prefix + "-comment";

    [Fact]
    public async Task PutRecord_OnTheCommentStream_IsCleanedStoredAndServedByItsRowEndpoint()
    {
        await using var server = await StartAsync();

        var answer = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Put, $"streams/{Stream}/record", EmulatorPayloads.Json,
            EmulatorPayloads.PutRecord(Stream, """{"ind": 41, "text": "  Lovely colours  ", "created_at": "2021-03-04 05:06:07"}"""));

        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        var row = await Poll.UntilAsync<string?>(() => GetRowAsync(server, 41), text => text is not null, "comment 41 at /api/comment/41");
        row.Should().Be("""{"ind":41,"text":"Lovely colours","created_at":"2021-03-04T05:06:07Z"}""");
    }

    [Fact]
    public async Task Produce_OnTheCommentTopic_ThenBatchRun_StoresCleanRowsAndRejectsACommentWithoutText()
    {
        await using var server = await StartAsync();

        var answer = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, $"topics/{Topic}", EmulatorPayloads.KafkaJson,
            EmulatorPayloads.Produce("""{"ind": 7, "text": "First!", "created_at": null}""", """{"ind": 8, "text": "   "}"""));
        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        var run = (await server.Client.RunBatchJobAsync()).Ended;

        run.GetProperty("status").GetString().Should().Be("succeeded", run.ToString());
        (await GetRowAsync(server, 7)).Should().Be("""{"ind":7,"text":"First!","created_at":null}""");
        (await GetRowAsync(server, 8)).Should().BeNull("a comment without text is rejected by its rule");
        var rejected = await server.Client.GetJsonAsync("api/rejected?kind=comment");
        rejected.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("reason").GetString())
            .Should().Equal(CommentCleaning.NoTextReason);
        var stats = await server.Client.GetJsonAsync("api/stats");
        stats.GetProperty(CommentKind.Table).GetInt64().Should().Be(1);
        stats.GetProperty("pins").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Produce_OnTheCommentTopic_WithoutTheKindRegistered_IsAnUnknownTopic()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());

        var answer = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, $"topics/{Topic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce("""{"ind": 7, "text": "x"}"""));

        answer.Status.Should().Be(HttpStatusCode.NotFound, "the kind exists only once registered: {0}", answer);
    }

    /// <summary>A server with the comment kind registered, its table created before any record arrives.</summary>
    private static async Task<ApiServer> StartAsync()
    {
        var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(), configureServices: services => services.AddRecordKind(CommentKind.Instance));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDir, "warehouse.db")}");
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = CommentKind.CreateTableSql;
        await create.ExecuteNonQueryAsync();
        return server;
    }

    private static async Task<string?> GetRowAsync(ApiServer server, long ind)
    {
        using var response = await server.Client.GetAsync(new Uri($"api/comment/{ind}", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadAsStringAsync();
    }
}
