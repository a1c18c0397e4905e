namespace Afpakken.Engine.Graph;

/// <summary>
/// Per-account totals over both directions: how many transfers came in and went out, their sums in cents, and how
/// many distinct counterparties (senders and recipients together) the account dealt with. Contiguous arrays by
/// dense account id. The distinct counts walk each account's adjacency (CSR) with a stamp per account, not a hash
/// set per account; accounts are split into chunks that the cores take in turn, each core with its own stamps.
/// </summary>
public sealed class AccountAggregates
{
    private const int ChunksPerCore = 16;

    private AccountAggregates(int accounts)
    {
        InCount = new int[accounts];
        OutCount = new int[accounts];
        InCents = new long[accounts];
        OutCents = new long[accounts];
        Counterparties = new int[accounts];
    }

    public int AccountCount => InCount.Length;

    public int[] InCount { get; }
    public int[] OutCount { get; }
    public long[] InCents { get; }
    public long[] OutCents { get; }

    /// <summary>Distinct accounts that sent to or received from the account (itself included when it paid itself).</summary>
    public int[] Counterparties { get; }

    /// <summary>The aggregates of a built graph, from its in/out adjacency.</summary>
    /// <param name="parallelism">Cores to use; null: all of them.</param>
    public static AccountAggregates Compute(FlowGraph graph, int? parallelism = null)
    {
        var result = new AccountAggregates(graph.AccountCount);
        ForChunks(graph.AccountCount, a => graph.OutOffsets[a + 1] - graph.OutOffsets[a] + graph.InOffsets[a + 1] - graph.InOffsets[a],
            parallelism, seen =>
            (from, to) =>
            {
                var source = graph.Source;
                var target = graph.Target;
                var cents = graph.Cents;
                for (var a = from; a < to; a++)
                {
                    seen.Reset();
                    long sum = 0;
                    var outgoing = graph.OutgoingOf(a);
                    foreach (var e in outgoing)
                    {
                        sum += cents[e];
                        seen.Add(target[e]);
                    }

                    result.OutCount[a] = outgoing.Length;
                    result.OutCents[a] = sum;
                    sum = 0;
                    var incoming = graph.IncomingOf(a);
                    foreach (var e in incoming)
                    {
                        sum += cents[e];
                        seen.Add(source[e]);
                    }

                    result.InCount[a] = incoming.Length;
                    result.InCents[a] = sum;
                    result.Counterparties[a] = seen.Count;
                }
            });
        return result;
    }

    /// <summary>
    /// The aggregates straight from edge columns (no graph, no time order): counts and sums in one pass over the
    /// edges, then each account's counterparties gathered into one list per account (a counting sort) and counted.
    /// </summary>
    /// <param name="counterparties">False: counts and sums only; <see cref="Counterparties"/> stays zero.</param>
    public static AccountAggregates Compute(
        int accounts, ReadOnlyMemory<int> source, ReadOnlyMemory<int> target, ReadOnlyMemory<long> cents, int? parallelism = null,
        bool counterparties = true)
    {
        if (source.Length != target.Length || source.Length != cents.Length)
        {
            throw new ArgumentException("source, target and cents must be columns of the same length");
        }

        var result = new AccountAggregates(accounts);
        var (inCount, outCount, inCents, outCents) = (result.InCount, result.OutCount, result.InCents, result.OutCents);
        var cores = Math.Max(1, Math.Min(parallelism ?? Environment.ProcessorCount, source.Length < 100_000 ? 1 : 8));

        // Each core scans every edge and keeps the accounts of its own range: no two cores write the same account.
        ByAccountRange(accounts, cores, (low, high) =>
        {
            var s = source.Span;
            var t = target.Span;
            var c = cents.Span;
            for (var e = 0; e < s.Length; e++)
            {
                if ((uint)(s[e] - low) < (uint)(high - low))
                {
                    outCount[s[e]]++;
                    outCents[s[e]] += c[e];
                }

                if ((uint)(t[e] - low) < (uint)(high - low))
                {
                    inCount[t[e]]++;
                    inCents[t[e]] += c[e];
                }
            }
        });

        if (!counterparties)
        {
            return result;
        }

        // One list per account of the other ends of all its transfers, both directions.
        var offsets = new int[accounts + 1];
        for (var a = 0; a < accounts; a++)
        {
            offsets[a + 1] = checked(offsets[a] + inCount[a] + outCount[a]);
        }

        var next = offsets.AsSpan(0, accounts).ToArray();
        var others = GC.AllocateUninitializedArray<int>(offsets[accounts]);
        ByAccountRange(accounts, cores, (low, high) =>
        {
            var s = source.Span;
            var t = target.Span;
            for (var e = 0; e < s.Length; e++)
            {
                if ((uint)(s[e] - low) < (uint)(high - low))
                {
                    others[next[s[e]]++] = t[e];
                }

                if ((uint)(t[e] - low) < (uint)(high - low))
                {
                    others[next[t[e]]++] = s[e];
                }
            }
        });

        ForChunks(accounts, a => offsets[a + 1] - offsets[a], parallelism, seen => (from, to) =>
        {
            for (var a = from; a < to; a++)
            {
                seen.Reset();
                for (var k = offsets[a]; k < offsets[a + 1]; k++)
                {
                    seen.Add(others[k]);
                }

                result.Counterparties[a] = seen.Count;
            }
        });
        return result;
    }

    /// <summary>Runs <paramref name="work"/> on <paramref name="cores"/> ranges of accounts at once.</summary>
    private static void ByAccountRange(int accounts, int cores, Action<int, int> work)
    {
        if (cores == 1)
        {
            work(0, accounts);
            return;
        }

        Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores }, w =>
            work((int)((long)accounts * w / cores), (int)((long)accounts * (w + 1) / cores)));
    }

    /// <summary>
    /// Runs <paramref name="work"/> over [0, accounts) in chunks of about equal weight; each core takes the next chunk
    /// when done with one, with its own <see cref="DistinctCounter"/>.
    /// </summary>
    private static void ForChunks(int accounts, Func<int, int> weight, int? parallelism, Func<DistinctCounter, Action<int, int>> work)
    {
        var cores = Math.Max(1, parallelism ?? Environment.ProcessorCount);
        if (cores == 1 || accounts < 10_000)
        {
            work(new DistinctCounter(accounts))(0, accounts);
            return;
        }

        long total = 0;
        for (var a = 0; a < accounts; a++)
        {
            total += weight(a) + 1;
        }

        var bounds = new List<int> { 0 };
        var perChunk = Math.Max(1, total / (cores * ChunksPerCore));
        long sum = 0;
        for (var a = 0; a < accounts; a++)
        {
            sum += weight(a) + 1;
            if (sum >= perChunk)
            {
                bounds.Add(a + 1);
                sum = 0;
            }
        }

        if (bounds[^1] != accounts)
        {
            bounds.Add(accounts);
        }

        var taken = -1;
        var workers = new Task[cores];
        for (var w = 0; w < cores; w++)
        {
            workers[w] = Task.Factory.StartNew(() =>
            {
                var run = work(new DistinctCounter(accounts));
                for (var c = Interlocked.Increment(ref taken); c < bounds.Count - 1; c = Interlocked.Increment(ref taken))
                {
                    run(bounds[c], bounds[c + 1]);
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        Task.WaitAll(workers);
    }
}
