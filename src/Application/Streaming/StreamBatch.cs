using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Application.Streaming;

/// <summary>
/// One micro-batch of a shard: its records, the progress marks stored with them (the checkpoint), whether the shard
/// ends with it (a closed shard read to its end; stored even when empty, so its end is checkpointed), and how long to
/// wait before reading again (null: read at once, the shard holds more).
/// </summary>
public sealed record StreamBatch(IReadOnlyList<RawRecord> Records, IReadOnlyList<ProgressMark> Marks, bool EndsShard, TimeSpan? WaitBeforeNext);
