using System.Text;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Tests.Unit.Application.Ingest;

/// <summary>
/// Single-record requests through <see cref="IngestSender"/>: those that arrive while a send to the same topic is in
/// flight travel in one command, and each still gets the answer it would have had alone.
/// </summary>
public sealed class SingleRecordLanesTests
{
    private const string Topic = "pinterest.pin";

    private static IngestRecord Row(string json) => new(Encoding.UTF8.GetBytes(json));

    /// <summary>
    /// Sends as many requests as a lane has senders and, once each of their appends is held, the rest behind them;
    /// then lets the appends go.
    /// </summary>
    private static async Task<IngestResult[]> HeldThenRestBehindAsync(ApplicationTestHost host, params string[] rows)
    {
        var sender = host.Resolve<IngestSender>();
        host.Topics.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = new List<Task<IngestResult>>();
        foreach (var row in rows.Take(SingleRecordLanes.SendersPerLane))
        {
            sends.Add(sender.SendAsync(Route.Batch, Topic, [Row(row)], host.Timeout));
            var held = sends.Count;
            await Poll.UntilAsync(() => host.Topics.Held == held, () => $"{held} appends held");
        }

        sends.AddRange(rows.Skip(SingleRecordLanes.SendersPerLane).Select(r => sender.SendAsync(Route.Batch, Topic, [Row(r)], host.Timeout)));
        host.Topics.Hold.SetResult();
        return await Task.WhenAll(sends);
    }

    private static string[] Rows(int count) => [.. Enumerable.Range(1, count).Select(i => $$"""{"index":{{i}}}""")];

    private static string Text(IngestRecord record) => Encoding.UTF8.GetString(record.Value.Span);

    [Fact]
    public async Task Send_RecordsArrivingWhileTheLaneIsBusy_GoInOneAppendEachWithItsOwnAck()
    {
        await using var host = new ApplicationTestHost();
        var rows = Rows(SingleRecordLanes.SendersPerLane + 3);

        var answers = await HeldThenRestBehindAsync(host, rows);

        host.Topics.AppendCalls.Should().Be(SingleRecordLanes.SendersPerLane + 1, "each busy sender went alone, the three behind them together");
        answers.Select(a => a.Status).Should().AllBeEquivalentTo(IngestStatus.Accepted);
        var log = host.Topics.Appended(Topic);
        log.Select(Text).Should().BeEquivalentTo(rows, "every record is appended once");
        answers.Select(a => Text(log[(int)a.Acks.Single().Offset])).Should().Equal(rows, "each answer's offset is its own record");
    }

    [Fact]
    public async Task Send_OneInvalidRecordAmongThoseBehind_IsRefusedAloneAndTheOthersAreAppendedOnce()
    {
        await using var host = new ApplicationTestHost();
        var rows = Rows(SingleRecordLanes.SendersPerLane + 3);
        rows[^2] = """{"title":"no key"}""";

        var answers = await HeldThenRestBehindAsync(host, rows);

        answers.Select(a => a.Status).Should().Equal(rows.Select(r => r.Contains("no key", StringComparison.Ordinal) ? IngestStatus.Invalid : IngestStatus.Accepted));
        answers[^2].Errors.Single().Path.Should().Be("records[0].value.index", "the path is the one its own request would show");
        host.Topics.Appended(Topic).Select(Text).Should().BeEquivalentTo(rows.Where(r => !r.Contains("no key", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Send_WhenTheTransportIsDown_EveryRecordBehindGetsTheFailure()
    {
        await using var host = new ApplicationTestHost();
        host.Topics.FailWith = new TransportUnavailableException("the broker is down");

        var answers = await HeldThenRestBehindAsync(host, Rows(SingleRecordLanes.SendersPerLane + 3));

        answers.Should().AllSatisfy(a =>
        {
            a.Status.Should().Be(IngestStatus.TransportUnavailable);
            a.Message.Should().Be("the broker is down");
        });
        host.Topics.AppendCalls.Should().Be(SingleRecordLanes.SendersPerLane + 1);
    }

    [Fact]
    public async Task Send_ToAnUnknownTopic_IsAnsweredNotFoundWithoutALane()
    {
        await using var host = new ApplicationTestHost();

        var answer = await host.Resolve<IngestSender>().SendAsync(Route.Batch, "pinterest.board", [Row("""{"index":1}""")], host.Timeout);

        answer.Status.Should().Be(IngestStatus.DestinationNotFound);
        host.Topics.AppendCalls.Should().Be(0);
    }
}
