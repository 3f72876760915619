namespace Pinterest.Modular.Infrastructure.Database.Rows;

/// <summary>Table <c>leases</c>: who holds a named lease and until when (UTC).</summary>
public sealed class LeaseRow
{
    public string Name { get; set; } = "";

    public string Owner { get; set; } = "";

    public DateTime ExpiresAt { get; set; }
}
