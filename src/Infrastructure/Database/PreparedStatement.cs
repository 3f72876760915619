using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// One command prepared once and executed for every row of a batch, inside the caller's transaction: parsing the
/// SQL once per table instead of once per row is what makes bulk upserts fast on SQLite.
/// </summary>
internal sealed class PreparedStatement : IAsyncDisposable
{
    private readonly DbCommand command;
    private readonly DbParameter[] parameters;
    private bool prepared;

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Text is built from constant table and column names; values travel as parameters.")]
    public PreparedStatement(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<string> parameterNames)
    {
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        parameters = new DbParameter[parameterNames.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + parameterNames[i];
            command.Parameters.Add(parameter);
            parameters[i] = parameter;
        }
    }

    /// <summary>Binds the values in parameter order (null becomes SQL NULL) and runs the statement.</summary>
    public async Task<int> ExecuteAsync(object?[] values, CancellationToken cancellationToken)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }

        if (!prepared)
        {
            // Prepared after the first binding: some providers infer parameter types from the values.
            await command.PrepareAsync(cancellationToken);
            prepared = true;
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
