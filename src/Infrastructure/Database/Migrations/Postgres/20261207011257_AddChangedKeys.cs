using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pinterest.Modular.Infrastructure.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddChangedKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "warehouse_change_keys",
                columns: table => new
                {
                    version = table.Column<long>(type: "bigint", nullable: false),
                    ind = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                });

            migrationBuilder.InsertData(
                table: "warehouse_changes",
                columns: new[] { "table_name", "version" },
                values: new object[] { "change_keys", 0L });

            migrationBuilder.CreateIndex(
                name: "ix_warehouse_change_keys_version",
                table: "warehouse_change_keys",
                column: "version");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "warehouse_change_keys");

            migrationBuilder.DeleteData(
                table: "warehouse_changes",
                keyColumn: "table_name",
                keyValue: "change_keys");
        }
    }
}
