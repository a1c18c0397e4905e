using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Graph;

/// <summary>The aggregation kernel against a plain reference: per account, LINQ over the edge list and a set of counterparties.</summary>
public class AccountAggregatesTests
{
    private sealed record Reference(int InCount, int OutCount, long InCents, long OutCents, int Counterparties);

    private static Reference[] Expected(int accounts, int[] source, int[] target, long[] cents) =>
        Enumerable.Range(0, accounts).Select(a =>
        {
            var incoming = Enumerable.Range(0, source.Length).Where(e => target[e] == a).ToList();
            var outgoing = Enumerable.Range(0, source.Length).Where(e => source[e] == a).ToList();
            var others = incoming.Select(e => source[e]).Concat(outgoing.Select(e => target[e])).ToHashSet();
            return new Reference(incoming.Count, outgoing.Count, incoming.Sum(e => cents[e]), outgoing.Sum(e => cents[e]), others.Count);
        }).ToArray();

    private static Reference[] Actual(AccountAggregates a) =>
        Enumerable.Range(0, a.AccountCount)
            .Select(i => new Reference(a.InCount[i], a.OutCount[i], a.InCents[i], a.OutCents[i], a.Counterparties[i])).ToArray();

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 5, 40, 1 },        // small: one core
        { 30_000, 150_000, 2 }, // ranges and chunks shared by two cores
        { 12_000, 60_000, 3 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Counts_sums_and_distinct_counterparties_match_the_reference(int accounts, int edges, int cores)
    {
        var random = new Random(accounts + edges);
        var source = new int[edges];
        var target = new int[edges];
        var cents = new long[edges];
        for (var e = 0; e < edges; e++)
        {
            // Skewed: hubs, repeats between the same pair, and some accounts paying themselves.
            var u = random.NextDouble();
            source[e] = (int)(u * u * accounts);
            target[e] = e % 50 == 0 ? source[e] : random.Next(accounts);
            cents[e] = random.Next(1, 1_000_000);
        }

        // The reference is quadratic; compare it on a sample of accounts when the graph is large.
        var expected = accounts <= 5_000 ? Expected(accounts, source, target, cents) : null;
        var fromColumns = AccountAggregates.Compute(accounts, source, target, cents, cores);
        var builder = new FlowGraphBuilder();
        for (var e = 0; e < edges; e++)
        {
            builder.Transfer($"a{source[e]}", $"a{target[e]}", cents[e] / 100m, Some.Day(e % 300), txId: $"t{e}");
        }

        var graph = builder.Build();
        var fromGraph = AccountAggregates.Compute(graph, cores);

        if (expected is not null)
        {
            Assert.Equal(expected, Actual(fromColumns));
        }
        else
        {
            var sample = Enumerable.Range(0, 200).Select(_ => random.Next(accounts)).Append(0).Append(1).ToArray();
            var set = sample.ToHashSet();
            var mask = Enumerable.Range(0, edges).Where(e => set.Contains(source[e]) || set.Contains(target[e])).ToArray();
            foreach (var a in sample)
            {
                var incoming = mask.Where(e => target[e] == a).ToList();
                var outgoing = mask.Where(e => source[e] == a).ToList();
                var others = incoming.Select(e => source[e]).Concat(outgoing.Select(e => target[e])).ToHashSet();
                Assert.Equal(
                    new Reference(incoming.Count, outgoing.Count, incoming.Sum(e => cents[e]), outgoing.Sum(e => cents[e]), others.Count),
                    Actual(fromColumns)[a]);
            }
        }

        // The graph's accounts are numbered by first appearance: translate before comparing.
        var byName = Actual(fromGraph).Select((r, i) => (Name: graph.Accounts[i], r)).ToDictionary(p => p.Name, p => p.r);
        var columns = Actual(fromColumns);
        foreach (var (name, reference) in byName)
        {
            Assert.Equal(columns[int.Parse(name[1..], System.Globalization.CultureInfo.InvariantCulture)], reference);
        }
    }

    [Fact]
    public void An_account_without_transfers_has_zeroes()
    {
        var aggregates = AccountAggregates.Compute(3, new[] { 0 }, new[] { 1 }, new[] { 250L });
        Assert.Equal([0, 1, 0], aggregates.InCount);
        Assert.Equal([1, 0, 0], aggregates.OutCount);
        Assert.Equal([0L, 250, 0], aggregates.InCents);
        Assert.Equal([250L, 0, 0], aggregates.OutCents);
        Assert.Equal([1, 1, 0], aggregates.Counterparties);
    }
}
