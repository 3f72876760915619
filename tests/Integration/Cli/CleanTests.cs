using System.Text;
using System.Text.Json;

namespace Pinterest.Modular.Tests.Integration.Cli;

[Collection(CliTestGroup.Name)]
public sealed class CleanTests : IDisposable
{
    private const string BrokenPin =
        """{"index":7528,"unique_id":"fbe53c66-3442-4773-b19e-d3ec6f54dddf","title":" No Title Data Available ","description":"No description available Story format","poster_name":"User Info Error","follower_count":"User Info Error","tag_list":"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e","is_image_or_video":"multi-video(story page format)","image_src":"Image src error.","downloaded":0,"save_location":"Local save in /data/mens-fashion","category":"mens-fashion"}""";

    private const string CleanedBrokenPin =
        """{"ind":7528,"unique_id":"fbe53c66-3442-4773-b19e-d3ec6f54dddf","title":null,"description":null,"follower_count":null,"poster_name":null,"tag_list":null,"is_image_or_video":"multi-video(story page format)","image_src":null,"save_location":"/data/mens-fashion","category":"mens-fashion"}""";

    private const string GoodPin =
        """{"index":2863,"unique_id":"9bf39437-42a6-4f02-99a0-9a0383d8cd70","title":"Tiny homes","description":"Ideas for a small house…","poster_name":"Living Small","follower_count":"6M","tag_list":"home,small","is_image_or_video":"video","image_src":"https://i.pinimg.com/videos/thumbnails/originals/aa/bb/cc/0123456789abcdef0123456789abcdef.0000001.jpg","downloaded":1,"save_location":"Local save in /data/home-decor","category":"home-decor"}""";

    private const string CleanedGoodPin =
        """{"ind":2863,"unique_id":"9bf39437-42a6-4f02-99a0-9a0383d8cd70","title":"Tiny homes","description":"Ideas for a small house…","follower_count":6000000,"poster_name":"Living Small","tag_list":"home,small","is_image_or_video":"video","image_src":"https://i.pinimg.com/videos/thumbnails/originals/aa/bb/cc/0123456789abcdef0123456789abcdef.0000001.jpg","save_location":"/data/home-decor","category":"home-decor"}""";

    private const string Geo =
        """{"ind":"7","timestamp":"2020:08:28 03:52:47","latitude":"-45.5","longitude":120.25,"country":"Cote d'Ivoire"}""";

    private const string CleanedGeo =
        """{"ind":7,"country":"Cote d'Ivoire","coordinates":[-45.5,120.25],"timestamp":"2020-08-28T03:52:47Z"}""";

    private const string OffTheMapGeo =
        """{"ind":8,"timestamp":"2020-08-28 03:52:47","latitude":95.5,"longitude":10,"country":"Chad"}""";

    private const string User =
        """{"ind":3,"first_name":"Zoë","last_name":null,"age":33,"date_joined":"2016-01-02T03:04:05+02:00"}""";

    private const string CleanedUser =
        """{"ind":3,"user_name":"Zoë","age":33,"date_joined":"2016-01-02T01:04:05Z"}""";

    private readonly TempDir _files = new();

    public static TheoryData<string, string, string, bool> OneRowPerKind => new()
    {
        { "pin", BrokenPin, CleanedBrokenPin, false },
        { "pin", GoodPin, CleanedGoodPin, true },
        { "geo", Geo, CleanedGeo, false },
        { "geo", Geo, CleanedGeo, true },
        { "user", User, CleanedUser, false },
        { "user", User, CleanedUser, true },
    };

    [Theory]
    [MemberData(nameof(OneRowPerKind))]
    public async Task Clean_OneRow_WritesExactlyTheSpecColumnsInOrder_FromAFileOrStdin(string kind, string raw, string cleaned, bool fromStdin)
    {
        var input = _files.Combine("in.jsonl");
        await File.WriteAllTextAsync(input, raw + "\n");
        var call = fromStdin
            ? new CliCall(["clean", "--kind", kind]) { Stdin = raw + "\n" }
            : new CliCall(["clean", "--kind", kind, "--in", input]);

        var output = (await CliProcess.RunAsync(call)).ShouldSucceed();

        output.StdoutBytes.ToArray().Should().Equal(Encoding.UTF8.GetBytes(cleaned + "\n"), "stdout was {0}", output.Stdout);
        output.Stderr.Should().BeEmpty("nothing was rejected");
    }

