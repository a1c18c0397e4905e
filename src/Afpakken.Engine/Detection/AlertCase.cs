namespace Afpakken.Engine.Detection;

/// <summary>
/// A case-sized unit for an analyst: the alerts that describe one operation, grouped because they share
/// transactions, or share accounts within overlapping periods.
/// </summary>
public sealed record AlertCase(
    string CaseId, IReadOnlyList<string> AlertIds, IReadOnlyList<string> Typologies, IReadOnlyList<string> Accounts,
    decimal TotalAmount, DateTime FirstAt, DateTime LastAt, double Score);

/// <summary>An account (or party) that takes part in several independent cases: a facilitator candidate.</summary>
/// <param name="Cases">Independent cases the account is part of or trades with directly.</param>
public sealed record Facilitator(string Account, int Cases, IReadOnlyList<string> CaseIds, IReadOnlyList<string> Typologies, double Score)
{
    /// <summary>
    /// <see cref="FacilitatorRoles.Member"/> (in several cases), <see cref="FacilitatorRoles.Broker"/> (trades with
    /// several otherwise separate cases, far more than its number of counterparties explains) or
    /// <see cref="FacilitatorRoles.Gatekeeper"/> (a notary, exchange or money-transfer account serving many flagged clients).
    /// </summary>
    public string Role { get; init; } = FacilitatorRoles.Member;

    /// <summary>Betweenness among the flagged structures, scaled to [0, 1] by the run's highest: how much this account bridges.</summary>
    public double Brokerage { get; init; }

    /// <summary>Distinct counterparties that some alert names, and all distinct counterparties.</summary>
    public int FlaggedCounterparties { get; init; }

    public int Counterparties { get; init; }

    /// <summary>The account holder (party id), when the accounts file was loaded.</summary>
    public string? Party { get; init; }
}

/// <summary>How an account serves several operations.</summary>
public static class FacilitatorRoles
{
    public const string Member = "member";
    public const string Broker = "broker";
    public const string Gatekeeper = "gatekeeper";
}
