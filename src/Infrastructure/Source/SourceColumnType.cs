namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>How a source column is stored in SQLite and written to JSON.</summary>
public enum SourceColumnType
{
    /// <summary>SQLite INTEGER, a JSON number.</summary>
    Integral,

    /// <summary>SQLite REAL, a JSON number written as Python's <c>repr</c> writes a float.</summary>
    Real,

    /// <summary>SQLite TEXT, a JSON string.</summary>
    Text,

    /// <summary>SQLite TEXT as <c>yyyy-MM-dd HH:mm:ss</c>, a JSON string.</summary>
    Timestamp,
}
