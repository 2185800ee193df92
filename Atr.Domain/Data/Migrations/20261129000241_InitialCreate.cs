using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Atr.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <summary>The view every release query reads; it adds LatestRevisionNumber to the Release table's columns.</summary>
        internal const string ReleaseWithLatestRevisionView =
            """
            CREATE VIEW "ReleaseWithLatestRevision" AS
            SELECT "r".*,
                   (SELECT "v"."Number" FROM "Revision" AS "v"
                    WHERE "v"."ReleaseName" = "r"."Name"
                    ORDER BY "v"."Seq" DESC
                    LIMIT 1) AS "LatestRevisionNumber"
            FROM "Release" AS "r";
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEvent",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Occurred = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    EntityKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvent", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CheckResultIgnore",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AsfUid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CommitteeName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReleaseGlob = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    RevisionNumber = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    CheckerGlob = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    PrimaryRelPathGlob = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    MemberRelPathGlob = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    MessageGlob = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckResultIgnore", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Committee",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IsPodling = table.Column<bool>(type: "INTEGER", nullable: false),
                    ParentCommitteeName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CommitteeMembers = table.Column<string>(type: "TEXT", nullable: false),
                    Committers = table.Column<string>(type: "TEXT", nullable: false),
                    ReleaseManagers = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Committee", x => x.Name);
                    table.ForeignKey(
                        name: "FK_Committee_Committee_ParentCommitteeName",
                        column: x => x.ParentCommitteeName,
                        principalTable: "Committee",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonalAccessToken",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AsfUid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Expires = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastUsed = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalAccessToken", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublicSigningKey",
                columns: table => new
                {
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Algorithm = table.Column<int>(type: "INTEGER", nullable: false),
                    Length = table.Column<int>(type: "INTEGER", nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LatestSelfSignature = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Expires = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PrimaryDeclaredUid = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SecondaryDeclaredUids = table.Column<string>(type: "TEXT", nullable: false),
                    ApacheUid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AsciiArmoredKey = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicSigningKey", x => x.Fingerprint);
                });

            migrationBuilder.CreateTable(
                name: "ReleasePolicy",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MailtoAddresses = table.Column<string>(type: "TEXT", nullable: false),
                    ManualVote = table.Column<bool>(type: "INTEGER", nullable: false),
                    MinHours = table.Column<int>(type: "INTEGER", nullable: true),
                    ReleaseChecklist = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    PauseForRm = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartVoteTemplate = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    AnnounceReleaseTemplate = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    BinaryArtifactPaths = table.Column<string>(type: "TEXT", nullable: false),
                    SourceArtifactPaths = table.Column<string>(type: "TEXT", nullable: false),
                    StrictChecking = table.Column<bool>(type: "INTEGER", nullable: false),
                    GithubRepositoryName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    GithubComposeWorkflowPath = table.Column<string>(type: "TEXT", nullable: false),
                    GithubVoteWorkflowPath = table.Column<string>(type: "TEXT", nullable: false),
                    GithubFinishWorkflowPath = table.Column<string>(type: "TEXT", nullable: false),
                    PreserveDownloadFiles = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReleasePolicy", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "KeyLink",
                columns: table => new
                {
                    CommitteeName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    KeyFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyLink", x => new { x.CommitteeName, x.KeyFingerprint });
                    table.ForeignKey(
                        name: "FK_KeyLink_Committee_CommitteeName",
                        column: x => x.CommitteeName,
                        principalTable: "Committee",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_KeyLink_PublicSigningKey_KeyFingerprint",
                        column: x => x.KeyFingerprint,
                        principalTable: "PublicSigningKey",
                        principalColumn: "Fingerprint",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Project",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SuperProjectName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ProgrammingLanguages = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CommitteeName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReleasePolicyId = table.Column<int>(type: "INTEGER", nullable: true),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Project", x => x.Name);
                    table.ForeignKey(
                        name: "FK_Project_Committee_CommitteeName",
                        column: x => x.CommitteeName,
                        principalTable: "Committee",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Project_Project_SuperProjectName",
                        column: x => x.SuperProjectName,
                        principalTable: "Project",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Project_ReleasePolicy_ReleasePolicyId",
                        column: x => x.ReleasePolicyId,
                        principalTable: "ReleasePolicy",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Release",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 165, nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Released = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ProjectName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VoteManual = table.Column<bool>(type: "INTEGER", nullable: false),
                    VoteStarted = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VoteResolved = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PodlingThreadId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Release", x => x.Name);
                    table.ForeignKey(
                        name: "FK_Release_Project_ProjectName",
                        column: x => x.ProjectName,
                        principalTable: "Project",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Task",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TaskType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TaskArgs = table.Column<string>(type: "TEXT", nullable: false),
                    AsfUid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Added = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Started = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Completed = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Pid = table.Column<int>(type: "INTEGER", nullable: true),
                    Result = table.Column<string>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ProjectName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    VersionName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RevisionNumber = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    PrimaryRelPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Task", x => x.Id);
                    table.CheckConstraint("CK_Task_Status", "(\"Status\" = 'Queued') OR (\"Status\" = 'Active' AND \"Started\" IS NOT NULL AND \"Pid\" IS NOT NULL) OR (\"Status\" = 'Completed' AND \"Completed\" IS NOT NULL AND \"Result\" IS NOT NULL) OR (\"Status\" = 'Failed' AND \"Completed\" IS NOT NULL AND \"Error\" IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_Task_Project_ProjectName",
                        column: x => x.ProjectName,
                        principalTable: "Project",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CheckResult",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReleaseName = table.Column<string>(type: "TEXT", maxLength: 165, nullable: false),
                    RevisionNumber = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    Checker = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PrimaryRelPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    MemberRelPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckResult", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckResult_Release_ReleaseName",
                        column: x => x.ReleaseName,
                        principalTable: "Release",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Distribution",
                columns: table => new
                {
                    ReleaseName = table.Column<string>(type: "TEXT", maxLength: 165, nullable: false),
                    Platform = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OwnerNamespace = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Package = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Staging = table.Column<bool>(type: "INTEGER", nullable: false),
                    UploadDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApiUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    WebUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Distribution", x => new { x.ReleaseName, x.Platform, x.OwnerNamespace, x.Package, x.Version });
                    table.ForeignKey(
                        name: "FK_Distribution_Release_ReleaseName",
                        column: x => x.ReleaseName,
                        principalTable: "Release",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Revision",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 171, nullable: false),
                    ReleaseName = table.Column<string>(type: "TEXT", maxLength: 165, nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    AsfUid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ParentName = table.Column<string>(type: "TEXT", maxLength: 171, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Revision", x => x.Name);
                    table.ForeignKey(
                        name: "FK_Revision_Release_ReleaseName",
                        column: x => x.ReleaseName,
                        principalTable: "Release",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Revision_Revision_ParentName",
                        column: x => x.ParentName,
                        principalTable: "Revision",
                        principalColumn: "Name");
                });

            migrationBuilder.CreateTable(
                name: "RevisionFile",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RevisionName = table.Column<string>(type: "TEXT", maxLength: 171, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Sha512 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RevisionFile", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RevisionFile_Revision_RevisionName",
                        column: x => x.RevisionName,
                        principalTable: "Revision",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvent_EntityType_EntityKey",
                table: "AuditEvent",
                columns: new[] { "EntityType", "EntityKey" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvent_Occurred",
                table: "AuditEvent",
                column: "Occurred");

            migrationBuilder.CreateIndex(
                name: "IX_CheckResult_MemberRelPath",
                table: "CheckResult",
                column: "MemberRelPath");

            migrationBuilder.CreateIndex(
                name: "IX_CheckResult_PrimaryRelPath",
                table: "CheckResult",
                column: "PrimaryRelPath");

            migrationBuilder.CreateIndex(
                name: "IX_CheckResult_ReleaseName_RevisionNumber",
                table: "CheckResult",
                columns: new[] { "ReleaseName", "RevisionNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_CheckResult_RevisionNumber",
                table: "CheckResult",
                column: "RevisionNumber");

            migrationBuilder.CreateIndex(
                name: "IX_CheckResultIgnore_CommitteeName",
                table: "CheckResultIgnore",
                column: "CommitteeName");

            migrationBuilder.CreateIndex(
                name: "IX_Committee_ParentCommitteeName",
                table: "Committee",
                column: "ParentCommitteeName");

            migrationBuilder.CreateIndex(
                name: "IX_KeyLink_KeyFingerprint",
                table: "KeyLink",
                column: "KeyFingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalAccessToken_AsfUid",
                table: "PersonalAccessToken",
                column: "AsfUid");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalAccessToken_TokenHash",
                table: "PersonalAccessToken",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Project_CommitteeName",
                table: "Project",
                column: "CommitteeName");

            migrationBuilder.CreateIndex(
                name: "IX_Project_ReleasePolicyId",
                table: "Project",
                column: "ReleasePolicyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Project_SuperProjectName",
                table: "Project",
                column: "SuperProjectName");

            migrationBuilder.CreateIndex(
                name: "IX_PublicSigningKey_ApacheUid",
                table: "PublicSigningKey",
                column: "ApacheUid");

            migrationBuilder.CreateIndex(
                name: "IX_Release_Phase",
                table: "Release",
                column: "Phase");

            migrationBuilder.CreateIndex(
                name: "IX_Release_ProjectName_Version",
                table: "Release",
                columns: new[] { "ProjectName", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Revision_ParentName",
                table: "Revision",
                column: "ParentName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Revision_ReleaseName_Number",
                table: "Revision",
                columns: new[] { "ReleaseName", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Revision_ReleaseName_Seq",
                table: "Revision",
                columns: new[] { "ReleaseName", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RevisionFile_RevisionName_Path",
                table: "RevisionFile",
                columns: new[] { "RevisionName", "Path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RevisionFile_Sha256",
                table: "RevisionFile",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_Task_Added",
                table: "Task",
                column: "Added");

            migrationBuilder.CreateIndex(
                name: "IX_Task_PrimaryRelPath",
                table: "Task",
                column: "PrimaryRelPath");

            migrationBuilder.CreateIndex(
                name: "IX_Task_ProjectName",
                table: "Task",
                column: "ProjectName");

            migrationBuilder.CreateIndex(
                name: "IX_Task_RevisionNumber",
                table: "Task",
                column: "RevisionNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Task_Status",
                table: "Task",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Task_Status_Added",
                table: "Task",
                columns: new[] { "Status", "Added" });

            migrationBuilder.CreateIndex(
                name: "IX_Task_VersionName",
                table: "Task",
                column: "VersionName");

            // Releases are read through this view: LatestRevisionNumber is a correlated subquery, computed at query
            // time (see ReleaseConfiguration). A later migration that rebuilds the Release table must drop the view
            // first and create it again afterwards, or SQLite refuses the rename.
            migrationBuilder.Sql(ReleaseWithLatestRevisionView);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW \"ReleaseWithLatestRevision\";");

            migrationBuilder.DropTable(
                name: "AuditEvent");

            migrationBuilder.DropTable(
                name: "CheckResult");

            migrationBuilder.DropTable(
                name: "CheckResultIgnore");

            migrationBuilder.DropTable(
                name: "Distribution");

            migrationBuilder.DropTable(
                name: "KeyLink");

            migrationBuilder.DropTable(
                name: "PersonalAccessToken");

            migrationBuilder.DropTable(
                name: "RevisionFile");

            migrationBuilder.DropTable(
                name: "Task");

            migrationBuilder.DropTable(
                name: "PublicSigningKey");

            migrationBuilder.DropTable(
                name: "Revision");

            migrationBuilder.DropTable(
                name: "Release");

            migrationBuilder.DropTable(
                name: "Project");

            migrationBuilder.DropTable(
                name: "Committee");

            migrationBuilder.DropTable(
                name: "ReleasePolicy");
        }
    }
}
