using System.Text;
using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Infrastructure.Database.MySql;
using Pinterest.Modular.Infrastructure.Database.Rows;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The warehouse schema. Bulk writes, row lookups and the analytics go through the context's connection as plain SQL
/// (a kind's from its description); EF Core owns the schema (migrations) and the small stores. A new kind's table is
/// mapped here too, so that its migrations create it.
/// </summary>
public sealed class WarehouseDbContext(DbContextOptions<WarehouseDbContext> options) : DbContext(options)
{
    public DbSet<PinRow> Pins => Set<PinRow>();

    public DbSet<GeoRow> Geo => Set<GeoRow>();

    public DbSet<UserRow> Users => Set<UserRow>();

    public DbSet<RejectedRecordRow> RejectedRecords => Set<RejectedRecordRow>();

    public DbSet<BatchRunRow> BatchRuns => Set<BatchRunRow>();

    public DbSet<ProgressMarkRow> ProgressMarks => Set<ProgressMarkRow>();

    public DbSet<AnalyticsResultRow> AnalyticsResults => Set<AnalyticsResultRow>();

    public DbSet<LeaseRow> Leases => Set<LeaseRow>();

    public DbSet<WarehouseChangeRow> WarehouseChanges => Set<WarehouseChangeRow>();

    public DbSet<WarehouseChangedKeyRow> WarehouseChangedKeys => Set<WarehouseChangedKeyRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<PinRow>(pin =>
        {
            pin.ToTable(PinKind.Instance.Warehouse.Name);
            pin.HasKey(p => p.Ind);
            pin.Property(p => p.Ind).ValueGeneratedNever();
            if (Database.IsSqlite())
            {
                // SQLite counts rows through the table's smallest b-tree: without a narrow index, COUNT(*) for /api/stats
                // reads every page of pins (0.4-0.6 s of CPU at a million rows, against 0.01 s through this one).
                pin.HasIndex(p => p.Ind).HasDatabaseName("ix_pins_ind");
            }
        });

        modelBuilder.Entity<GeoRow>(geo =>
        {
            geo.ToTable(GeoKind.Instance.Warehouse.Name);
            geo.HasKey(g => g.Ind);
            geo.Property(g => g.Ind).ValueGeneratedNever();
            // Query 2 selects a window of years.
            geo.HasIndex(g => g.Timestamp).HasDatabaseName("ix_geo_timestamp");
        });

        modelBuilder.Entity<UserRow>(user =>
        {
            user.ToTable(UserKind.Instance.Warehouse.Name);
            user.HasKey(u => u.Ind);
            user.Property(u => u.Ind).ValueGeneratedNever();
            // Queries 7 to 9 select a window of joining years.
            user.HasIndex(u => u.DateJoined).HasDatabaseName("ix_users_date_joined");
        });

        modelBuilder.Entity<RejectedRecordRow>(rejected =>
        {
            rejected.ToTable("rejected_records");
            rejected.HasKey(r => r.Id);
            rejected.Property(r => r.Kind).HasMaxLength(16);
            rejected.HasIndex(r => r.Source).IsUnique().HasDatabaseName("ux_rejected_records_source");
            // Pages newest first, all kinds or one.
            rejected.HasIndex(r => r.RejectedAt).HasDatabaseName("ix_rejected_records_rejected_at");
            rejected.HasIndex(r => new { r.Kind, r.RejectedAt }).HasDatabaseName("ix_rejected_records_kind_rejected_at");
        });

        modelBuilder.Entity<BatchRunRow>(run =>
        {
            run.ToTable("batch_runs");
            run.HasKey(r => r.Id);
            run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        });

        modelBuilder.Entity<ProgressMarkRow>(mark =>
        {
            mark.ToTable("progress_marks");
            mark.HasKey(m => new { m.Scope, m.Key });
        });

        modelBuilder.Entity<AnalyticsResultRow>(result =>
        {
            result.ToTable("analytics_results");
            result.HasKey(r => new { r.RunId, r.Name });
        });

        modelBuilder.Entity<LeaseRow>(lease =>
        {
            lease.ToTable("leases");
            lease.HasKey(l => l.Name);
        });

        modelBuilder.Entity<WarehouseChangeRow>(change =>
        {
            change.ToTable(WarehouseTables.Changes);
            change.HasKey(c => c.TableName);
            change.Property(c => c.TableName).HasMaxLength(16);
            change.HasData(WarehouseTables.Analysed.Append(ChangedKeys.Counter).Select(table => new WarehouseChangeRow { TableName = table, Version = 0 }));
        });

        modelBuilder.Entity<WarehouseChangedKeyRow>(key =>
        {
            key.ToTable(WarehouseTables.ChangedKeys);
            key.HasNoKey();
            key.HasIndex(k => k.Version).HasDatabaseName("ix_warehouse_change_keys_version");
        });

        UseSnakeCaseColumns(modelBuilder);
        if (Database.IsMySql())
        {
            // Keys, grouping and ties compare code points, as on SQLite and PostgreSQL, whatever the server's default.
            modelBuilder.HasCharSet(MySqlEngine.CharSet).UseCollation(MySqlEngine.Collation);
        }
    }

    // Column names follow the spec (snake_case) while the row classes keep C# names.
    private static void UseSnakeCaseColumns(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
