using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The batch-run store (<see cref="Application.Batch.IBatchRunStore"/>) on every engine, one subclass each (below).</summary>
public abstract class BatchRunStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Queued = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A migrated warehouse on a new database of the engine under test.</summary>
    private protected abstract Task<ServerWarehouse> CreateWarehouseAsync();

    [Fact]
    public async Task Create_ReturnsAQueuedRunWithANewId()
    {
        await using var warehouse = await CreateWarehouseAsync();

        var first = await warehouse.Runs.CreateAsync("schedule", Queued, None);
        var second = await warehouse.Runs.CreateAsync("manual", Queued.AddMinutes(1), None);

        first.Should().Be(new BatchRun(first.Id, "schedule", BatchRunStatus.Queued, Queued, null, null, 0, 0, 0, null));
        second.Id.Should().BeGreaterThan(first.Id);
        (await warehouse.Runs.FindAsync(first.Id, None)).Should().Be(first);
    }

    [Fact]
    public async Task Update_StoresEveryField_AndFindReturnsItInUtc()
    {
        await using var warehouse = await CreateWarehouseAsync();
        var run = await warehouse.Runs.CreateAsync("manual", Queued, None);
        var finished = run with
        {
            Status = BatchRunStatus.Failed,
            StartedAt = new DateTimeOffset(2024, 5, 1, 2, 0, 1, TimeSpan.FromHours(2)),
            FinishedAt = Queued.AddMinutes(3).AddMilliseconds(250),
            ObjectsRead = 12,
            RowsUpserted = 33_459,
            Rejected = 17,
            Error = "S3 unavailable",
            Host = "etl-box-1",
        };

        await warehouse.Runs.UpdateAsync(finished, None);

        var read = await warehouse.Runs.FindAsync(run.Id, None);
        read.Should().Be(finished with { StartedAt = new DateTimeOffset(2024, 5, 1, 0, 0, 1, TimeSpan.Zero) });
        read!.StartedAt!.Value.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task Update_OfAnUnknownRun_Throws()
    {
        await using var warehouse = await CreateWarehouseAsync();
        var unknown = new BatchRun(404, "manual", BatchRunStatus.Running, Queued, Queued, null, 0, 0, 0, null);

        var update = () => warehouse.Runs.UpdateAsync(unknown, None);

        await update.Should().ThrowAsync<KeyNotFoundException>().WithMessage("*404*");
    }

    [Fact]
    public async Task Find_OfAnUnknownRun_ReturnsNull()
    {
        await using var warehouse = await CreateWarehouseAsync();

        (await warehouse.Runs.FindAsync(1, None)).Should().BeNull();
    }

    [Fact]
    public async Task List_ReturnsNewestFirst_UpToTake()
    {
        await using var warehouse = await CreateWarehouseAsync();
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await warehouse.Runs.CreateAsync($"t{i}", Queued.AddMinutes(i), None)).Id);
        }

        var listed = await warehouse.Runs.ListAsync(3, None);

        listed.Select(run => run.Trigger).Should().Equal("t3", "t2", "t1");
        listed.Select(run => run.Id).Should().Equal(ids[3], ids[2], ids[1]);
    }
}

public sealed class SqliteBatchRunStoreTests : BatchRunStoreContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await SqliteFileWarehouse.CreateAsync();
}

public sealed class PostgresBatchRunStoreTests : BatchRunStoreContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await PostgresWarehouse.CreateAsync();
}

[Collection(MariaDbGroup.Name)]
public sealed class MySqlBatchRunStoreTests(MariaDbServer server) : BatchRunStoreContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await MySqlWarehouse.CreateAsync(server);
}
