namespace Afpakken.Engine.Detection;

/// <summary>
/// One explained flag: which typology fired, on which accounts and transactions, and a sentence a person can read.
/// </summary>
/// <param name="AlertId">Stable id: the same operation found again gets the same id, so re-runs do not duplicate.</param>
/// <param name="Score">Triage signal in [0, 1], comparable across alerts; never a decision.</param>
/// <param name="FocusAccount">The account the structure centres on (the funnel or the fan-out source).</param>
public sealed record Alert(
    string AlertId,
    string Typology,
    string Detector,
    double Score,
    string FocusAccount,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> TxIds,
    decimal TotalAmount,
    DateTime FirstAt,
    DateTime LastAt,
    string Explanation);
