using System.Text.Json;
using Pinterest.Modular.Application.Analytics;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>
/// <c>/api/analytics/{name}</c> in a running host: served from memory, recomputed after records arrive (at most once per
/// <c>Analytics:RefreshSeconds</c>), dated by <c>as_of</c>.
/// </summary>
public sealed class ServedAnalyticsApiTests
{
    private const string Path = $"api/analytics/{AnalyticsQuery.UsersJoinedByYear}";

    [Fact]
    public async Task Analytics_AfterRecordsArriveOnTheStreamRoute_AnswersThemOnceRecomputed_WithALaterAsOf()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Analytics:RefreshSeconds"] = "0" });
        var before = await server.Client.GetJsonAsync(Path);
        before.GetProperty("rows").GetArrayLength().Should().Be(0);

        await OperationsRecords.PostAsync(server, Route.Stream, OperationsRecords.Stream("user"), OperationsRecords.User(1));
        var after = await PollAsync(server, body => body.GetProperty("rows").GetArrayLength() == 1, "the new user in the served rows");

        after.GetProperty("rows")[0].GetProperty("number_users_joined").GetInt64().Should().Be(1);
        after.GetProperty("as_of").GetDateTimeOffset().Should().BeAfter(before.GetProperty("as_of").GetDateTimeOffset());
    }

    [Fact]
    public async Task Analytics_AfterRecordsArrive_WithinTheRefreshInterval_AnswersTheResultsItHas()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Analytics:RefreshSeconds"] = "3600" });
        var before = await server.Client.GetJsonAsync(Path);

        await OperationsRecords.PostAsync(server, Route.Stream, OperationsRecords.Stream("user"), OperationsRecords.User(1));
        await PollStatsAsync(server, stats => stats.GetProperty("users").GetInt64() == 1);
        var after = await server.Client.GetJsonAsync(Path);

        after.GetProperty("as_of").GetString().Should().Be(before.GetProperty("as_of").GetString());
        after.GetProperty("rows").GetArrayLength().Should().Be(0);
    }

    // A served computation on a loaded machine: well past the usual deadline.
    private static readonly TimeSpan ServedDeadline = TimeSpan.FromSeconds(45);

    private static Task<JsonElement> PollAsync(ApiServer server, Func<JsonElement, bool> done, string what) =>
        Poll.UntilAsync(() => server.Client.GetJsonAsync(Path), done, what, ServedDeadline);

    private static Task<JsonElement> PollStatsAsync(ApiServer server, Func<JsonElement, bool> done) =>
        Poll.UntilAsync(() => server.Client.GetJsonAsync("api/stats"), done, "the stream worker to store the record", ServedDeadline);
}
