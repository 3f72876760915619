using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Pinterest.Modular.Tests.Integration.Telemetry;
using Xunit.Abstractions;

namespace Pinterest.Modular.Tests.Integration.Api.Abuse;

/// <summary>
/// Bodies an attacker sends to make the host do unbounded work (issue 17): each is refused with a short answer, and
/// <c>serve</c>, a real child process, holds about the memory it held before them.
/// </summary>
public sealed class AbusiveBodyTests(ITestOutputHelper output)
{
    /// <summary>"A few kilobytes": the largest answer any refusal may have.</summary>
    private const int MaxAnswerBytes = 4096;

    /// <summary>The growth of the host's resident memory the abusive bodies may cause (issue 17: ~100 MB).</summary>
    private const long AllowedGrowthKilobytes = 100 * 1024;

    [Fact]
    public async Task AbusiveBodies_AreRefusedWithShortAnswers_AndTheHostsMemoryStaysFlat()
    {
        await using var serve = await ServedHost.StartAsync(new Dictionary<string, string> { ["Pipeline__TopicPrefix"] = EmulatorPayloads.Prefix });
        var client = serve.Client;
        var topic = $"topics/{EmulatorPayloads.PinTopic}";
        var stream = $"streams/{EmulatorPayloads.PinStream}/records";

        // Warm: the paths the bodies take have run once, so what is measured after is growth, not first use.
        (await PostAsync(client, topic, EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(EmulatorPayloads.Pin))).Status.Should().Be(HttpStatusCode.OK);
        (await PostAsync(client, topic, EmulatorPayloads.KafkaJson, Records(2000, "{\"value\":0}"))).Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = serve.ResidentKilobytes();

        var bodies = new (string What, string Path, string ContentType, string Body)[]
        {
            ("400,000 records of {\"value\":0} (issue 17)", topic, EmulatorPayloads.KafkaJson, Records(400_000, "{\"value\":0}")),
            ("300,000 records of {\"value\":{}} (issue 17)", topic, EmulatorPayloads.KafkaJson, Records(300_000, "{\"value\":{}}")),
            ("1,000 records, every one wrong", topic, EmulatorPayloads.KafkaJson, Records(1000, "{\"value\":{}}")),
            ("one record of 50,000 rows (issue 17)", topic, EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(Rows(50_000, "{\"index\":1}"))),
            ("one row of 200,000 names, the last one twice", topic, EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(ManyNames(200_000))),
            ("500 PutRecords entries of 100 rows each", stream, EmulatorPayloads.Json, PutRecords(500, Rows(100, "{\"index\":1}"))),
            ("nesting 100,000 deep", topic, EmulatorPayloads.KafkaJson, "{\"records\":[{\"value\":" + new string('[', 100_000) + "}]}"),
            ("\"records\" twice, the second of 300,000", topic, EmulatorPayloads.KafkaJson,
                "{\"records\":[{\"value\":{\"index\":1}}]," + Records(300_000, "{\"value\":0}")[1..]),
        };
        foreach (var (what, path, contentType, body) in bodies)
        {
            body.Length.Should().BeLessThan(5 * 1024 * 1024, "{0} fits the default Api:MaxRequestBytes, so it is read", what);
        }

        // Each once, then the two largest three at a time, as the attacker did.
        var answers = new List<(string What, HttpExchange Answer)>();
        foreach (var (what, path, contentType, body) in bodies)
        {
            answers.Add((what, await PostAsync(client, path, contentType, body)));
        }

        for (var round = 0; round < 2; round++)
        {
            var (what, path, contentType, body) = bodies[round];
            var together = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(client, path, contentType, body)));
            answers.AddRange(together.Select(a => ($"{what}, three at once", a)));
        }

        var after = serve.ResidentKilobytes();
        foreach (var (what, answer) in answers)
        {
            output.WriteLine($"{what}: {(int)answer.Status}, {answer.Body.Length} chars: {Start(answer.Body)}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"VmRSS before {before} kB, after {after} kB ({(after - before) / 1024} MB more)"));
        foreach (var (what, answer) in answers)
        {
            ((int)answer.Status).Should().BeInRange(400, 499, "{0} is refused, not failed: {1}", what, Start(answer.Body));
            Encoding.UTF8.GetByteCount(answer.Body).Should().BeLessThanOrEqualTo(MaxAnswerBytes, "the refusal of {0} is short", what);
        }

        answers[2].Answer.Body.Should().Contain("and 990 more errors", "1,000 wrong records report the first ten and the count of the rest");
        answers[3].Answer.Body.Should().Contain("Ingest:MaxRecordsPerRequest", "each row of an array counts toward the limit");
        answers[4].Answer.Body.Should().Contain("'c199999' twice");
        answers[5].Answer.Body.Should().Contain("Ingest:MaxRecordsPerRequest");
        after.Should().BeLessThanOrEqualTo(before + AllowedGrowthKilobytes, "the host's memory stays flat under abusive bodies (before {0} kB)", before);

        var valid = await PostAsync(client, topic, EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(EmulatorPayloads.Pin));
        valid.Status.Should().Be(HttpStatusCode.OK, "the host still takes records: {0}", valid);
    }

    private static Task<HttpExchange> PostAsync(HttpClient client, string path, string contentType, string body) =>
        HttpExchange.SendAsync(client, path.StartsWith("streams", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, path, contentType, body);

    private static string Records(int count, string record) =>
        "{\"records\":[" + string.Join(',', Enumerable.Repeat(record, count)) + "]}";

    private static string Rows(int count, string row) => "[" + string.Join(',', Enumerable.Repeat(row, count)) + "]";

    private static string ManyNames(int count) =>
        "{\"index\":1," + string.Join(',', Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"\"c{i}\":0"))) + $",\"c{count - 1}\":1}}";

    private static string PutRecords(int count, string data) => JsonSerializer.Serialize(new
    {
        records = Enumerable.Range(0, count).Select(i => new Dictionary<string, object>
        {
            ["data"] = JsonDocument.Parse(data).RootElement,
            ["partition-key"] = "k" + i.ToString(CultureInfo.InvariantCulture),
        }),
    });

    private static string Start(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
