using System.Data.Common;

namespace Pinterest.Modular.Infrastructure.Database.MySql;

/// <summary>
/// A bulk load the server accepted only with warnings (values it would have refused in an INSERT): a database error
/// like any other, so the persist transaction rolls back and callers handle it as they handle the others.
/// </summary>
public sealed class BulkLoadException : DbException
{
    public BulkLoadException()
    {
    }

    public BulkLoadException(string message)
        : base(message)
    {
    }

    public BulkLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
