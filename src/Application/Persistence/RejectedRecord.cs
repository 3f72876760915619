using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Persistence;

/// <summary>A raw record that could not be cleaned, kept with its reason and source (unique) for inspection and replay.</summary>
public sealed record RejectedRecord(RecordKind Kind, string Source, string Reason, string RawJson, DateTimeOffset RejectedAt);
