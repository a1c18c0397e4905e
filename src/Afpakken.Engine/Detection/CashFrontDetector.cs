using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Cash-intensive front company: a business account whose cash deposits are a share of its credits more than twice
/// its sector's median (sector from the holder in the parties file; without entity files, compared with all
/// accounts), material in amount, and steady — criminal cash banked as takings has no season (domain.md §3).
/// Legal cash businesses are measured against their own sector, so a snack bar is not flagged for being a snack bar.
/// </summary>
public sealed class CashFrontDetector(CashFrontOptions options, AccountProfiles profiles) : IDetector
{
    private const string AllBusinesses = "";

    public string Typology => Typologies.CashFront;

    public IReadOnlyList<Alert> Detect(FlowGraph graph)
    {
        if (graph.CashAccount < 0)
        {
            return [];
        }

        var n = graph.AccountCount;
        var sector = new string?[n];
        var peer = new bool[n];
        var cash = new long[n];
        var credits = new long[n];
        for (var a = 0; a < n; a++)
        {
            if (a == graph.CashAccount || graph.Gatekeeper(a))
            {
                continue;
            }

            if (profiles.Known)
            {
                if (!profiles.ByAccount.TryGetValue(graph.Accounts[a], out var profile) || profile.Kind != AccountProfiles.BusinessKind)
                {
                    continue;
                }

                sector[a] = profile.Sector;
            }

            foreach (var e in graph.IncomingOf(a))
            {
                credits[a] += graph.Cents[e];
                cash[a] += graph.Source[e] == graph.CashAccount ? graph.Cents[e] : 0;
            }

            peer[a] = credits[a] > 0;
        }

        var medians = SectorMedians(n, peer, sector, cash, credits);
        var minCash = FlowGraphBuilder.ToCents(options.MinCash);
        var alerts = new List<Alert>();
        for (var a = 0; a < n; a++)
        {
            if (!peer[a] || cash[a] < minCash)
            {
                continue;
            }

            var share = (double)cash[a] / credits[a];
            var (group, median) = PeerMedian(medians, sector[a]);
            if (share < options.MinCashShare || share <= options.SectorFactor * median)
            {
                continue;
            }

            if (Alert(graph, a, share, group, median) is { } alert)
            {
                alerts.Add(alert);
            }
        }

        return alerts;
    }

    /// <summary>
    /// The median of the account's sector (SBI code), else of its division (the code's first two digits: 5610
    /// restaurants and 5630 bars are both 56, food and drink), else of all peers, whichever first has enough accounts.
    /// </summary>
    private static (string Group, double Median) PeerMedian(Dictionary<string, double> medians, string? sector) =>
        sector is null ? (AllBusinesses, medians[AllBusinesses])
        : medians.TryGetValue(sector, out var m) ? (sector, m)
        : sector.Length > 2 && medians.TryGetValue(Division(sector), out var d) ? (Division(sector), d)
        : (AllBusinesses, medians[AllBusinesses]);

    private static string Division(string sector) => sector[..2] + "*";

    /// <summary>Median cash share per sector and per division with enough peers, and over all peers under the empty key.</summary>
    private Dictionary<string, double> SectorMedians(int n, bool[] peer, string?[] sector, long[] cash, long[] credits)
    {
        var shares = new Dictionary<string, List<double>>(StringComparer.Ordinal) { [AllBusinesses] = [] };
        for (var a = 0; a < n; a++)
        {
            if (!peer[a])
            {
                continue;
            }

            var share = (double)cash[a] / credits[a];
            shares[AllBusinesses].Add(share);
            if (sector[a] is { } s)
            {
                (shares.TryGetValue(s, out var list) ? list : shares[s] = []).Add(share);
                if (s.Length > 2)
                {
                    (shares.TryGetValue(Division(s), out var division) ? division : shares[Division(s)] = []).Add(share);
                }
            }
        }

        return shares.Where(kv => kv.Key == AllBusinesses || kv.Value.Count >= options.MinSectorPeers)
            .ToDictionary(kv => kv.Key, kv => Statistics.Median(kv.Value), StringComparer.Ordinal);
    }

    private Alert? Alert(FlowGraph graph, int account, double share, string sector, double median)
    {
        var deposits = new List<int>();
        foreach (var e in graph.IncomingOf(account))
        {
            if (graph.Source[e] == graph.CashAccount)
            {
                deposits.Add(e);
            }
        }

        // Seasonality: cash per 30-day bucket from the first deposit; a clear peak month is a trade's own rhythm.
        const long month = TimeSpan.TicksPerDay * 30;
        var first = graph.Ticks[deposits[0]];
        var months = new double[(int)((graph.Ticks[deposits[^1]] - first) / month) + 1];
        if (months.Length < options.MinMonths)
        {
            return null;
        }

        foreach (var e in deposits)
        {
            months[(int)((graph.Ticks[e] - first) / month)] += graph.Cents[e];
        }

        var medianMonth = Statistics.Median(months);
        var peak = months.Max();
        if (medianMonth <= 0 || peak > options.MaxPeakToMedianMonth * medianMonth)
        {
            return null;
        }

        var focus = graph.Accounts[account];
        var txIds = deposits.Select(e => graph.TxIds[e]).ToArray();
        var cents = deposits.Sum(e => graph.Cents[e]);
        var bar = Math.Max(options.MinCashShare, options.SectorFactor * median);
        var z = Math.Log(share / bar) + (Math.Log((double)cents / FlowGraphBuilder.ToCents(options.MinCash)) / 4);
        var peers = sector == AllBusinesses ? (profiles.Known ? "all business accounts" : "all accounts")
            : sector.EndsWith('*') ? "sector division " + sector : "sector " + sector;
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{focus} banked {Format.Money(cents / 100m)} in {deposits.Count} cash deposits over {months.Length} months: {share:P0} of its credits, " +
            $"against a median of {median:P0} for {peers}; steady, with no season (busiest month {peak / medianMonth:0.0}× the median month); " +
            $"transactions {Format.TxIds(txIds)}.");
        return new Alert(
            BurstAlerts.StableId(Typology, focus, txIds[0]), Typology, nameof(CashFrontDetector), AlertScore.FromEvidence(z), focus,
            [focus], txIds, cents / 100m, graph.TimeOf(deposits[0]), graph.TimeOf(deposits[^1]), sentence);
    }
}
