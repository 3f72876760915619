using System.Text;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Tests.Unit.Application.Ingest;

/// <summary>
/// Ingest as the APIs send it (<see cref="IngestSender"/>: the route table, then <see cref="IngestRecords"/> through the
/// mediator's validation filter to its handler), over fake transports. An invalid command comes back as
/// <see cref="IngestStatus.Invalid"/> with the validator's errors.
/// </summary>
public class IngestRecordsTests
{
    private static IngestRecord Record(string json, string? key = null, int? partition = null) =>
        new(Encoding.UTF8.GetBytes(json), key, partition);

    private static Task<IngestResult> Batch(ApplicationTestHost host, string topic, params IngestRecord[] records) =>
        host.Resolve<IngestSender>().SendAsync(Route.Batch, topic, records, host.Timeout);

    private static Task<IngestResult> Stream(ApplicationTestHost host, string stream, params IngestRecord[] records) =>
        host.Resolve<IngestSender>().SendAsync(Route.Stream, stream, records, host.Timeout);

    [Fact]
    public async Task Ingest_OnTopic_AppendsInOrderAndAnswersTheWritersAcks()
    {
        await using var host = new ApplicationTestHost();
        host.Topics.Partitions = 3;

        var answer = await Batch(host, 
            "pinterest.pin",
            Record("""{"index":1}""", key: "a"),
            Record("""{"index":2}""", partition: 2),
            Record("""{"index":3}"""));

        var result = answer.Should().BeOfType<IngestResult>().Subject;
        result.Status.Should().Be(IngestStatus.Accepted);
        result.Message.Should().BeNull();
        result.Acks.Should().Equal(
            new RecordAck(0, 0, "pinterest.pin-0"),
            new RecordAck(2, 1, "pinterest.pin-1"),
            new RecordAck(0, 2, "pinterest.pin-2"));
        var appended = host.Topics.Appended("pinterest.pin");
        appended.Select(r => Encoding.UTF8.GetString(r.Value.Span)).Should().Equal("""{"index":1}""", """{"index":2}""", """{"index":3}""");
        appended.Select(r => r.Key).Should().Equal("a", null, null);
        appended.Select(r => r.Partition).Should().Equal(null, 2, null);
        host.Streams.Appended("streaming-pinterest-pin").Should().BeEmpty();
    }

    [Fact]
    public async Task Ingest_OnStream_AppendsToTheStreamOnly()
    {
        await using var host = new ApplicationTestHost();

        var answer = await Stream(host, 
            "streaming-pinterest-geo", Record("""{"ind":5,"country":"Chad"}"""), Record("""{"ind":6}"""));

        answer.Should().BeOfType<IngestResult>().Which.Acks.Select(a => a.SequenceNumber).Should().Equal("1000", "1001");
        host.Streams.Appended("streaming-pinterest-geo").Should().HaveCount(2);
        host.Topics.AppendCalls.Should().Be(0);
    }

    [Theory]
    [InlineData(Route.Batch, "pinterest.board", "Topic pinterest.board not found.")]
    [InlineData(Route.Batch, "streaming-pinterest-pin", "Topic streaming-pinterest-pin not found.")]
    [InlineData(Route.Stream, "streaming-pinterest-board", "Stream streaming-pinterest-board not found.")]
    [InlineData(Route.Stream, "pinterest.pin", "Stream pinterest.pin not found.")]
    public async Task Ingest_WhenDestinationIsUnknown_AnswersNotFoundLikeTheRealApi(Route route, string name, string message)
    {
        await using var host = new ApplicationTestHost();

        var answer = await host.Resolve<IngestSender>().SendAsync(route, name, [Record("""{"index":1,"ind":1}""")], host.Timeout);

        var result = answer.Should().BeOfType<IngestResult>().Subject;
        result.Status.Should().Be(IngestStatus.DestinationNotFound);
        result.Message.Should().Be(message);
        result.Acks.Should().BeEmpty();
        host.Topics.AppendCalls.Should().Be(0);
    }

