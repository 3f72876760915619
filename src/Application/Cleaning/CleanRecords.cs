using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// Clean raw records of one kind and persist them with the reader's progress marks. Both routes send it; it never
/// knows which one did. Answered with <see cref="RecordsStored"/>.
/// </summary>
public sealed record CleanRecords(RecordKind Kind, IReadOnlyList<RawRecord> Records, IReadOnlyList<ProgressMark> Marks);

/// <summary>What one <see cref="CleanRecords"/> stored: rows upserted, records rejected, values set to null.</summary>
public sealed record RecordsStored(int RowsUpserted, int Rejected, int ValueIssues);
