using Afpakken.Engine.Confiscation;
using Afpakken.Engine.Generation;
using Afpakken.Engine.Storage;

namespace Afpakken.Engine.Evaluation;

/// <summary>One principal of the truth against the ranking.</summary>
public sealed record PrincipalCheck(string PartyId, decimal Proceeds, int? Rank, decimal Estimated, decimal RelativeError);

/// <summary>How the candidate ranking compares with a generated world's truth.</summary>
/// <param name="FirstOtherRank">Rank of the first listed party that is not a principal (null: none).</param>
/// <param name="LookAlikes">Listed parties that are honest look-alikes: a high legal income, or a cash business or its director.</param>
public sealed record ConfiscationEvaluation(
    int Principals, int Listed, int Within10Percent, decimal MedianRelativeError, int? FirstOtherRank, IReadOnlyList<PrincipalCheck> Checks,
    IReadOnlyList<Candidate> LookAlikes);

/// <summary>
/// Judges a candidate list against the generator's truth (<c>truth/subjects</c>): are the criminal principals listed,
/// ranked first, and is their estimated benefit within 10 % of the proceeds planted for them; are honest look-alikes
/// (legal income ≥ <c>highIncome</c> a year, cash-intensive businesses and their directors) kept off the list.
/// </summary>
public static class ConfiscationEvaluator
{
    /// <param name="estimateUnlisted">
    /// The estimated benefit of a principal the list leaves out (below its thresholds): a principal still has an estimate
    /// of its own. Null counts an unlisted principal's estimate as 0.
    /// </param>
    public static async Task<ConfiscationEvaluation> EvaluateAsync(
        CandidateList list, GroundTruth truth, SqliteStore store, decimal highIncome, CancellationToken cancellationToken,
        Func<string, CancellationToken, Task<decimal>>? estimateUnlisted = null)
    {
        var ranked = list.Candidates.ToDictionary(c => c.SubjectId, StringComparer.Ordinal);
        var checks = new List<PrincipalCheck>();
        foreach (var s in truth.Subjects)
        {
            var c = ranked.GetValueOrDefault(s.PartyId);
            var estimated = c?.EstimatedBenefit ?? (estimateUnlisted is null ? 0m : await estimateUnlisted(s.PartyId, cancellationToken));
            checks.Add(new PrincipalCheck(s.PartyId, s.Proceeds, c?.Rank, estimated, s.Proceeds == 0 ? 0 : Math.Abs(estimated - s.Proceeds) / s.Proceeds));
        }

        checks = [.. checks.OrderBy(c => c.RelativeError)];
        var principals = truth.Subjects.Select(s => s.PartyId).ToHashSet(StringComparer.Ordinal);

        var lookAlike = (await new EntityStore(store).YearlyIncomeAsync(cancellationToken))
            .Where(kv => kv.Value >= highIncome).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var parties = new PartyQueries(store);
        var cashAccounts = await parties.AccountsOfRoleHintsAsync(["cash_intensive_business"], cancellationToken);
        var businesses = (await parties.HoldersAsync(cashAccounts, cancellationToken)).Values.Distinct(StringComparer.Ordinal).ToList();
        foreach (var business in await parties.PartiesAsync(businesses, cancellationToken))
        {
            lookAlike.Add(business.PartyId);
            lookAlike.UnionWith((business.Directors ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return new ConfiscationEvaluation(
            principals.Count,
            checks.Count(c => c.Rank is not null),
            checks.Count(c => c.RelativeError <= 0.10m),
            checks.Count == 0 ? 0 : checks[checks.Count / 2].RelativeError,
            list.Candidates.FirstOrDefault(c => !principals.Contains(c.SubjectId))?.Rank,
            checks,
            [.. list.Candidates.Where(c => !principals.Contains(c.SubjectId) && lookAlike.Contains(c.SubjectId))]);
    }
}
