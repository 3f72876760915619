using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pinterest.Modular.Infrastructure.Database.Migrations.Postgres
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
                type: "text",
                nullable: true);
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
