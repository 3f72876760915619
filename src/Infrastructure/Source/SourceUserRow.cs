namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>A row of <c>user_data</c>, columns in table order; <c>date_joined</c> is UTC.</summary>
public sealed record SourceUserRow(long Ind, string FirstName, string LastName, int Age, DateTime DateJoined);
