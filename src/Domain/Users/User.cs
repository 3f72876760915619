namespace Pinterest.Modular.Domain.Users;

/// <summary>A cleaned user row: <c>ind, user_name, age, date_joined</c> (date_joined in UTC).</summary>
public sealed record User(long Ind, string? UserName, int? Age, DateTime? DateJoined)
{
    public static IReadOnlyList<string> Columns { get; } = ["ind", "user_name", "age", "date_joined"];
}
