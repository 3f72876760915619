using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pinterest.Modular.Infrastructure.Database.Migrations.MySql
{
    /// <inheritdoc />
    public partial class AddBatchRunHost : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "host",
                table: "batch_runs",
                type: "longtext",
                nullable: true,
                collation: "utf8mb4_bin")
                .Annotation("MySql:CharSet", "utf8mb4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "host",
                table: "batch_runs");
        }
    }
}
