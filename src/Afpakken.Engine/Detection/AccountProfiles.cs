namespace Afpakken.Engine.Detection;

/// <summary>
/// What the accounts and parties files say about each account: its kind and its holder's sector code (SBI), for the
/// detectors that compare an account with its peers (the cash-intensive front). Empty when no entity files were
/// loaded; those detectors then compare an account with every account.
/// </summary>
public sealed record AccountProfiles(IReadOnlyDictionary<string, (string Kind, string? Sector)> ByAccount)
{
    public const string BusinessKind = "business";

    public static AccountProfiles None { get; } = new(new Dictionary<string, (string Kind, string? Sector)>());

    public bool Known => ByAccount.Count > 0;
}
