using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pinterest.Modular.Infrastructure.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialWarehouse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "analytics_results",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    computed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    result_json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_analytics_results", x => new { x.run_id, x.name });
                });

            migrationBuilder.CreateTable(
                name: "batch_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    trigger = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    queued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    objects_read = table.Column<int>(type: "integer", nullable: false),
                    rows_upserted = table.Column<long>(type: "bigint", nullable: false),
                    rejected = table.Column<long>(type: "bigint", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_batch_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "geo",
                columns: table => new
                {
                    ind = table.Column<long>(type: "bigint", nullable: false),
                    country = table.Column<string>(type: "text", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    timestamp = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_geo", x => x.ind);
                });

            migrationBuilder.CreateTable(
                name: "pins",
                columns: table => new
                {
                    ind = table.Column<long>(type: "bigint", nullable: false),
                    unique_id = table.Column<string>(type: "text", nullable: true),
                    title = table.Column<string>(type: "text", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    follower_count = table.Column<long>(type: "bigint", nullable: true),
                    poster_name = table.Column<string>(type: "text", nullable: true),
                    tag_list = table.Column<string>(type: "text", nullable: true),
                    is_image_or_video = table.Column<string>(type: "text", nullable: true),
                    image_src = table.Column<string>(type: "text", nullable: true),
                    save_location = table.Column<string>(type: "text", nullable: true),
                    category = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pins", x => x.ind);
                });

            migrationBuilder.CreateTable(
                name: "progress_marks",
                columns: table => new
                {
                    scope = table.Column<string>(type: "text", nullable: false),
                    key = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_progress_marks", x => new { x.scope, x.key });
                });

            migrationBuilder.CreateTable(
                name: "rejected_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    raw_json = table.Column<string>(type: "text", nullable: false),
                    rejected_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rejected_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    ind = table.Column<long>(type: "bigint", nullable: false),
                    user_name = table.Column<string>(type: "text", nullable: true),
                    age = table.Column<int>(type: "integer", nullable: true),
                    date_joined = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.ind);
                });

            migrationBuilder.CreateIndex(
                name: "ix_geo_timestamp",
                table: "geo",
                column: "timestamp");

            migrationBuilder.CreateIndex(
                name: "ix_rejected_records_kind_rejected_at",
                table: "rejected_records",
                columns: new[] { "kind", "rejected_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rejected_records_rejected_at",
                table: "rejected_records",
                column: "rejected_at");

            migrationBuilder.CreateIndex(
                name: "ux_rejected_records_source",
                table: "rejected_records",
                column: "source",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_date_joined",
                table: "users",
                column: "date_joined");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analytics_results");

            migrationBuilder.DropTable(
                name: "batch_runs");

            migrationBuilder.DropTable(
                name: "geo");

            migrationBuilder.DropTable(
                name: "pins");

            migrationBuilder.DropTable(
                name: "progress_marks");

            migrationBuilder.DropTable(
                name: "rejected_records");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
