using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Host.Cli;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The batch job, wired as the host wires it, on PostgreSQL: landing objects in, rows, rejections and results out.</summary>
public sealed class PostgresBatchJobTests : IAsyncLifetime, IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly TempDir dataDir = new("pm-pg-batch-");
    private PostgresDatabase database = null!;
    private IHost host = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync();
        host = PipelineHost.Build(new Dictionary<string, string?>
        {
            ["Pipeline:DataDir"] = dataDir.Path,
            ["Database:Provider"] = "Postgres",
            ["Database:Migrate"] = "true",
            ["ConnectionStrings:Warehouse"] = database.ConnectionString,
        });
        await host.Services.GetRequiredService<IWarehouse>().EnsureCreatedAsync(None);
    }

    [Fact]
    public async Task BatchJob_RunTwiceOnTheSameLandingData_StoresNothingTwice()
    {
        Land("pin", 0, Pin(1, "12k"), Pin(2, "3"));
        Land("pin", 2, Pin(2, "4k"), Pin(3, "1M"), """{"unique_id":"no key"}""", "{broken");
        Land("geo", 0, Geo(1), Geo(2), Geo(3));
        Land("user", 0, User(1), User(2), User(3));

        var first = await RunAsync();
        var afterFirst = await CountsAsync();
        var second = await RunAsync();

        first.Status.Should().Be(BatchRunStatus.Succeeded, first.Error);
        (first.ObjectsRead, first.RowsUpserted, first.Rejected).Should().Be((4, 9L, 2L));
        afterFirst.Should().Equal(3, 3, 3, 2);
        second.Status.Should().Be(BatchRunStatus.Succeeded, second.Error);
        second.ObjectsRead.Should().Be(0, "every landing object was marked done by the first run");
        (await CountsAsync()).Should().Equal(afterFirst);
        (await host.Services.GetRequiredService<IWarehouse>().FindPinAsync(2, None))!.FollowerCount.Should().Be(4_000, "the later object's row for ind 2 wins");
    }

    [Fact]
    public async Task BatchJob_WhenItReadsEveryObjectAgain_StillStoresEachRowAndRejectionOnce()
    {
        Land("pin", 0, Pin(1, "12k"), """{"unique_id":"no key"}""");
        Land("geo", 0, Geo(1));
        await RunAsync();
        var before = await CountsAsync();
        var rejectedBefore = await database.ColumnAsync("SELECT source || ' ' || reason FROM rejected_records ORDER BY source");

        // Forget which objects were processed, as after a lost mark: the next run reads them all again.
        await database.ColumnAsync("DELETE FROM progress_marks RETURNING key");
        var again = await RunAsync();

        again.ObjectsRead.Should().Be(2);
        again.Rejected.Should().Be(0, "the rejection of that source is stored already");
        (await CountsAsync()).Should().Equal(before);
        (await database.ColumnAsync("SELECT source || ' ' || reason FROM rejected_records ORDER BY source")).Should().Equal(rejectedBefore);
    }

    [Fact]
    public async Task BatchJob_KeepsEachRunAndItsNineResults()
    {
        Land("pin", 0, Pin(1, "12k"));
        Land("geo", 0, Geo(1));
        Land("user", 0, User(1));

        var run = await RunAsync();

        // timestamptz keeps microseconds, a DateTime ticks of 100 ns.
        var stored = await host.Services.GetRequiredService<IBatchRunStore>().FindAsync(run.Id, None);
        stored.Should().BeEquivalentTo(run, options => options
            .Using<DateTimeOffset>(moment => moment.Subject.Should().BeCloseTo(moment.Expectation, TimeSpan.FromMicroseconds(1)))
            .WhenTypeIs<DateTimeOffset>());
        var results = await host.Services.GetRequiredService<IAnalyticsResultStore>().LatestAsync(None);
        results.Select(result => result.Name).Should().Equal(AnalyticsQuery.All);
        results.Single(result => result.Name == AnalyticsQuery.TopCategoryByCountry).Rows.Should().ContainSingle()
            .Which.Should().Equal("Chad", "travel", 1L);
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await database.DisposeAsync();
    }

    public void Dispose() => dataDir.Dispose();

    private async Task<BatchRun> RunAsync()
    {
        var client = host.Services.GetRequiredService<IMediator>().CreateRequestClient<RunBatchJob>(RequestTimeout.None);
        var response = await client.GetResponse<BatchJobCompleted>(new RunBatchJob("test"), None);
        return response.Message.Run;
    }

    private async Task<long[]> CountsAsync() =>
        [await database.CountAsync("pins"), await database.CountAsync("geo"), await database.CountAsync("users"), await database.CountAsync("rejected_records")];

    private void Land(string kind, int startOffset, params string[] rows)
    {
        var topic = $"pinterest.{kind}";
        var folder = dataDir.Combine("landing", "topics", topic, "partition=0");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{topic}+0+{startOffset:D10}.json"), string.Join('\n', rows) + "\n");
    }

    private static string Pin(int ind, string followers) =>
        $$"""{"index":{{ind}},"unique_id":"00000000-0000-0000-0000-00000000000{{ind}}","title":"t","description":"d","poster_name":"p{{ind}}","follower_count":"{{followers}}","tag_list":"a,b","is_image_or_video":"image","image_src":"https://i.pinimg.com/originals/aa/bb/cc/x.jpg","downloaded":1,"save_location":"Local save in /data/travel","category":"travel"}""";

    private static string Geo(int ind) =>
        $$"""{"ind":{{ind}},"timestamp":"2019-0{{ind}}-01 10:00:00","latitude":10.5,"longitude":-20.25,"country":"Chad"}""";

    private static string User(int ind) =>
        $$"""{"ind":{{ind}},"first_name":"Ann","last_name":"Lee","age":{{20 + ind}},"date_joined":"2016-01-0{{ind}} 08:00:00"}""";
}
