using Afpakken.Engine.Graph;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Detection;

public class FlowGraphTests
{
    [Fact]
    public void Edges_are_sorted_by_time_and_adjacency_lists_keep_that_order()
    {
        var graph = new FlowGraphBuilder()
            .Transfer("A", "B", 3m, Some.Day(3), txId: "t3")
            .Transfer("A", "C", 1m, Some.Day(1), txId: "t1")
            .Transfer("C", "B", 2m, Some.Day(2), txId: "t2")
            .Transfer("A", "B", 4m, Some.Day(1), txId: "t1b")
            .Build();

        Assert.Equal(["t1", "t1b", "t2", "t3"], graph.TxIds);
        var a = Array.IndexOf(graph.Accounts, "A");
        var b = Array.IndexOf(graph.Accounts, "B");
        Assert.Equal(["t1", "t1b", "t3"], graph.OutgoingOf(a).ToArray().Select(e => graph.TxIds[e]));
        Assert.Equal(["t1b", "t2", "t3"], graph.IncomingOf(b).ToArray().Select(e => graph.TxIds[e]));
        Assert.Equal(400, graph.Cents[1]);
        Assert.Equal(-1, graph.CashAccount);
    }
}
