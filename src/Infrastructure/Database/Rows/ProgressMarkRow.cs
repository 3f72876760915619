namespace Pinterest.Modular.Infrastructure.Database.Rows;

/// <summary>Table <c>progress_marks</c>, keyed by scope and key.</summary>
public sealed class ProgressMarkRow
{
    public string Scope { get; set; } = "";

    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public DateTime UpdatedAt { get; set; }
}
