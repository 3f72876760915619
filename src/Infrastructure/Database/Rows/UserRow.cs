namespace Pinterest.Modular.Infrastructure.Database.Rows;

/// <summary>Table <c>users</c>: date_joined in UTC.</summary>
public sealed class UserRow
{
    public long Ind { get; set; }

    public string? UserName { get; set; }

    public int? Age { get; set; }

    public DateTime? DateJoined { get; set; }
}
