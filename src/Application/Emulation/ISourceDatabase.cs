using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Emulation;

/// <summary>
/// The source database of spec §1 (tables <c>pinterest_data</c>, <c>geolocation_data</c>, <c>user_data</c>) that the
/// posting emulator reads, as the AWS build read RDS.
/// </summary>
public interface ISourceDatabase
{
    /// <summary>Rows in the kind's table (0 when the table does not exist yet).</summary>
    Task<long> CountAsync(RecordKind kind, CancellationToken cancellationToken);

    /// <summary>
    /// The row at <paramref name="offset"/> as the AWS emulator sent it: a JSON object with the table's columns in order,
    /// numbers as numbers, datetimes as <c>2020-08-28 03:52:47</c>. Null when there is no such row.
    /// </summary>
    Task<byte[]?> ReadRowAsync(RecordKind kind, long offset, CancellationToken cancellationToken);

    /// <summary>
    /// The rows at offsets <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 in order,
    /// as <see cref="ReadRowAsync"/> writes them, leaving out rows that do not exist: what an in-order run posts next. A
    /// server engine reads them with one statement (one round trip, not one per row); by default one read each.
    /// </summary>
    async Task<IReadOnlyList<byte[]>> ReadRowsAsync(RecordKind kind, long first, int count, CancellationToken cancellationToken)
    {
        var rows = new List<byte[]>(count);
        for (var offset = first; offset < first + count; offset++)
        {
            if (await ReadRowAsync(kind, offset, cancellationToken) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>Replaces the three tables with <paramref name="rows"/> synthetic rows each, generated from <paramref name="seed"/>.</summary>
    Task SeedAsync(int rows, int seed, IProgress<long>? progress, CancellationToken cancellationToken);
}
