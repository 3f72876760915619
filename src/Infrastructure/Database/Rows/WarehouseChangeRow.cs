namespace Pinterest.Modular.Infrastructure.Database.Rows;

/// <summary>
/// Table <c>warehouse_changes</c>: one row per analysed table (<c>pins</c>, <c>geo</c>, <c>users</c>) whose
/// <c>version</c> goes up by one in every transaction that upserts rows into it, whichever host commits it.
/// </summary>
public sealed class WarehouseChangeRow
{
    public string TableName { get; set; } = "";

    public long Version { get; set; }
}
