namespace Pinterest.Modular.Domain.Common;

/// <summary>A value that was dropped to null because it could not be read (the record itself is kept).</summary>
public sealed record ValueIssue(string Field, string Reason);

/// <summary>
/// The outcome of cleaning one raw record: the cleaned row, or the reason it was rejected.
/// Value issues are values set to null on the way (for example an unreadable follower count).
/// </summary>
public sealed class CleanResult<T>
    where T : class
{
    internal CleanResult(T? row, string? rejection, IReadOnlyList<ValueIssue> issues)
    {
        Row = row;
        RejectionReason = rejection;
        Issues = issues;
    }

    public T? Row { get; }

    public string? RejectionReason { get; }

    public IReadOnlyList<ValueIssue> Issues { get; }

    public bool IsRejected => RejectionReason is not null;
}

public static class CleanResult
{
    private static readonly IReadOnlyList<ValueIssue> NoIssues = [];

    public static CleanResult<T> Cleaned<T>(T row, IReadOnlyList<ValueIssue>? issues = null)
        where T : class => new(row, null, issues is { Count: > 0 } ? issues : NoIssues);

    public static CleanResult<T> Rejected<T>(string reason)
        where T : class => new(null, reason, NoIssues);
}