    [Fact]
    public async Task Ingest_WhenDestinationIsUnknown_AnswersNotFoundEvenIfRowsAreBad()
    {
        await using var host = new ApplicationTestHost();

        var answer = await Batch(host, "pinterest.board", Record("not json"));

        answer.Should().BeOfType<IngestResult>().Which.Status.Should().Be(IngestStatus.DestinationNotFound);
    }

    [Fact]
    public async Task Ingest_WhenTheRouteIsClosedForTheKind_AnswersNotFound()
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?> { ["Pipeline:Routes:pin"] = "Stream" });

        var answer = await Batch(host, "pinterest.pin", Record("""{"index":1}"""));

        answer.Should().BeOfType<IngestResult>().Which.Should()
            .BeEquivalentTo(IngestResult.Failed(IngestStatus.DestinationNotFound, "Topic pinterest.pin not found."));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(3, -1)]
    public async Task Ingest_WhenPartitionIsOutOfRange_AnswersPartitionNotFoundAndAppendsNothing(int partitions, int partition)
    {
        await using var host = new ApplicationTestHost();
        host.Topics.Partitions = partitions;

        var answer = await Batch(host, 
            "pinterest.user", Record("""{"ind":1}""", partition: 0), Record("""{"ind":2}""", partition: partition));

        var result = answer.Should().BeOfType<IngestResult>().Subject;
        result.Status.Should().Be(IngestStatus.PartitionNotFound);
        result.Message.Should().Be($"Partition {partition} not found: topic pinterest.user has {partitions} partition(s).");
        host.Topics.AppendCalls.Should().Be(0);
    }

    [Fact]
    public async Task Ingest_WhenTheTopicWriterIsUnavailable_AnswersTransportUnavailable()
    {
        await using var host = new ApplicationTestHost();
        host.Topics.FailWith = new TransportUnavailableException("Broker not available: log is closed.");

        var answer = await Batch(host, "pinterest.pin", Record("""{"index":1}"""));

        answer.Should().BeOfType<IngestResult>().Which.Should()
            .BeEquivalentTo(IngestResult.Failed(IngestStatus.TransportUnavailable, "Broker not available: log is closed."));
    }

    [Theory]
    [InlineData(TransportRefusal.NotAuthenticated, IngestStatus.TransportNotAuthenticated)]
    [InlineData(TransportRefusal.NotAuthorized, IngestStatus.TransportNotAuthorized)]
    [InlineData(TransportRefusal.Rejected, IngestStatus.TransportRejected)]
    public async Task Ingest_WhenTheTopicWriterRefuses_AnswersWhyWithItsMessage(TransportRefusal refusal, IngestStatus expected)
    {
        await using var host = new ApplicationTestHost();
        host.Topics.FailWith = new TransportRejectedException("Kafka refused the records.", refusal);

        var answer = await Batch(host, "pinterest.pin", Record("""{"index":1}"""));

        answer.Should().BeOfType<IngestResult>().Which.Should().BeEquivalentTo(IngestResult.Failed(expected, "Kafka refused the records."));
    }

    [Fact]
    public async Task Ingest_WhenTheStreamWriterIsUnavailable_AnswersTransportUnavailable()
    {
        await using var host = new ApplicationTestHost();
        host.Streams.FailWith = new TransportUnavailableException("Stream is being resharded.");

        var answer = await Stream(host, "streaming-pinterest-user", Record("""{"ind":1}"""));

        answer.Should().BeOfType<IngestResult>().Which.Status.Should().Be(IngestStatus.TransportUnavailable);
    }

    [Fact]
    public async Task Ingest_WhenRecordsAreEmpty_AnswersCommandInvalidAtRecords()
    {
        await using var host = new ApplicationTestHost();

        var answer = await Batch(host, "pinterest.pin");

        answer.Should().BeOfType<IngestResult>().Which.Errors.Should().Equal(
            new InputError("records", "records must hold at least one record."));
    }

    [Fact]
    public async Task Ingest_WhenRecordsExceedTheConfiguredMaximum_AnswersCommandInvalid()
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?> { ["Ingest:MaxRecordsPerRequest"] = "2" });

        var answer = await Batch(host, 
            "pinterest.pin", Record("""{"index":1}"""), Record("""{"index":2}"""), Record("""{"index":3}"""));

        answer.Should().BeOfType<IngestResult>().Which.Errors.Should().Equal(
            new InputError("records", "records holds 3 records; at most 2 are accepted per request (Ingest:MaxRecordsPerRequest)."));
        host.Topics.AppendCalls.Should().Be(0);
    }

    [Fact]
    public async Task Ingest_WhenRecordsMatchTheConfiguredMaximum_AcceptsThem()
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?> { ["Ingest:MaxRecordsPerRequest"] = "2" });

        var answer = await Batch(host, "pinterest.pin", Record("""{"index":1}"""), Record("""{"index":2}"""));

        answer.Should().BeOfType<IngestResult>().Which.Status.Should().Be(IngestStatus.Accepted);
    }

    [Theory]
    [InlineData("pinterest.pin", "\"hello\"", "records[0].value", "value must be a JSON object (a pin row) or an array of row objects, not a string.")]
    [InlineData("pinterest.geo", "42", "records[0].value", "value must be a JSON object (a geo row) or an array of row objects, not a number.")]
    [InlineData("pinterest.pin", """[{"index":1},{"index":"x"}]""", "records[0].value[1].index", "value[1].index must be an integer, not 'x'.")]
    [InlineData("pinterest.pin", """[{"index":1},7]""", "records[0].value[1]", "value[1] must be a JSON object (a pin row), not a number.")]
    [InlineData("pinterest.pin", "[]", "records[0].value", "value is an empty array; it must hold at least one row.")]
    [InlineData("pinterest.pin", """{"ind":1,"title":"t"}""", "records[0].value.index", "value.index is missing: every pin row needs its key.")]
    [InlineData("pinterest.user", """{"index":1}""", "records[0].value.ind", "value.ind is missing: every user row needs its key.")]
    [InlineData("pinterest.geo", """{"ind":1.5}""", "records[0].value.ind", "value.ind must be an integer, not '1.5'.")]
    [InlineData("pinterest.geo", """{"ind":true}""", "records[0].value.ind", "value.ind must be an integer, not a boolean.")]
    [InlineData("pinterest.geo", """{"ind":{"n":1}}""", "records[0].value.ind", "value.ind must be an integer, not an object.")]
    public async Task Ingest_WhenAValueIsNotARowWithAnIntegerKey_AnswersCommandInvalidWithItsPath(
        string topic, string json, string path, string message)
    {
        await using var host = new ApplicationTestHost();

        var answer = await Batch(host, topic, Record(json));

        answer.Should().BeOfType<IngestResult>().Which.Errors.Should().Equal(new InputError(path, "records[0]." + message));
        host.Topics.AppendCalls.Should().Be(0);
    }

    [Theory]
    [InlineData("""{"index":1,""")]
    [InlineData("""{"index":1} x""")]
    [InlineData("""{"index":1} {"index":2}""")]
    [InlineData("")]
    public async Task Ingest_WhenAValueIsNotOneJsonValue_AnswersCommandInvalidAtTheValue(string json)
    {
        await using var host = new ApplicationTestHost();

        var answer = await Stream(host, "streaming-pinterest-pin", Record("""{"index":0}"""), Record(json));

        var error = answer.Should().BeOfType<IngestResult>().Which.Errors.Should().ContainSingle().Subject;
        error.Path.Should().Be("records[1].value");
        error.Message.Should().StartWith("records[1].value is");
    }

    [Fact]
    public async Task Ingest_WhenSeveralRecordsAreBad_ReportsEachWithItsIndex()
    {
        await using var host = new ApplicationTestHost();

        var answer = await Batch(host, 
            "pinterest.user", Record("""{"ind":"a"}"""), Record("""{"ind":2}"""), Record("""{"age":3}"""));

        answer.Should().BeOfType<IngestResult>().Which.Errors.Select(e => e.Path)
            .Should().Equal("records[0].value.ind", "records[2].value.ind");
    }

    [Theory]
    [InlineData("pinterest.pin", """{"index":"12"}""")]
    [InlineData("pinterest.pin", """{"index":" 12 "}""")]
    [InlineData("pinterest.geo", """{"ind":12.0}""")]
    [InlineData("pinterest.user", """{"nested":{"ind":"x"},"ind":3}""")]
    [InlineData("pinterest.pin", """[{"index":1},{"index":"2"}]""")]
    public async Task Ingest_WhenKeyIsAnIntegerOrNumericString_AcceptsTheRecord(string topic, string json)
    {
        await using var host = new ApplicationTestHost();

        var answer = await Batch(host, topic, Record(json));

        answer.Should().BeOfType<IngestResult>().Which.Status.Should().Be(IngestStatus.Accepted);
        host.Topics.Appended(topic).Should().ContainSingle();
    }

    [Fact]
    public async Task Ingest_WhenRowsOfArrayValuesPassTheMaximum_AnswersCommandInvalidNamingTheLimit()
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?> { ["Ingest:MaxRecordsPerRequest"] = "3" });

        var answer = await Batch(host, 
            "pinterest.pin", Record("""{"index":1}"""), Record("""[{"index":2},{"index":3},{"index":4}]"""));

        answer.Should().BeOfType<IngestResult>().Which.Errors.Should().Equal(new InputError(
            "records",
            "records[1] takes the request past 3 rows; at most 3 are accepted per request (Ingest:MaxRecordsPerRequest), each row of an array value counting as one."));
        host.Topics.AppendCalls.Should().Be(0);
    }

    [Fact]
    public async Task Ingest_WhenRowsOfArrayValuesMatchTheMaximum_AcceptsThem()
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?> { ["Ingest:MaxRecordsPerRequest"] = "3" });

        var answer = await Batch(host, "pinterest.pin", Record("""{"index":1}"""), Record("""[{"index":2},{"index":3}]"""));

        answer.Should().BeOfType<IngestResult>().Which.Status.Should().Be(IngestStatus.Accepted);
    }

    [Fact]
    public async Task Ingest_WhenManyRecordsAreWrong_ReportsTheFirstTenAndHowManyMore()
    {
        await using var host = new ApplicationTestHost();
        var records = Enumerable.Range(0, 25).Select(_ => Record("{}")).ToArray();

        var answer = await Batch(host, "pinterest.pin", records);

        var errors = answer.Should().BeOfType<IngestResult>().Which.Errors;
        errors.Should().HaveCount(11);
        errors.Take(10).Select(e => e.Path).Should().Equal(Enumerable.Range(0, 10).Select(i => $"records[{i}].value.index"));
        errors[10].Should().Be(new InputError("records", "… and 15 more errors (the first 10 are shown)."));
    }

    [Fact]
    public async Task Ingest_WhenARowHasANameTwice_AnswersCommandInvalidNamingTheNameAndTheRecord()
    {
        await using var host = new ApplicationTestHost();

        var answer = await Batch(host, 
            "pinterest.geo", Record("""{"ind":1}"""), Record("""[{"ind":2},{"ind":3,"country":"A","country":"B"}]"""));

        answer.Should().BeOfType<IngestResult>().Which.Errors.Should().Equal(new InputError(
            "records[1].value[1].country", "records[1].value[1] has the name 'country' twice; each name may appear once in a row."));
        host.Topics.AppendCalls.Should().Be(0);
    }
}
