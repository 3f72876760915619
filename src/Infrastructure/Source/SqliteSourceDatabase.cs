using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// The source database as a SQLite file, <c>&lt;Pipeline:DataDir&gt;/source.db</c>, standing in for the RDS the AWS
/// emulator read. The emulator reads thousands of rows a second from several tasks, so open connections with their
/// prepared queries are kept in a pool and lent to one caller at a time.
/// </summary>
public sealed class SqliteSourceDatabase : ISourceDatabase, IDisposable
{
    /// <summary>The file's name in <c>Pipeline:DataDir</c> when <c>ConnectionStrings:Source</c> does not say otherwise.</summary>
    public const string FileName = "source.db";

    private const int ProgressInterval = 500;

    private readonly string path;
    private readonly string readConnectionString;
    private readonly string seedConnectionString;
    private readonly ConcurrentBag<SourceReader> readers = [];
    private volatile bool disposed;

    public SqliteSourceDatabase(IOptions<PipelineOptions> options)
        : this(Path.Combine(DataDirOf(options), FileName))
    {
    }

    /// <summary>The source database in the SQLite file at <paramref name="file"/> (its folder is created).</summary>
    public SqliteSourceDatabase(string file)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        path = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // This class pools its own connections; the driver's pool would keep the file open after Dispose.
        readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite, // never create the file by reading: no file means no rows
            Pooling = false,
        }.ToString();
        seedConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
    }

    public Task<long> CountAsync(RecordKind kind, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var table = SourceTables.For(kind);
        return Task.FromResult(WithReader(reader => reader.Count(table), 0L));
    }

    /// <summary>
    /// The row at <paramref name="offset"/>, looked up by its key: the seeded tables hold key N at offset N, and the key
    /// is the rowid, so this is one index probe instead of an OFFSET scan.
    /// </summary>
    public Task<byte[]?> ReadRowAsync(RecordKind kind, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        cancellationToken.ThrowIfCancellationRequested();
        var table = SourceTables.For(kind);
        return Task.FromResult(WithReader(reader => reader.ReadRow(table, offset), null));
    }

    /// <summary>
    /// Drops and recreates the three tables and fills them in one transaction, so readers see the old rows or all the
    /// new ones. <paramref name="progress"/> gets the number of posting events written (each is a row in every table).
    /// </summary>
    public Task SeedAsync(int rows, int seed, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ObjectDisposedException.ThrowIf(disposed, this);

        // Generating and inserting is CPU-bound work of about a second; keep it off the caller's thread.
        return Task.Run(() => Seed(rows, seed, progress, cancellationToken), cancellationToken);
    }

    public void Dispose()
    {
        disposed = true;
        while (readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private void Seed(int rows, int seed, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var connection = new SqliteConnection(seedConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using (var writer = new SourceSeedWriter(connection, transaction))
        {
            long written = 0;
            foreach (var posting in SyntheticSourceData.Generate(rows, seed))
            {
                writer.Write(posting);
                if (++written % ProgressInterval == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(written);
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        progress?.Report(rows);
    }

    private T WithReader<T>(Func<SourceReader, T> read, T whenNoDatabase)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!readers.TryTake(out var reader))
        {
            if (!File.Exists(path))
            {
                return whenNoDatabase;
            }

            reader = SourceReader.Open(readConnectionString);
        }

        T result;
        try
        {
            result = read(reader);
        }
        catch
        {
            // A reader that failed may hold a broken statement; open a fresh one next time.
            reader.Dispose();
            throw;
        }

        if (disposed)
        {
            reader.Dispose();
        }
        else
        {
            readers.Add(reader);
        }

        return result;
    }

    private static string DataDirOf(IOptions<PipelineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Value.DataDir;
    }
}
