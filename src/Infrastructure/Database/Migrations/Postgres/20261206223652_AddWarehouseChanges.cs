using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Pinterest.Modular.Infrastructure.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddWarehouseChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "warehouse_version",
                table: "analytics_results",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "warehouse_changes",
                columns: table => new
                {
                    table_name = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_changes", x => x.table_name);
                });

            migrationBuilder.InsertData(
                table: "warehouse_changes",
                columns: new[] { "table_name", "version" },
                values: new object[,]
                {
                    { "geo", 0L },
                    { "pins", 0L },
                    { "users", 0L }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "warehouse_changes");

            migrationBuilder.DropColumn(
                name: "warehouse_version",
                table: "analytics_results");
        }
    }
}
