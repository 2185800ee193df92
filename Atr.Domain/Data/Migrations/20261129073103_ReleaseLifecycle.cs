using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Atr.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReleaseLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DownloadFolder",
                table: "Release",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Votes",
                table: "Release",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "OutboundMessage",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReleaseName = table.Column<string>(type: "TEXT", maxLength: 165, nullable: true),
                    FromName = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    FromAddress = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    ReplyTo = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Recipients = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    InReplyTo = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    References = table.Column<string>(type: "TEXT", nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttempt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Sent = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboundMessage", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Publication",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReleaseName = table.Column<string>(type: "TEXT", maxLength: 165, nullable: false),
                    RevisionNumber = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    DownloadFolder = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    MailingList = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    RequestedByEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Requested = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Completed = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Publication", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Publication_Release_ReleaseName",
                        column: x => x.ReleaseName,
                        principalTable: "Release",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoteRound",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReleaseName = table.Column<string>(type: "TEXT", maxLength: 165, nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    RevisionNumber = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    BindingCommittee = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MailingList = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    DurationHours = table.Column<int>(type: "INTEGER", nullable: false),
                    Manual = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Started = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Ends = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Resolved = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    VoteThreadUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ResultThreadUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteRound", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteRound_Release_ReleaseName",
                        column: x => x.ReleaseName,
                        principalTable: "Release",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Vote",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Voter = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VoterName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Binding = table.Column<bool>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    Cast = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Replaced = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vote", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Vote_VoteRound_RoundId",
                        column: x => x.RoundId,
                        principalTable: "VoteRound",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessage_MessageId",
                table: "OutboundMessage",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessage_ReleaseName",
                table: "OutboundMessage",
                column: "ReleaseName");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessage_Status_NextAttempt",
                table: "OutboundMessage",
                columns: new[] { "Status", "NextAttempt" });

            migrationBuilder.CreateIndex(
                name: "IX_Publication_DownloadFolder",
                table: "Publication",
                column: "DownloadFolder",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Publication_ReleaseName",
                table: "Publication",
                column: "ReleaseName");

            migrationBuilder.CreateIndex(
                name: "IX_Vote_RoundId_Voter",
                table: "Vote",
                columns: new[] { "RoundId", "Voter" });

            migrationBuilder.CreateIndex(
                name: "IX_VoteRound_ReleaseName",
                table: "VoteRound",
                column: "ReleaseName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutboundMessage");

            migrationBuilder.DropTable(
                name: "Publication");

            migrationBuilder.DropTable(
                name: "Vote");

            migrationBuilder.DropTable(
                name: "VoteRound");

            migrationBuilder.DropColumn(
                name: "DownloadFolder",
                table: "Release");

            migrationBuilder.DropColumn(
                name: "Votes",
                table: "Release");
        }
    }
}
