using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Atr.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccessAndAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "Revoked",
                table: "PersonalAccessToken",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CommitteeName",
                table: "AuditEvent",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "UserAccount",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    FirstSeen = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeen = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserAccount", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvent_Actor",
                table: "AuditEvent",
                column: "Actor");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvent_CommitteeName",
                table: "AuditEvent",
                column: "CommitteeName");

            migrationBuilder.CreateIndex(
                name: "IX_UserAccount_Email",
                table: "UserAccount",
                column: "Email");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UserAccount");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvent_Actor",
                table: "AuditEvent");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvent_CommitteeName",
                table: "AuditEvent");

            migrationBuilder.DropColumn(
                name: "Revoked",
                table: "PersonalAccessToken");

            migrationBuilder.DropColumn(
                name: "CommitteeName",
                table: "AuditEvent");
        }
    }
}
