using Afpakken.Engine.Contract;
using Afpakken.Engine.Storage;

namespace Afpakken.Engine.Confiscation;

/// <summary>Why a subject is taken to control what a party holds.</summary>
public static class ControlBasis
{
    public const string Own = "own";
    public const string CompanyDirected = "company_directed";
    public const string StrawManPaidAssets = "straw_man_paid_assets";
    public const string CompanyOfStrawMan = "company_of_straw_man";
}

/// <summary>A party whose holdings count for the subject, with the link, how sure it is, and the records that show it.</summary>
public sealed record ControlledParty(Party Party, string Basis, double Confidence, IReadOnlyList<string> Evidence);

/// <summary>An account of a controlled party.</summary>
public sealed record ControlledAccount(string Account, string Holder, string Basis, double Confidence);

/// <summary>
/// A subject and what it controls (issue 5, domain.md §2–4): its own accounts; companies it directs or is UBO of;
/// straw men — parties whose registered assets were paid from the subject's or its companies' accounts — and the
/// companies those straw men direct. Parties linked only by a shared address, phone or e-mail are listed as links
/// (with the reason) but their holdings are not counted without such evidence.
/// </summary>
public sealed record SubjectControl(Party Subject, IReadOnlyList<ControlledParty> Parties, IReadOnlyList<ControlledAccount> Accounts, IReadOnlyList<NetworkLink> Links)
{
    public IReadOnlySet<string> AccountIds { get; } = Accounts.Select(a => a.Account).ToHashSet(StringComparer.Ordinal);

    public ControlledParty? PartyOf(string partyId) => Parties.FirstOrDefault(p => p.Party.PartyId == partyId);

    public static async Task<SubjectControl> BuildAsync(PartyQueries parties, FlowFacts facts, ConfiscationOptions options, string subjectId, CancellationToken cancellationToken)
    {
        var network = await SubjectNetwork.BuildAsync(parties, subjectId, cancellationToken);
        var confidence = options.OwnershipConfidence;
        var controlled = new Dictionary<string, ControlledParty>(StringComparer.Ordinal)
        {
            [subjectId] = new(network.Subject, ControlBasis.Own, confidence.Own, [$"party {subjectId}"]),
        };

        foreach (var company in await parties.PartiesAsync(await facts.CompaniesDirectedByAsync(subjectId, cancellationToken), cancellationToken))
        {
            controlled.TryAdd(company.PartyId, new ControlledParty(company, ControlBasis.CompanyDirected, confidence.CompanyDirected,
                [$"{subjectId} is director/UBO of {company.PartyId} (parties record {company.PartyId})"]));
        }

        // Straw men: owners of assets paid from accounts of the subject or of the companies it directs.
        var payingAccounts = await AccountsOfAsync(parties, controlled.Keys, cancellationToken);
        var payments = await facts.AssetPaymentsFromAsync(payingAccounts.Keys, cancellationToken);
        var assets = (await parties.AssetsAsync(payments.Select(p => p.AssetId), cancellationToken)).ToDictionary(a => a.AssetId, StringComparer.Ordinal);
        foreach (var byOwner in payments.Where(p => assets.ContainsKey(p.AssetId)).GroupBy(p => assets[p.AssetId].Owner, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (controlled.ContainsKey(byOwner.Key) || await parties.PartyAsync(byOwner.Key, cancellationToken) is not { } owner)
            {
                continue;
            }

            var evidence = byOwner.Select(p => $"asset {p.AssetId} registered to {owner.PartyId} paid by tx {p.Payment.TxId} from {p.Payment.FromAccount} ({payingAccounts[p.Payment.FromAccount]})").ToList();
            controlled[owner.PartyId] = new ControlledParty(owner, ControlBasis.StrawManPaidAssets, confidence.StrawManPaidAssets, evidence);
        }

        foreach (var straw in controlled.Values.Where(c => c.Basis == ControlBasis.StrawManPaidAssets).ToList())
        {
            foreach (var company in await parties.PartiesAsync(await facts.CompaniesDirectedByAsync(straw.Party.PartyId, cancellationToken), cancellationToken))
            {
                controlled.TryAdd(company.PartyId, new ControlledParty(company, ControlBasis.CompanyOfStrawMan, confidence.CompanyOfStrawMan,
                    [$"straw man {straw.Party.PartyId} is director/UBO of {company.PartyId}"]));
            }
        }

        var ordered = controlled.Values.OrderByDescending(c => c.Confidence).ThenBy(c => c.Party.PartyId, StringComparer.Ordinal).ToList();
        var accounts = new List<ControlledAccount>();
        foreach (var party in ordered)
        {
            foreach (var account in await parties.AccountsOfAsync(party.Party.PartyId, cancellationToken))
            {
                accounts.Add(new ControlledAccount(account, party.Party.PartyId, party.Basis, party.Confidence));
            }
        }

        return new SubjectControl(network.Subject, ordered, accounts, network.Links);
    }

    private static async Task<Dictionary<string, string>> AccountsOfAsync(PartyQueries parties, IEnumerable<string> partyIds, CancellationToken cancellationToken)
    {
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var party in partyIds.ToList())
        {
            foreach (var account in await parties.AccountsOfAsync(party, cancellationToken))
            {
                accounts[account] = party;
            }
        }

        return accounts;
    }
}
