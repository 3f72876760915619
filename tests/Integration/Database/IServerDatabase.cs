namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>A database of its own on a server engine's test server, for the contract tests that run on each engine.</summary>
internal interface IServerDatabase : IAsyncDisposable
{
    string ConnectionString { get; }

    Task<bool> ExistsAsync();

    /// <summary>Runs one statement on a fresh connection and returns the first column of every row.</summary>
    Task<List<object?>> ColumnAsync(string sql);

    Task<long> CountAsync(string table);

    /// <summary>The connection string with <paramref name="password"/>, pointing at port 1 (nothing listens) with a 3 s timeout.</summary>
    string Unreachable(string password);
}
