using System.Globalization;
using System.Text.Json;

namespace Pinterest.Modular.Tests.Integration.Cli;

[Collection(CliTestGroup.Name)]
public sealed class DemoAndQueryTests(DemoRun run) : IClassFixture<DemoRun>
{
    [Fact]
    public void Demo_WhenRun_ExitsZeroAndPrintsTheNineResultsAsTitledTables()
    {
        run.Demo.ShouldSucceed();

        // Spectre centres a table's title on its own line above the table's top border.
        var lines = run.Demo.StdoutLines;
        var titles = lines
            .Select((line, i) => (Text: line.Trim(), Next: i + 1 < lines.Count ? lines[i + 1].TrimStart() : string.Empty))
            .Where(l => SpecAnalytics.Names.Contains(l.Text))
            .ToList();
        titles.Select(t => t.Text).Should().Equal(SpecAnalytics.Names);
        titles.Should().OnlyContain(t => t.Next.StartsWith('╭') || t.Next.StartsWith('+'), "each title heads a table");
        run.Demo.StderrUnwrapped.Should().Contain($"Posted {DemoRun.Events:N0} events").And.Contain(" 0 failed");
    }

    [Fact]
    public void Demo_StoresEachDistinctPostedEventOnce_ThoughBothRoutesCarriedIt()
    {
        run.Demo.ShouldSucceed();
        var warehouse = run.Combine("warehouse.db");
        foreach (var (kind, table, key) in new[] { ("pin", "pins", "index"), ("geo", "geo", "ind"), ("user", "users", "ind") })
        {
            // The batch route's landing objects hold every posted row exactly as sent, repeats included.
            var posted = LandedKeys(kind, key);
            posted.Should().HaveCount(DemoRun.Events, "every event posts one {0} row through the batch route", kind);
            posted.Distinct().Should().HaveCountLessThan(DemoRun.Events, "random offsets repeat, so the upsert is exercised");

            SqliteFile.Keys(warehouse, table, "ind").Should().Equal(posted.Distinct().Order(), "the {0} table holds each posted event once", table);
        }

        SqliteFile.Count(warehouse, "rejected_records").Should().Be(0, "the synthetic rows are all cleanable");
    }

    [Fact]
    public async Task QueryJson_IsOneObjectKeyedByTheNineNamesInOrder_WithExactlyTheSpecColumnsPerRow()
    {
        var output = (await CliProcess.RunAsync("query", "--data-dir", run.DataDir, "--format", "json")).ShouldSucceed();

        using var json = JsonDocument.Parse(output.Stdout);
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(SpecAnalytics.Names);
        foreach (var result in json.RootElement.EnumerateObject())
        {
            var rows = result.Value.EnumerateArray().ToList();
            rows.Should().NotBeEmpty("the demo's data answers every question ({0})", result.Name);
            foreach (var row in rows)
            {
                row.EnumerateObject().Select(c => c.Name).Should().Equal(SpecAnalytics.ColumnsOf(result.Name), "row of {0}: {1}", result.Name, row);
            }
        }
    }

    [Fact]
    public async Task QueryNames_PrintOnlyThoseResults_InTheOrderAsked()
    {
        var all = await CliProcess.RunAsync("query", "--data-dir", run.DataDir, "--format", "json");
        var some = await CliProcess.RunAsync("query", "users_joined_by_year", "top_category_by_country", "--data-dir", run.DataDir, "--format", "json");

        some.ShouldSucceed();
        using var allJson = JsonDocument.Parse(all.ShouldSucceed().Stdout);
        using var someJson = JsonDocument.Parse(some.Stdout);
        someJson.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("users_joined_by_year", "top_category_by_country");
        foreach (var result in someJson.RootElement.EnumerateObject())
        {
            result.Value.GetRawText().Should().Be(allJson.RootElement.GetProperty(result.Name).GetRawText());
        }
    }

    [Fact]
    public async Task Query_WhenANameIsUnknown_ExitsTwoAndNamesItWithoutPrintingResults()
    {
        var output = await CliProcess.RunAsync("query", "users_joined_by_year", "most_liked_cat", "--data-dir", run.DataDir);

        output.ShouldFailWith(2, "unknown query most_liked_cat;", "the queries are top_category_by_country");
        output.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task QueryCsv_PrintsOneSectionPerResult_WithTheSpecHeaderAndTheSameRowsAsJson()
    {
        var csv = (await CliProcess.RunAsync("query", "--data-dir", run.DataDir, "--format", "csv")).ShouldSucceed();
        var json = (await CliProcess.RunAsync("query", "--data-dir", run.DataDir, "--format", "json")).ShouldSucceed();
        using var document = JsonDocument.Parse(json.Stdout);

        var sections = csv.Stdout.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        sections.Select(s => s[0]).Should().Equal(SpecAnalytics.Names.Select(n => "# " + n));
        foreach (var section in sections)
        {
            var name = section[0][2..];
            section[1].Should().Be(string.Join(',', SpecAnalytics.ColumnsOf(name)));
            section.Length.Should().Be(2 + document.RootElement.GetProperty(name).GetArrayLength(), "{0} has as many rows as in JSON", name);
        }

        // A result of plain numbers must match value for value.
        var joined = sections.Single(s => s[0] == "# users_joined_by_year").Skip(2);
        var expected = document.RootElement.GetProperty("users_joined_by_year").EnumerateArray()
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.GetProperty("post_year").GetInt64()},{r.GetProperty("number_users_joined").GetInt64()}"));
        joined.Should().Equal(expected);
    }

    [Fact]
    public async Task QueryCsv_ForOneResult_PrintsTheHeaderFirstWithoutASectionLine()
    {
        var output = (await CliProcess.RunAsync("query", "top_country_by_followers", "--data-dir", run.DataDir, "--format", "csv")).ShouldSucceed();

        output.StdoutLines.Should().HaveCount(2);
        output.StdoutLines[0].Should().Be("country,follower_count");
        output.StdoutLines[1].Should().MatchRegex(@"^.+,\d+$");
    }

    private List<long> LandedKeys(string kind, string key)
    {
        var folder = run.Combine("landing", "topics", $"pinterest.{kind}");
        return Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                using var row = JsonDocument.Parse(line);
                return row.RootElement.GetProperty(key).GetInt64();
            })
            .ToList();
    }
}
