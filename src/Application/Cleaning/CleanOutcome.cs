namespace Pinterest.Modular.Application.Cleaning;

/// <summary>The rows of one record: those cleaned and those rejected, each list in the record's order.</summary>
public sealed record CleanOutcome(IReadOnlyList<CleanedRow> Cleaned, IReadOnlyList<RejectedRow> Rejected)
{
    public int IssueCount
    {
        get
        {
            var count = 0;
            foreach (var row in Cleaned)
            {
                count += row.Issues.Count;
            }

            return count;
        }
    }
}
