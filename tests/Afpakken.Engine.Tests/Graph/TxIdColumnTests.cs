using System.Text;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Graph;

/// <summary>The graph's transaction ids kept as bytes in one array: the same ids, in edge order, from either intake.</summary>
public class TxIdColumnTests
{
    [Fact]
    public void Ids_come_back_as_given_as_strings_and_as_bytes()
    {
        var column = TxIdColumn.Of(["t1", "", "überweisung-7", "T-0000000042"]);

        Assert.Equal(4, column.Count);
        Assert.Equal(["t1", "", "überweisung-7", "T-0000000042"], column);
        Assert.Equal("überweisung-7", column[2]);
        Assert.True(column.Utf8(2).SequenceEqual(Encoding.UTF8.GetBytes("überweisung-7")));
        Assert.Equal(0, column.Utf8(1).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => column.Utf8(4).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => column[-1]);
    }

    [Fact]
    public void Edges_sorted_by_time_carry_their_own_ids_through_either_intake()
    {
        // Rows out of time order: the graph sorts the edges and must move each id with its edge.
        var batch = new TransactionBatch(4);
        batch.Add("late", Some.Day(5), "A", "B", 10m, "EUR", Channels.Wire);
        batch.Add("early", Some.Day(1), "B", "C", 20m, "EUR", Channels.Wire);
        batch.Add("a-much-longer-transaction-id-in-the-middle", Some.Day(3), "C", "A", 30m, "EUR", Channels.Wire);
        batch.Add("tie", Some.Day(1), "A", "C", 40m, "EUR", Channels.Wire);

        var strings = new FlowGraphBuilder();
        strings.Add(batch);
        var utf8 = new FlowGraphBuilder();
        utf8.Add(Utf8Edges.FromBatch(batch));

        foreach (var graph in new[] { strings.Build(), utf8.Build() })
        {
            Assert.Equal(["early", "tie", "a-much-longer-transaction-id-in-the-middle", "late"], graph.TxIds);
            Assert.Equal([2000L, 4000, 3000, 1000], graph.Cents);
        }
    }

    [Fact]
    public void Find_gives_the_edges_whose_ids_are_wanted_with_or_without_a_span_lookup()
    {
        var column = TxIdColumn.Of(["a", "überweisung-7", "b", "a", "c"]);
        var ordinal = new HashSet<string>(["a", "überweisung-7", "z"], StringComparer.Ordinal);
        var custom = new HashSet<string>(["a", "überweisung-7", "z"], EqualityComparer<string>.Create((x, y) => x == y, x => x.Length));

        foreach (var wanted in new[] { ordinal, custom })
        {
            var found = new List<(int, string)>();
            column.Find(wanted, (e, id) => found.Add((e, id)));
            Assert.Equal([(0, "a"), (1, "überweisung-7"), (3, "a")], found);
        }

        var values = new List<(int, int)>();
        column.Find(new Dictionary<string, int>(StringComparer.Ordinal) { ["c"] = 30, ["b"] = 20 }, (e, v) => values.Add((e, v)));
        Assert.Equal([(2, 20), (4, 30)], values);
    }
}
