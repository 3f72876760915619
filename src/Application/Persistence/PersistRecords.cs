using MassTransit;

namespace Pinterest.Modular.Application.Persistence;

/// <summary>Store cleaned rows, rejections and progress marks in one transaction. Answered with <see cref="PersistOutcome"/>.</summary>
public sealed record PersistRecords(CleanedBatch Batch, IReadOnlyList<ProgressMark> Marks);

public sealed class PersistRecordsConsumer(IWarehouse warehouse) : IConsumer<PersistRecords>
{
    public async Task Consume(ConsumeContext<PersistRecords> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await warehouse.PersistAsync(context.Message.Batch, context.Message.Marks, context.CancellationToken);
        await context.RespondAsync(outcome);
    }
}
