namespace Afpakken.Engine.Graph;

/// <summary>
/// A compact transaction graph: accounts as dense ids, edges as parallel arrays sorted by booking time, and
/// in/out adjacency in CSR form (offsets into contiguous edge-index arrays, each list in time order).
/// No object per edge (transaction ids too are bytes in one array); built once per detection run by
/// <see cref="FlowGraphBuilder"/>.
/// </summary>
public sealed class FlowGraph
{
    internal FlowGraph(
        string[] accounts, int cashAccount, int[] source, int[] target, long[] ticks, long[] cents, byte[] channel,
        TxIdColumn txIds, string[] channelNames)
    {
        Accounts = accounts;
        CashAccount = cashAccount;
        Source = source;
        Target = target;
        Ticks = ticks;
        Cents = cents;
        Channel = channel;
        TxIds = txIds;
        ChannelNames = channelNames;
        (OutOffsets, OutEdges) = BuildAdjacency(source, accounts.Length);
        (InOffsets, InEdges) = BuildAdjacency(target, accounts.Length);
    }

    /// <summary>Account id by dense index.</summary>
    public string[] Accounts { get; }

    /// <summary>Dense index of the CASH pseudo-account, or -1 when no cash moved.</summary>
    public int CashAccount { get; }

    public int AccountCount => Accounts.Length;

    /// <summary>
    /// Accounts registered as gatekeepers — notary third-party accounts, exchanges, money-transfer offices — whose
    /// business is to receive from and pay many unrelated parties. Known only when account files were loaded.
    /// </summary>
    public bool[] IsGatekeeper { get; private set; } = [];

    /// <summary>Marks the given accounts (by id) as gatekeepers; ids not in the graph are ignored.</summary>
    public int MarkGatekeepers(IEnumerable<string> accountIds)
    {
        IsGatekeeper = new bool[Accounts.Length];
        var marked = 0;
        foreach (var id in accountIds)
        {
            if (IndexOf(id) is var a and >= 0 && !IsGatekeeper[a])
            {
                IsGatekeeper[a] = true;
                marked++;
            }
        }

        return marked;
    }

    private Dictionary<string, int>? _index;

    /// <summary>The dense index of account <paramref name="accountId"/>, or −1 when it is not in the graph (the lookup is built on first use).</summary>
    public int IndexOf(string accountId)
    {
        var index = _index;
        if (index is null)
        {
            index = new Dictionary<string, int>(Accounts.Length, StringComparer.Ordinal);
            for (var a = 0; a < Accounts.Length; a++)
            {
                index[Accounts[a]] = a;
            }

            _index = index;
        }

        return index.TryGetValue(accountId, out var found) ? found : -1;
    }

    public bool Gatekeeper(int account) => IsGatekeeper.Length > 0 && IsGatekeeper[account];

    public int EdgeCount => Source.Length;

    public int[] Source { get; }
    public int[] Target { get; }

    /// <summary>Booking time in UTC ticks.</summary>
    public long[] Ticks { get; }

    /// <summary>Amount in cents of the transaction's currency.</summary>
    public long[] Cents { get; }

    public byte[] Channel { get; }
    public string[] ChannelNames { get; }
    /// <summary>Transaction id by edge, kept as UTF-8 bytes (no string per edge; <c>TxIds[e]</c> makes one).</summary>
    public TxIdColumn TxIds { get; }

    public int[] OutOffsets { get; }
    public int[] OutEdges { get; }
    public int[] InOffsets { get; }
    public int[] InEdges { get; }

    public ReadOnlySpan<int> OutgoingOf(int account) => OutEdges.AsSpan(OutOffsets[account], OutOffsets[account + 1] - OutOffsets[account]);

    public ReadOnlySpan<int> IncomingOf(int account) => InEdges.AsSpan(InOffsets[account], InOffsets[account + 1] - InOffsets[account]);

    /// <summary>Index into <see cref="OutEdges"/> of the account's first outgoing edge booked after <paramref name="ticks"/> (binary search).</summary>
    public int FirstOutgoingAfter(int account, long ticks)
    {
        int lo = OutOffsets[account], hi = OutOffsets[account + 1];
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Ticks[OutEdges[mid]] <= ticks)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public DateTime TimeOf(int edge) => new(Ticks[edge], DateTimeKind.Utc);

    public decimal AmountOf(int edge) => Cents[edge] / 100m;

    /// <summary>Counting sort of edge indices by endpoint; edges are already in time order, so each list stays in time order.</summary>
    private static (int[] Offsets, int[] Edges) BuildAdjacency(int[] endpoint, int accounts)
    {
        var offsets = new int[accounts + 1];
        foreach (var a in endpoint)
        {
            offsets[a + 1]++;
        }

        for (var i = 0; i < accounts; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var next = offsets[..^1].ToArray();
        var edges = new int[endpoint.Length];
        for (var e = 0; e < endpoint.Length; e++)
        {
            edges[next[endpoint[e]]++] = e;
        }

        return (offsets, edges);
    }
}
