using System.Globalization;
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
    public const string HerdedMule = "mule_registered_with_subject_contact";
}

/// <summary>A party whose holdings count for the subject, with the link, how sure it is, and the records that show it.</summary>
public sealed record ControlledParty(Party Party, string Basis, double Confidence, IReadOnlyList<string> Evidence);

/// <summary>An account of a controlled party.</summary>
public sealed record ControlledAccount(string Account, string Holder, string Basis, double Confidence);

/// <summary>
/// A subject and what it controls (issue 5, domain.md §2–4): its own accounts; companies it directs or is UBO of;
/// straw men — parties whose registered assets were paid from the subject's or its companies' accounts — and the
/// companies those straw men direct; and money mules — persons registered with the subject's own phone or e-mail whose
/// account is the hub of a pass-through alert, when the subject runs no such account itself (the herder's contact
/// details on the mule's account; a mule sharing a herder with other mules does not run them). Parties linked only by
/// a shared address, phone or e-mail are listed as links (with the reason) but their holdings are not counted without
/// such evidence.
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

        await AddHerdedMulesAsync(controlled, network, parties, facts, options, cancellationToken);

        foreach (var straw in controlled.Values.Where(c => c.Basis == ControlBasis.StrawManPaidAssets).ToList())
        {
            foreach (var company in await parties.PartiesAsync(await facts.CompaniesDirectedByAsync(straw.Party.PartyId, cancellationToken), cancellationToken))
            {
                controlled.TryAdd(company.PartyId, new ControlledParty(company, ControlBasis.CompanyOfStrawMan, confidence.CompanyOfStrawMan,
                    [$"straw man {straw.Party.PartyId} is director/UBO of {company.PartyId}"]));
            }
        }

        foreach (var id in controlled.Keys.ToList())
        {
            var party = controlled[id];
            if (party.Basis != ControlBasis.Own)
            {
                controlled[id] = party with { Evidence = [.. party.Evidence, .. await IndicatorsAsync(party, network.Subject, parties, facts, cancellationToken)] };
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

    /// <summary>
    /// Persons registered with the subject's phone or e-mail whose account is the focus of a pass-through alert
    /// (<see cref="AttributionSettings.Herded"/>), unless the subject's own accounts are such a focus too.
    /// </summary>
    private static async Task AddHerdedMulesAsync(
        Dictionary<string, ControlledParty> controlled, SubjectNetwork network, PartyQueries parties, FlowFacts facts, ConfiscationOptions options,
        CancellationToken cancellationToken)
    {
        var herded = options.Attribution.Herded;
        var candidates = network.Links
            .Where(l => l.Party.Kind != "company" && !controlled.ContainsKey(l.Party.PartyId) && SubjectNetwork.SharesContact(network.Subject, l.Party))
            .ToList();
        if (herded.Count == 0 || candidates.Count == 0 || network.Subject.Kind == "company")
        {
            return;
        }

        if ((await HubAlertsAsync(network.Accounts, facts, herded, cancellationToken)).Count > 0)
        {
            return;
        }

        foreach (var link in candidates.OrderBy(l => l.Party.PartyId, StringComparer.Ordinal))
        {
            var accounts = await parties.AccountsOfAsync(link.Party.PartyId, cancellationToken);
            var hubs = await HubAlertsAsync(accounts, facts, herded, cancellationToken);
            if (hubs.Count == 0)
            {
                continue;
            }

            controlled[link.Party.PartyId] = new ControlledParty(link.Party, ControlBasis.HerdedMule, options.OwnershipConfidence.HerdedMule,
            [
                $"{link.Party.PartyId} is registered with the subject's contact details ({string.Join(", ", link.Reasons)})",
                .. hubs.Select(a => $"its account {a.FocusAccount} is the focus of {a.Typology} alert {a.AlertId} ({a.TxIds.Count} tx)"),
            ]);
        }
    }

    private static async Task<IReadOnlyList<Detection.Alert>> HubAlertsAsync(
        IReadOnlyList<string> accounts, FlowFacts facts, IReadOnlyList<string> herded, CancellationToken cancellationToken)
    {
        if (accounts.Count == 0)
        {
            return [];
        }

        var own = accounts.ToHashSet(StringComparer.Ordinal);
        return [.. (await facts.AlertsTouchingAsync(accounts, cancellationToken))
            .Select(a => a.Alert)
            .Where(a => own.Contains(a.FocusAccount) && herded.Contains(a.Typology, StringComparer.Ordinal))
            .OrderBy(a => a.AlertId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Straw-man and front-company indicators of domain.md §3 for a controlled party, as readable evidence: for a person
    /// the assets, vehicles, directorships and accounts it holds against its legal income; for a company who directs
    /// it and whether it sits at the subject's address.
    /// </summary>
    private static async Task<IReadOnlyList<string>> IndicatorsAsync(
        ControlledParty controlled, Party subject, PartyQueries parties, FlowFacts facts, CancellationToken cancellationToken)
    {
        var party = controlled.Party;
        var indicators = new List<string>();
        if (party.Kind == "company")
        {
            var directors = await facts.DirectorsOfAsync(party.PartyId, cancellationToken);
            if (directors.Count > 0)
            {
                indicators.Add($"indicator: directed by {string.Join(", ", directors)}");
            }

            if (SubjectNetwork.SharesAddress(party, subject))
            {
                indicators.Add($"indicator: registered at the subject's address '{party.Address}'");
            }

            return indicators;
        }

        var assets = await parties.AssetsOfAsync(party.PartyId, cancellationToken);
        var income = await parties.IncomeOfAsync(party.PartyId, cancellationToken);
        var yearly = income.GroupBy(i => i.Year).Select(g => g.Sum(i => i.Amount)).DefaultIfEmpty(0m).Max();
        var worth = assets.Sum(a => a.AcquisitionPrice);
        var vehicles = assets.Count(a => a.Kind is "vehicle" or "vessel");
        var companies = (await facts.CompaniesDirectedByAsync(party.PartyId, cancellationToken)).Count;
        var accounts = (await parties.AccountsOfAsync(party.PartyId, cancellationToken)).Count;
        indicators.Add(string.Create(CultureInfo.InvariantCulture,
            $"indicator: holds {assets.Count} asset(s) bought for {worth:N2} ({vehicles} vehicle(s)/vessel(s)), directs {companies} company/companies, holds {accounts} account(s); highest legal income {yearly:N2} a year") +
            (yearly > 0 && worth > 5 * yearly ? string.Create(CultureInfo.InvariantCulture, $" — assets {worth / yearly:0.#}× legal income") : ""));
        if (SubjectNetwork.SharesAddress(party, subject))
        {
            indicators.Add($"indicator: lives at the subject's address '{party.Address}'");
        }

        if (SubjectNetwork.SharesContact(party, subject))
        {
            indicators.Add("indicator: registered with the subject's phone or e-mail");
        }

        return indicators;
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
