using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Kinesis;
using Pinterest.Modular.Infrastructure.Kinesis.Worker;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis.Worker;

public sealed class KinesisShardPlanTests
{
    private static readonly Destination Stream = new(RecordKind.Pin, Route.Stream, "streaming-p-pin");

    private static KinesisShard Shard(string id, string? parent = null, string? adjacent = null, bool closed = false) =>
        new(id, parent, adjacent, "0", "1", "100", closed ? "200" : null);

    private static Dictionary<string, string> Checkpoints(params (string Shard, string Value)[] marks) =>
        marks.ToDictionary(m => KinesisCheckpoints.Key(Stream.Name, m.Shard), m => m.Value);

    private static IEnumerable<(string, ShardIteratorStart)> Plan(
        KinesisShard[] shards, Dictionary<string, string> checkpoints, KinesisStartPosition start = KinesisStartPosition.TrimHorizon) =>
        KinesisShardPlan.Leasable(Stream, shards, checkpoints, start).Select(s => (s.Shard.ShardId, s.StartWithoutCheckpoint));

    [Fact]
    public void Leasable_WhileAParentIsUnfinished_LeavesItsChildrenOut()
    {
        KinesisShard[] shards = [Shard("p", closed: true), Shard("c1", "p"), Shard("c2", "p"), Shard("other")];

        Plan(shards, Checkpoints(("p", "150"))).Select(s => s.Item1).Should().Equal("other", "p");
    }

    [Fact]
    public void Leasable_OnceAParentIsAtShardEnd_OffersItsChildrenFromTheirStart_EvenUnderLatest()
    {
        KinesisShard[] shards = [Shard("p", closed: true), Shard("c1", "p"), Shard("c2", "p")];

        Plan(shards, Checkpoints(("p", KinesisCheckpoints.ShardEnd)), KinesisStartPosition.Latest).Should().Equal(
            ("c1", ShardIteratorStart.TrimHorizon), ("c2", ShardIteratorStart.TrimHorizon));
    }

    [Fact]
    public void Leasable_AMergedChild_WaitsForBothParents()
    {
        KinesisShard[] shards = [Shard("a", closed: true), Shard("b", closed: true), Shard("m", "a", "b")];

        Plan(shards, Checkpoints(("a", KinesisCheckpoints.ShardEnd))).Select(s => s.Item1).Should().Equal("b");
        Plan(shards, Checkpoints(("a", KinesisCheckpoints.ShardEnd), ("b", KinesisCheckpoints.ShardEnd))).Select(s => s.Item1).Should().Equal("m");
    }

    [Theory]
    [InlineData(KinesisStartPosition.TrimHorizon, ShardIteratorType.TrimHorizon)]
    [InlineData(KinesisStartPosition.Latest, ShardIteratorType.Latest)]
    public void Leasable_AShardWhoseParentIsPastRetention_StartsWhereTheSettingSays(KinesisStartPosition setting, ShardIteratorType expected)
    {
        KinesisShard[] shards = [Shard("c1", "gone")];

        Plan(shards, Checkpoints(), setting).Should().Equal(("c1", new ShardIteratorStart(expected)));
    }

    [Theory]
    [InlineData(4, 1, 4)]
    [InlineData(4, 2, 2)]
    [InlineData(4, 3, 2)]
    [InlineData(5, 2, 3)]
    [InlineData(1, 3, 1)]
    [InlineData(0, 2, 0)]
    [InlineData(3, 0, 3)]
    public void FairShare_RoundsUp_SoEveryShardHasATaker(int shards, int workers, int expected) =>
        KinesisShardPlan.FairShare(shards, workers).Should().Be(expected);
}
