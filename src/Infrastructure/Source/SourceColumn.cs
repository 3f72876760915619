using Pinterest.Modular.Application.Kinds;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>One column of a source table, by the name the source rows carry.</summary>
public sealed record SourceColumn(string Name, SourceColumnType Type)
{
    /// <summary>The name quoted for SQL (<c>index</c> and <c>timestamp</c> are keywords).</summary>
    public string QuotedName => $"\"{Name}\"";

    public string SqlType => Type switch
    {
        SourceColumnType.Integral => "INTEGER",
        SourceColumnType.Real => "REAL",
        _ => "TEXT",
    };
}
