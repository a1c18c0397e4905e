using Afpakken.Engine.Contract;
using Afpakken.Engine.Storage;

namespace Afpakken.Engine.Confiscation;

/// <summary>Why a party belongs to a subject's network, with the shared value or record as evidence.</summary>
public sealed record NetworkLink(Party Party, IReadOnlyList<string> Reasons);

/// <summary>
/// A subject (person or company) and the parties around it that may hold its assets: straw men and front companies
/// linked by a shared address, phone or e-mail, or by a directorship / UBO in either direction (domain.md §2–3).
/// Every link says why. Links through payments for assets come from the straw-man alerts of the detection.
/// </summary>
public sealed record SubjectNetwork(Party Subject, IReadOnlyList<string> Accounts, IReadOnlyList<NetworkLink> Links)
{
    public static async Task<SubjectNetwork> BuildAsync(PartyQueries parties, string subjectId, CancellationToken cancellationToken)
    {
        var subject = await parties.PartyAsync(subjectId, cancellationToken)
            ?? throw new InvalidInputException(subjectId, "no such party in the store (load the parties file first)");
        var links = new List<NetworkLink>();
        foreach (var party in await parties.LinkedAsync(subject, cancellationToken))
        {
            links.Add(new NetworkLink(party, Reasons(subject, party)));
        }

        return new SubjectNetwork(subject, await parties.AccountsOfAsync(subjectId, cancellationToken), links);
    }

    private static List<string> Reasons(Party subject, Party other)
    {
        var reasons = new List<string>();
        if (Same(subject.Address, other.Address))
        {
            reasons.Add($"shares address '{other.Address}'");
        }

        if (Same(subject.Phone, other.Phone))
        {
            reasons.Add($"shares phone '{other.Phone}'");
        }

        if (Same(subject.Email, other.Email))
        {
            reasons.Add($"shares e-mail '{other.Email}'");
        }

        if (Ids(other.Directors).Contains(subject.PartyId))
        {
            reasons.Add($"{subject.PartyId} is director/UBO of {other.PartyId}");
        }

        if (Ids(subject.Directors).Contains(other.PartyId))
        {
            reasons.Add($"{other.PartyId} is director/UBO of {subject.PartyId}");
        }

        return reasons;
    }

    /// <summary>Whether two parties were registered with the same phone number or e-mail address.</summary>
    public static bool SharesContact(Party a, Party b) => Same(a.Phone, b.Phone) || Same(a.Email, b.Email);

    /// <summary>Both parties give the same non-empty address.</summary>
    public static bool SharesAddress(Party a, Party b) => Same(a.Address, b.Address);

    private static bool Same(string? a, string? b) => !string.IsNullOrWhiteSpace(a) && string.Equals(a, b, StringComparison.Ordinal);

    private static string[] Ids(string? list) => (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
