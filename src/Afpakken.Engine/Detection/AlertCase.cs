namespace Afpakken.Engine.Detection;

/// <summary>
/// A case-sized unit for an analyst: the alerts that describe one operation, grouped because they share
/// transactions, or share accounts within overlapping periods.
/// </summary>
public sealed record AlertCase(
    string CaseId, IReadOnlyList<string> AlertIds, IReadOnlyList<string> Typologies, IReadOnlyList<string> Accounts,
    decimal TotalAmount, DateTime FirstAt, DateTime LastAt, double Score);

/// <summary>An account (or party) that takes part in several independent cases: a facilitator candidate.</summary>
public sealed record Facilitator(string Account, int Cases, IReadOnlyList<string> CaseIds, IReadOnlyList<string> Typologies, double Score);
