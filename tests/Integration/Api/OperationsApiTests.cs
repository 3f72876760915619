using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Pins;

namespace Pinterest.Modular.Tests.Integration.Api;

public sealed class OperationsApiTests(OperationsServerFixture fixture) : IClassFixture<OperationsServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task GetPin_WhenStored_AnswersTheBytesTheCleanCommandWrites()
    {
        using var response = await Client.GetAsync(new Uri("api/pins/1", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var stored = await fixture.Server.Services.GetRequiredService<IWarehouse>().FindPinAsync(1, CancellationToken.None);
        bytes.Should().Equal(CleanedRowJson.ToUtf8(stored!));
        using var pin = JsonDocument.Parse(bytes);
        pin.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(Pin.Columns);
        pin.RootElement.GetProperty("follower_count").GetInt64().Should().Be(12_000);
        pin.RootElement.GetProperty("save_location").GetString().Should().Be("/data/travel");
    }

    [Fact]
    public async Task GetGeoAndUser_WhenStored_AnswerTheSpecColumns()
    {
        var geo = await Client.GetJsonAsync("api/geo/2");
        var user = await Client.GetJsonAsync("api/users/1");

        geo.EnumerateObject().Select(p => p.Name).Should().Equal("ind", "country", "coordinates", "timestamp");
        geo.GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).Should().Equal(10.5, -20.25);
        geo.GetProperty("timestamp").GetString().Should().Be("2019-03-01T10:00:00Z");
        user.EnumerateObject().Select(p => p.Name).Should().Equal("ind", "user_name", "age", "date_joined");
        user.GetProperty("user_name").GetString().Should().Be("Ann Lee");
    }

    [Theory]
    [InlineData("pins")]
    [InlineData("geo")]
    [InlineData("users")]
    public async Task GetRow_WhenNoRowHasTheInd_Answers404ProblemDetails(string table)
    {
        using var response = await Client.GetAsync(new Uri($"api/{table}/999", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("ind 999");
    }

    [Fact]
    public async Task GetRow_OfARejectedRecord_Answers404()
    {
        using var response = await Client.GetAsync(new Uri("api/geo/3", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound, "geo 3 lies off the globe and was rejected");
    }

    [Fact]
    public async Task SeedRun_OfPostedRecords_CountsRowsAndRejections()
    {
        var run = fixture.SeedRun;

        run.GetProperty("rows_upserted").GetInt64().Should().Be(8);
        run.GetProperty("rejected").GetInt64().Should().Be(2);
        run.GetProperty("objects_read").GetInt32().Should().Be(3, "each topic's records land in one object");
        run.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task BatchJob_Posted_IsQueuedThenSucceedsWithTheNewRecordsCounted()
    {
        await OperationsRecords.PostAsync(fixture.Server, Route.Batch, OperationsRecords.Topic("pin"),
            OperationsRecords.Pin(201), OperationsRecords.Pin(202));

        var (queued, location, ended) = await Client.RunBatchJobAsync();

        var id = queued.GetProperty("id").GetInt64();
        queued.GetProperty("status").GetString().Should().Be("queued");
        location.Should().Be($"/api/jobs/batch/{id}");
        ended.GetProperty("id").GetInt64().Should().Be(id);
        ended.GetProperty("status").GetString().Should().Be("succeeded");
        ended.GetProperty("trigger").GetString().Should().Be("api");
        ended.GetProperty("rows_upserted").GetInt64().Should().Be(2);
        ended.GetProperty("rejected").GetInt64().Should().Be(0);
        ended.GetProperty("objects_read").GetInt32().Should().Be(1);
        ended.GetProperty("started_at").GetDateTime().Should().BeOnOrBefore(ended.GetProperty("finished_at").GetDateTime());
        ended.GetProperty("duration_ms").GetInt64().Should().BeGreaterThanOrEqualTo(0);
        (await Client.GetJsonAsync("api/pins/202")).GetProperty("ind").GetInt64().Should().Be(202);
        var history = await Client.GetJsonAsync("api/jobs/batch");
        history.EnumerateArray().First().GetProperty("id").GetInt64().Should().Be(id, "history lists the newest run first");
    }

    [Fact]
    public async Task BatchRun_WhenTheIdIsUnknown_Answers404()
    {
        using var response = await Client.GetAsync(new Uri("api/jobs/batch/987654", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("ten")]
    public async Task BatchRunHistory_WithABadLimit_Answers400NamingIt(string limit)
    {
        var problem = await Client.GetJsonAsync($"api/jobs/batch?limit={limit}", HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty("limit", out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task Rejected_ListsEachRecordWithKindSourceReasonAndRawRecord()
    {
        var page = await Client.GetJsonAsync("api/rejected?kind=geo");

        page.GetProperty("total").GetInt64().Should().Be(1);
        var item = page.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        item.GetProperty("kind").GetString().Should().Be("geo");
        item.GetProperty("source").GetString().Should().StartWith("pinterest.geo");
        item.GetProperty("reason").GetString().Should().NotBeNullOrWhiteSpace();
        item.GetProperty("record").GetProperty("latitude").GetDouble().Should().Be(123.5);
        item.GetProperty("rejected_at").GetDateTime().Should().BeAfter(DateTime.UtcNow.AddHours(-1));
    }

    [Fact]
    public async Task Rejected_PagedByOne_AnswersTheSecondRecordAndTheTotal()
    {
        var first = await Client.GetJsonAsync("api/rejected?page=1&pageSize=1");
        var second = await Client.GetJsonAsync("api/rejected?page=2&pageSize=1");

        second.GetProperty("total").GetInt64().Should().Be(2);
        second.GetProperty("page").GetInt32().Should().Be(2);
        second.GetProperty("page_size").GetInt32().Should().Be(1);
        var kinds = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("kind").GetString());
        kinds.Should().BeEquivalentTo("geo", "user");
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=x", "page")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=-1", "pageSize")]
    [InlineData("kind=board", "kind")]
    public async Task Rejected_WithABadParameter_Answers400NamingIt(string query, string parameter)
    {
        using var response = await Client.GetAsync(new Uri($"api/rejected?{query}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(parameter);
    }

    [Fact]
    public async Task Analytics_KnownName_AnswersItsNameAsOfAndRowsWithExactlyTheQueryColumns()
    {
        var body = await Client.GetJsonAsync("api/analytics/top_category_by_country");

        body.EnumerateObject().Select(p => p.Name).Should().Equal("name", "as_of", "rows");
        body.GetProperty("name").GetString().Should().Be("top_category_by_country");
        body.GetProperty("as_of").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));
        body.GetProperty("as_of").GetString().Should().EndWith("Z");
        var row = body.GetProperty("rows").EnumerateArray().Should().ContainSingle().Subject;
        row.EnumerateObject().Select(p => p.Name).Should().Equal("country", "category", "category_count");
        row.GetProperty("country").GetString().Should().Be("Chad");
        row.GetProperty("category").GetString().Should().Be("travel");
        row.GetProperty("category_count").GetInt64().Should().Be(2);
    }

    [Fact]
    public async Task Analytics_AskedAgainWithItsETag_Answers304WithoutABody()
    {
        using var first = await Client.GetAsync(new Uri("api/analytics/users_joined_by_year", UriKind.Relative));
        var tag = first.Headers.ETag;
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("api/analytics/users_joined_by_year", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(tag!);

        using var answer = await Client.SendAsync(again);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Headers.CacheControl!.NoCache.Should().BeTrue();
        answer.StatusCode.Should().Be(HttpStatusCode.NotModified);
        answer.Headers.ETag.Should().Be(tag);
        (await answer.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Analytics_UnknownName_Answers404ListingTheNames()
    {
        var problem = await Client.GetJsonAsync("api/analytics/best_pins", HttpStatusCode.NotFound);

        problem.GetProperty("detail").GetString().Should().Contain("best_pins").And.Contain("median_followers_by_join_year_and_age_group");
        problem.GetProperty("queries").GetArrayLength().Should().Be(9);
    }

    [Fact]
    public async Task AnalyticsList_AnswersTheNineNamesInOrder()
    {
        var names = await Client.GetJsonAsync("api/analytics");

        names.EnumerateArray().Select(n => n.GetString()).Should().Equal(Application.Analytics.AnalyticsQuery.All);
    }

    [Fact]
    public async Task Stats_AfterRecordsArriveOnAStream_CountsMove()
    {
        var before = await Client.GetJsonAsync("api/stats");
        var stream = OperationsRecords.Stream("user");
        var acceptedBefore = StreamOf(before, stream).GetProperty("accepted").GetInt64();

        await OperationsRecords.PostAsync(fixture.Server, Route.Stream, stream, OperationsRecords.User(301));
        var after = await Client.PollAsync("api/stats", s => s.GetProperty("users").GetInt64() > before.GetProperty("users").GetInt64());

        var progress = StreamOf(after, stream);
        progress.GetProperty("accepted").GetInt64().Should().Be(acceptedBefore + 1);
        progress.GetProperty("landed").ValueKind.Should().Be(JsonValueKind.Null);
        after.GetProperty("users").GetInt64().Should().Be(before.GetProperty("users").GetInt64() + 1);
        after.GetProperty("rejected").GetInt64().Should().Be(2);
        after.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("name").GetString())
            .Should().BeEquivalentTo("pinterest.pin", "pinterest.geo", "pinterest.user");
        var pinTopic = after.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "pinterest.pin");
        pinTopic.GetProperty("accepted").GetInt64().Should().BeGreaterThanOrEqualTo(3);
        pinTopic.GetProperty("landed").GetInt64().Should().Be(pinTopic.GetProperty("accepted").GetInt64(), "every batch run lands the topics first");
    }

    [Fact]
    public async Task OpenApi_DescribesTheOperationsEndpointsAndTheApiKey()
    {
        var document = await Client.GetJsonAsync("openapi/v1.json");

        document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().Contain(
            "/api/pins/{ind}", "/api/geo/{ind}", "/api/users/{ind}", "/api/stats", "/api/rejected",
            "/api/jobs/batch", "/api/jobs/batch/{id}", "/api/analytics/{name}");
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        scheme.GetProperty("in").GetString().Should().Be("header");
        scheme.GetProperty("name").GetString().Should().Be("x-api-key");
    }

    [Fact]
    public async Task SwaggerUi_IsServedAndPointsAtTheDocument()
    {
        using var page = await Client.GetAsync(new Uri("swagger/index.html", UriKind.Relative));
        var config = await Client.GetStringAsync(new Uri("swagger/index.js", UriKind.Relative));

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        config.Should().Contain("../openapi/v1.json");
    }

    private static JsonElement StreamOf(JsonElement stats, string name) =>
        stats.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
}
