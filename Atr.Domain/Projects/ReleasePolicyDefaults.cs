namespace Atr.Domain.Projects;

/// <summary>The values a project gets for every release policy field it leaves empty.</summary>
public static class ReleasePolicyDefaults
{
    public const int MinHours = 72;

    /// <summary>
    /// Vote mail. Placeholders: [COMMITTEE], [PROJECT], [VERSION], [REVIEW_URL], [KEYS_FILE], [DURATION],
    /// [RELEASE_CHECKLIST], [YOUR_FULL_NAME], [YOUR_ASF_ID].
    /// </summary>
    public const string StartVoteTemplate =
        """
        Hello [COMMITTEE],

        I would like to call a vote on releasing the following artifacts as
        Apache [PROJECT] [VERSION].

        The release candidate, its files and the results of Atr's checks are at:
        [REVIEW_URL]

        The artifacts are signed with keys from:
        [KEYS_FILE]

        Please vote:

        [ ] +1 Release this package
        [ ] +0 Abstain
        [ ] -1 Do not release this package (please give specific reasons)

        You may vote in Atr or by replying to this message.
        The vote will be open for at least [DURATION] hours.

        [RELEASE_CHECKLIST]

        Thanks,
        [YOUR_FULL_NAME] ([YOUR_ASF_ID])
        """;

    /// <summary>Announcement mail. Placeholders: [COMMITTEE], [PROJECT], [VERSION], [DOWNLOAD_URL], [YOUR_FULL_NAME], [YOUR_ASF_ID].</summary>
    public const string AnnounceReleaseTemplate =
        """
        The Apache [COMMITTEE] team is pleased to announce the release of
        [PROJECT] [VERSION].

        This release is ready for production use. It can be downloaded from:
        [DOWNLOAD_URL]

        On behalf of the [COMMITTEE] team,
        [YOUR_FULL_NAME] ([YOUR_ASF_ID])
        """;

    /// <summary>The placeholders a vote template may use.</summary>
    public static readonly IReadOnlyList<string> StartVotePlaceholders =
    [
        "[COMMITTEE]", "[DURATION]", "[KEYS_FILE]", "[PROJECT]", "[RELEASE_CHECKLIST]", "[REVIEW_URL]", "[VERSION]",
        "[YOUR_ASF_ID]", "[YOUR_FULL_NAME]",
    ];

    /// <summary>The placeholders an announcement template may use.</summary>
    public static readonly IReadOnlyList<string> AnnouncePlaceholders =
    [
        "[COMMITTEE]", "[DOWNLOAD_URL]", "[PROJECT]", "[VERSION]", "[YOUR_ASF_ID]", "[YOUR_FULL_NAME]",
    ];

    /// <summary>The dev and private lists of the committee (of the project itself when it has no committee).</summary>
    public static IReadOnlyList<string> MailtoAddresses(string committeeOrProjectName) =>
    [
        $"dev@{committeeOrProjectName}.apache.org",
        $"private@{committeeOrProjectName}.apache.org",
    ];
}
