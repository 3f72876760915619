using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis;

public sealed class KinesisClientRetryTests
{
    private const string Throttled = """{"__type":"ProvisionedThroughputExceededException","message":"Rate exceeded for shard shardId-000000000000 in stream s under account 1."}""";
    private const string Put = """{"ShardId":"shardId-000000000000","SequenceNumber":"49590338271490256608559692538361571095921575989136588898"}""";

    private static readonly KinesisPutEntry Entry = new("""{"a":1}"""u8.ToArray(), "k");

    [Fact]
    public async Task PutRecord_ThrottledThenAccepted_RetriesAfterABackoffAndReturnsTheResult()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(400, Throttled).Answer(400, Throttled).Answer(200, Put);

        var result = await kinesis.RunAsync(c => c.PutRecordAsync("s", Entry, CancellationToken.None));

        result.SequenceNumber.Should().Be("49590338271490256608559692538361571095921575989136588898");
        kinesis.Handler.Requests.Should().HaveCount(3);
        kinesis.Waits.Should().HaveCount(2);
        kinesis.Waits[0].Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50)).And.BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(100));
        kinesis.Waits[1].Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(100)).And.BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task PutRecord_AlwaysThrottled_GivesUpAfterMaxAttemptsWithTheThrottlingError()
    {
        var kinesis = new KinesisTestClient(maxAttempts: 4);
        kinesis.Handler.AnswerTimes(4, 400, Throttled);

        var call = () => kinesis.RunAsync(c => c.PutRecordAsync("s", Entry, CancellationToken.None));

        var error = (await call.Should().ThrowAsync<KinesisException>()).Which;
        error.ErrorType.Should().Be("ProvisionedThroughputExceededException");
        error.StatusCode.Should().Be(400);
        kinesis.Handler.Requests.Should().HaveCount(4);
    }

    [Fact]
    public async Task Retries_WaitTwiceAsLongEachTime_UpToRetryMaxDelay_WithJitterBelowIt()
    {
        var kinesis = new KinesisTestClient(maxAttempts: 7);
        kinesis.Handler.AnswerTimes(6, 400, Throttled).Answer(200, Put);

        await kinesis.RunAsync(c => c.PutRecordAsync("s", Entry, CancellationToken.None));

        int[] ceilings = [100, 200, 400, 800, 1000, 1000];
        kinesis.Waits.Should().HaveCount(6);
        for (var i = 0; i < ceilings.Length; i++)
        {
            kinesis.Waits[i].Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(ceilings[i] / 2.0))
                .And.BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(ceilings[i]), "wait {0} is capped by its ceiling", i + 1);
        }
    }

    [Theory]
    [InlineData(400, """{"__type":"LimitExceededException","message":"Rate exceeded"}""")]
    [InlineData(500, """{"__type":"InternalFailure","message":"Internal Service Failure"}""")]
    [InlineData(503, "<html>Service Unavailable</html>")]
    public async Task ListStreams_RetryableError_IsRetried(int status, string body)
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(status, body).Answer(200, """{"StreamNames":["a"],"HasMoreStreams":false}""");

        var names = await kinesis.RunAsync(c => c.ListStreamsAsync(CancellationToken.None));

        names.Should().Equal("a");
        kinesis.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task DescribeStreamSummary_ResourceNotFound_IsNotRetried()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(400, """{"__type":"ResourceNotFoundException","message":"Stream s under account 000000000000 not found."}""");

        var call = () => kinesis.RunAsync(c => c.DescribeStreamSummaryAsync("s", CancellationToken.None));

        var error = (await call.Should().ThrowAsync<KinesisException>()).Which;
        error.IsNotFound.Should().BeTrue();
        error.Message.Should().Be("ResourceNotFoundException: Stream s under account 000000000000 not found.");
        kinesis.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task ListStreams_NetworkFailureThenAnswer_IsRetried()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Throw(new HttpRequestException("Connection refused")).Answer(200, """{"StreamNames":[],"HasMoreStreams":false}""");

        var names = await kinesis.RunAsync(c => c.ListStreamsAsync(CancellationToken.None));

        names.Should().BeEmpty();
        kinesis.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task ListStreams_Unreachable_GivesUpNamingTheEndpointAndItsSetting()
    {
        var kinesis = new KinesisTestClient(maxAttempts: 2);
        kinesis.Handler.Throw(new HttpRequestException("Connection refused")).Throw(new HttpRequestException("Connection refused"));

        var call = () => kinesis.RunAsync(c => c.ListStreamsAsync(CancellationToken.None));

        var error = (await call.Should().ThrowAsync<KinesisException>()).Which;
        error.ErrorType.Should().Be("ServiceUnreachable");
        error.Message.Should().Contain("http://kinesis.test:4567/").And.Contain("Kinesis:ServiceUrl").And.Contain("2 attempt(s)").And.Contain("Connection refused");
    }

    [Fact]
    public async Task PutRecord_ConnectionResetAsItOpens_IsReportedUnreachable_NotLeftToEscape()
    {
        // HttpClient lets a bare SocketException out when the peer resets the connection as it is set up (seen against
        // a Kinesis that went away: "Transport endpoint is not connected"); it must count as unreachable like the rest.
        var kinesis = new KinesisTestClient(maxAttempts: 2);
        var reset = new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.NotConnected);
        kinesis.Handler.Throw(reset).Throw(reset);

        var call = () => kinesis.RunAsync(c => c.PutRecordAsync("s", new KinesisPutEntry(new byte[] { 1 }, "k"), CancellationToken.None));

        var error = (await call.Should().ThrowAsync<KinesisException>()).Which;
        error.ErrorType.Should().Be("ServiceUnreachable");
        kinesis.Handler.Requests.Should().HaveCount(2, "a reset connection is retried like any network failure");
    }

    [Fact]
    public async Task ListStreams_RequestTimedOut_IsRetriedThenReportedAsTimeout()
    {
        var kinesis = new KinesisTestClient(maxAttempts: 2);
        var timeout = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException());
        kinesis.Handler.Throw(timeout).Throw(timeout);

        var call = () => kinesis.RunAsync(c => c.ListStreamsAsync(CancellationToken.None));

        (await call.Should().ThrowAsync<KinesisException>()).Which.ErrorType.Should().Be("RequestTimeout");
        kinesis.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task ListStreams_Cancelled_StopsWithoutRetrying()
    {
        var kinesis = new KinesisTestClient();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var call = () => kinesis.RunAsync(c => c.ListStreamsAsync(cancel.Token));

        await call.Should().ThrowAsync<OperationCanceledException>();
        kinesis.Handler.Requests.Should().BeEmpty();
    }
}
