using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Atr.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class CheckEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Task_ProjectName",
                table: "Task");

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "Task",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "InputKey",
                table: "Task",
                type: "TEXT",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReusedTaskId",
                table: "Task",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TaskId",
                table: "CheckResult",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Task_ProjectName_VersionName_InputKey",
                table: "Task",
                columns: new[] { "ProjectName", "VersionName", "InputKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Task_ProjectName_VersionName_RevisionNumber",
                table: "Task",
                columns: new[] { "ProjectName", "VersionName", "RevisionNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_CheckResult_TaskId",
                table: "CheckResult",
                column: "TaskId");

            migrationBuilder.AddForeignKey(
                name: "FK_CheckResult_Task_TaskId",
                table: "CheckResult",
                column: "TaskId",
                principalTable: "Task",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CheckResult_Task_TaskId",
                table: "CheckResult");

            migrationBuilder.DropIndex(
                name: "IX_Task_ProjectName_VersionName_InputKey",
                table: "Task");

            migrationBuilder.DropIndex(
                name: "IX_Task_ProjectName_VersionName_RevisionNumber",
                table: "Task");

            migrationBuilder.DropIndex(
                name: "IX_CheckResult_TaskId",
                table: "CheckResult");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "Task");

            migrationBuilder.DropColumn(
                name: "InputKey",
                table: "Task");

            migrationBuilder.DropColumn(
                name: "ReusedTaskId",
                table: "Task");

            migrationBuilder.DropColumn(
                name: "TaskId",
                table: "CheckResult");

            migrationBuilder.CreateIndex(
                name: "IX_Task_ProjectName",
                table: "Task",
                column: "ProjectName");
        }
    }
}