    [Fact]
    public async Task Clean_WithOutAndRejectsFiles_WritesCleanedRowsAndRejectsWithTheirOneBasedInputLine()
    {
        var input = _files.Combine("pins.jsonl");
        var cleanedPath = _files.Combine("cleaned.jsonl");
        var rejectsPath = _files.Combine("rejects.jsonl");
        await File.WriteAllTextAsync(input, string.Join('\n', GoodPin, string.Empty, """{"unique_id":"x","title":"no key"}""", BrokenPin, "not json at all") + "\n");

        var output = (await CliProcess.RunAsync("clean", "--kind", "pin", "--in", input, "--out", cleanedPath, "--rejects", rejectsPath)).ShouldSucceed();

        output.Stdout.Should().BeEmpty();
        output.StderrUnwrapped.Should().Contain("Cleaned 2 rows, rejected 2, from 5 lines");
        (await File.ReadAllTextAsync(cleanedPath)).Should().Be(CleanedGoodPin + "\n" + CleanedBrokenPin + "\n");
        var rejects = (await File.ReadAllLinesAsync(rejectsPath)).Select(Reject.Parse).ToList();
        rejects.Select(r => r.Line).Should().Equal(3, 5);
        rejects[0].Reason.Should().Contain("index");
        rejects[0].Record.Should().Be("""{"unique_id":"x","title":"no key"}""");
        rejects[1].Reason.Should().NotBeNullOrWhiteSpace();
        rejects[1].Record.Should().Be("\"not json at all\"", "a line that is not JSON is kept as a string");
    }

    [Fact]
    public async Task Clean_WithoutRejectsPath_WritesOnlyRejectLinesToStderr()
    {
        var output = (await CliProcess.RunAsync(new CliCall(["clean", "--kind", "geo"]) { Stdin = $"{Geo}\n{OffTheMapGeo}\n{Geo}\n" })).ShouldSucceed();

        output.Stdout.Should().Be($"{CleanedGeo}\n{CleanedGeo}\n");
        var reject = output.StderrLines.Should().ContainSingle().Subject;
        var parsed = Reject.Parse(reject);
        parsed.Line.Should().Be(2);
        parsed.Reason.Should().Contain("latitude");
        parsed.Record.Should().Be(OffTheMapGeo);
    }

    [Fact]
    public async Task Clean_WhenTheKindIsUnknown_ExitsNonZeroAndSaysWhichKindsExist()
    {
        var output = await CliProcess.RunAsync(new CliCall(["clean", "--kind", "board"]) { Stdin = GoodPin + "\n" });

        output.ShouldFailWith(2, "--kind 'board'", "pin, geo or user");
        output.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Clean_WhenTheInputFileIsMissing_ExitsNonZeroAndNamesIt()
    {
        var missing = _files.Combine("missing.jsonl");

        var output = await CliProcess.RunAsync("clean", "--kind", "pin", "--in", missing);

        output.ExitCode.Should().NotBe(0);
        output.ShouldFailWith(output.ExitCode, missing, "no such file");
        output.Stdout.Should().BeEmpty();
    }

    public void Dispose() => _files.Dispose();

    /// <summary>One line of the rejects output: <c>{"line":N,"reason":"...","record":...}</c>, nothing more.</summary>
    private sealed record Reject(long Line, string Reason, string Record)
    {
        public static Reject Parse(string json)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            root.EnumerateObject().Select(p => p.Name).Should().Equal("line", "reason", "record");
            return new Reject(root.GetProperty("line").GetInt64(), root.GetProperty("reason").GetString()!, root.GetProperty("record").GetRawText());
        }
    }
}
