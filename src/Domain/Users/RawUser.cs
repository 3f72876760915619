namespace Pinterest.Modular.Domain.Users;

/// <summary>A user row as it arrives; each field is the text of its wire value, or null.</summary>
public sealed record RawUser(string? Ind, string? FirstName, string? LastName, string? Age, string? DateJoined);
