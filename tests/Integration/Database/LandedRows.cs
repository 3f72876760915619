using Pinterest.Modular.Tests.Integration.Cli;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// A few rows of each kind landed in a data directory as the S3 sink lays them out (one object per topic and start
/// offset), for the CLI tests that run <c>batch</c> on one engine and on SQLite and compare.
/// </summary>
internal static class LandedRows
{
    /// <summary>
    /// The same landed rows in <paramref name="serverDataDir"/> (batch run by <paramref name="onServer"/>, the CLI on a
    /// server engine) and in a SQLite data directory: migrate, batch twice, query. The first run stores 12 rows and a
    /// rejection, the second nothing, and the answers equal SQLite's.
    /// </summary>
    /// <param name="counts">Rows in pins, geo, users and rejected_records on the server.</param>
    public static async Task BatchTwiceAndQueryAsync(string serverDataDir, Func<string[], Task<CliOutput>> onServer, Func<Task<long[]>> counts)
    {
        using var sqliteDir = new TempDir("pm-cli-sqlite-");
        foreach (var dir in new[] { serverDataDir, sqliteDir.Path })
        {
            Land(dir, "pin", 0, Pin(1, "travel", "12k"), Pin(2, "quotes", "3"), Pin(4, "art", "5"));
            Land(dir, "pin", 3, Pin(2, "travel", "4k"), Pin(3, "art", "1M"), """{"unique_id":"no key"}""");
            Land(dir, "geo", 0, Geo(1, "Chad"), Geo(2, "Chad"), Geo(3, "Åland"), Geo(4, "Åland"));
            Land(dir, "user", 0, User(1, 22), User(2, 30), User(3, 44), User(4, 61));
        }

        (await onServer(["migrate"])).ShouldSucceed();
        var first = (await onServer(["batch"])).ShouldSucceed();
        var afterFirst = await counts();
        var second = (await onServer(["batch"])).ShouldSucceed();
        var server = (await onServer(["query", "--format", "json"])).ShouldSucceed();
        (await CliProcess.RunAsync("batch", "--data-dir", sqliteDir.Path)).ShouldSucceed();
        var sqlite = (await CliProcess.RunAsync("query", "--data-dir", sqliteDir.Path, "--format", "json")).ShouldSucceed();

        first.StderrUnwrapped.Should().MatchRegex(@"succeeded in [\d.]+ s: 4 objects read, 12 rows upserted, 1 rejected");
        second.StderrUnwrapped.Should().MatchRegex(@"succeeded in [\d.]+ s: 0 objects read, 0 rows upserted, 0 rejected");
        afterFirst.Should().Equal(4, 4, 4, 1);
        (await counts()).Should().Equal(afterFirst);
        server.Stdout.Should().Contain("\"Chad\"").And.Be(sqlite.Stdout);
    }

    public static void Land(string dataDir, string kind, int startOffset, params string[] rows)
    {
        var topic = $"pinterest.{kind}";
        var folder = Path.Combine(dataDir, "landing", "topics", topic, "partition=0");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{topic}+0+{startOffset:D10}.json"), string.Join('\n', rows) + "\n");
    }

    public static string Pin(int ind, string category, string followers) =>
        $$"""{"index":{{ind}},"unique_id":"00000000-0000-0000-0000-00000000000{{ind}}","title":"t","description":"d","poster_name":"p{{ind}}","follower_count":"{{followers}}","tag_list":"a,b","is_image_or_video":"image","image_src":"https://i.pinimg.com/originals/aa/bb/cc/x.jpg","downloaded":1,"save_location":"Local save in /data/{{category}}","category":"{{category}}"}""";

    public static string Geo(int ind, string country) =>
        $$"""{"ind":{{ind}},"timestamp":"2019-0{{ind}}-01 10:00:00","latitude":10.5,"longitude":-20.25,"country":"{{country}}"}""";

    public static string User(int ind, int age) =>
        $$"""{"ind":{{ind}},"first_name":"Ann","last_name":"Lee","age":{{age}},"date_joined":"2016-01-0{{ind}} 08:00:00"}""";
}
