namespace Afpakken.Engine.Detection;

/// <summary>An asset with the transactions that paid for it (from the assets file).</summary>
public sealed record PaidAsset(string AssetId, string Kind, string Owner, decimal Price, IReadOnlyList<string> PaidFromTxIds);

/// <summary>
/// What the straw-man detector needs beyond the transactions: who holds which account, what assets were paid from
/// which transactions, and each party's highest yearly legal income. Empty when no entity files were loaded.
/// </summary>
public sealed record StrawManEvidence(
    IReadOnlyList<PaidAsset> Assets, IReadOnlyDictionary<string, string> AccountHolders, IReadOnlyDictionary<string, decimal> YearlyIncome)
{
    public static StrawManEvidence None { get; } = new([], new Dictionary<string, string>(), new Dictionary<string, decimal>());
}
