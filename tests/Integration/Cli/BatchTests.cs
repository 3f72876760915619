using System.Text.RegularExpressions;

namespace Pinterest.Modular.Tests.Integration.Cli;

[Collection(CliTestGroup.Name)]
public sealed class BatchTests : IDisposable
{
    private static readonly string[] CountedTables = ["pins", "geo", "users", "rejected_records"];

    private readonly TempDir _dataDir = new();

    [Fact]
    public async Task Batch_RunTwice_SecondRunReadsNothingAndStoresNothingTwice()
    {
        // Landing objects written as the S3 sink connector names them (spec §2.4), so the batch job has work to find.
        Land("pin", 0, Pin(1, "12k"), Pin(2, "3"));
        Land("pin", 2, Pin(2, "4k"), Pin(3, "1M"), """{"unique_id":"no key"}""");
        Land("geo", 0, Geo(1), Geo(2), Geo(3));
        Land("user", 0, User(1), User(2), User(3));

        var first = (await CliProcess.RunAsync("batch", "--data-dir", _dataDir.Path)).ShouldSucceed();
        var afterFirst = Counts();
        var second = (await CliProcess.RunAsync("batch", "--data-dir", _dataDir.Path)).ShouldSucceed();

        ObjectsRead(first).Should().Be(4);
        afterFirst.Should().Equal(3, 3, 3, 1);
        ObjectsRead(second).Should().Be(0, "every landing object was marked done by the first run");
        Counts().Should().Equal(afterFirst);
        SqliteFile.Dump(Warehouse, "pins").Should().ContainSingle(r => r.StartsWith("2|", StringComparison.Ordinal))
            .Which.Should().Contain("|4000|", "the later object's row for ind 2 wins");
    }

    [Fact]
    public async Task Batch_WhenTheWarehouseFileIsNotADatabase_ExitsNonZeroWithAClearMessage()
    {
        await File.WriteAllTextAsync(Warehouse, new string('x', 4096));

        var output = await CliProcess.RunAsync("batch", "--data-dir", _dataDir.Path);

        output.ShouldFailWith(1, "file is not a database");
    }

    public void Dispose() => _dataDir.Dispose();

    private string Warehouse => _dataDir.Combine("warehouse.db");

    private long[] Counts() =>
        [.. CountedTables.Select(t => SqliteFile.Count(Warehouse, t))];

    private static long ObjectsRead(CliOutput output)
    {
        var match = Regex.Match(output.StderrUnwrapped, @"succeeded in [\d.]+ s: (\d+) objects read");
        match.Success.Should().BeTrue("the run reports what it read: {0}", output);
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Land(string kind, int startOffset, params string[] rows)
    {
        var topic = $"pinterest.{kind}";
        var folder = _dataDir.Combine("landing", "topics", topic, "partition=0");
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
