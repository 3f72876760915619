namespace Pinterest.Modular.Application.Persistence;

/// <summary>
/// How far a reader has got, stored in the same transaction as the rows it produced, so a restart resumes exactly
/// there: a processed landing object (<c>landing</c>, key, ETag) or a stream checkpoint (<c>stream</c>, shard, sequence).
/// Persist stores it without knowing what it means.
/// </summary>
public sealed record ProgressMark(string Scope, string Key, string Value);
