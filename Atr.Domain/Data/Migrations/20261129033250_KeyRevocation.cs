using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Atr.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeyRevocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Curve",
                table: "PublicSigningKey",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Revoked",
                table: "PublicSigningKey",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Curve",
                table: "PublicSigningKey");

            migrationBuilder.DropColumn(
                name: "Revoked",
                table: "PublicSigningKey");
        }
    }
}
