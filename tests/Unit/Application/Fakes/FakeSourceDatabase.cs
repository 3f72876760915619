using System.Globalization;
using System.Text;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>
/// A source database whose row at offset N is the smallest valid row with key N (spec §1), so a posted row tells
/// which offset it came from.
/// </summary>
internal sealed class FakeSourceDatabase(long pins, long geos, long users) : ISourceDatabase
{
    public FakeSourceDatabase(long rowsPerTable)
        : this(rowsPerTable, rowsPerTable, rowsPerTable)
    {
    }

    public Task<long> CountAsync(RecordKind kind, CancellationToken cancellationToken) => Task.FromResult(kind switch
    {
        _ when kind == RecordKind.Pin => pins,
        _ when kind == RecordKind.Geo => geos,
        _ => users,
    });

    public async Task<byte[]?> ReadRowAsync(RecordKind kind, long offset, CancellationToken cancellationToken)
    {
        var count = await CountAsync(kind, cancellationToken);
        return offset < 0 || offset >= count ? null : Encoding.UTF8.GetBytes(RowJson(kind, offset));
    }

    /// <summary>Every range read (<see cref="ReadRowsAsync"/>) as kind, first offset and count.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(RecordKind Kind, long First, int Count)> RangeReads { get; } = new();

    public async Task<IReadOnlyList<byte[]>> ReadRowsAsync(RecordKind kind, long first, int count, CancellationToken cancellationToken)
    {
        RangeReads.Enqueue((kind, first, count));
        var rows = new List<byte[]>();
        for (var offset = first; offset < first + count; offset++)
        {
            if (await ReadRowAsync(kind, offset, cancellationToken) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    public Task SeedAsync(int rows, int seed, IProgress<long>? progress, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public static string RowJson(RecordKind kind, long key) => kind switch
    {
        _ when kind == RecordKind.Pin => string.Create(CultureInfo.InvariantCulture, $$"""{"index":{{key}},"title":"pin {{key}}","category":"art"}"""),
        _ when kind == RecordKind.Geo => string.Create(CultureInfo.InvariantCulture, $$"""{"ind":{{key}},"latitude":1.5,"longitude":2.5,"country":"Albania"}"""),
        _ => string.Create(CultureInfo.InvariantCulture, $$"""{"ind":{{key}},"first_name":"Ann","last_name":"Lee","age":30}"""),
    };
}
