using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Formats;
using Afpakken.Engine.Generation;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;
using Serilog;

namespace Afpakken.Engine.Tests.Graph;

/// <summary>
/// The graph built from UTF-8 columns (page decoder, account ids interned from their bytes) is the graph the string
/// intake builds: same account ids, edges, times, amounts, channels and transaction ids — on a generated world file
/// and on the curated store it is ingested into.
/// </summary>
public sealed class Utf8IntakeTests : IAsyncLifetime
{
    private readonly string _dir = Some.TempDirectory();

    private string World => Path.Combine(_dir, "world");

    private string File => Path.Combine(World, "transactions.parquet");

    public async Task InitializeAsync() => await WorldGenerator.WriteAsync(new GenerationOptions(World, 60_000, 31));

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_generated_world_file_gives_the_same_graph_through_either_intake()
    {
        var strings = new FlowGraphBuilder();
        await foreach (var batch in TransactionFileReader.ReadAsync(File))
        {
            strings.Add(batch);
        }

        var utf8 = new FlowGraphBuilder();
        var (reader, unsupported) = await ParquetEdgeReader.TryOpenAsync(File);
        Assert.Null(unsupported);
        using (reader)
        {
            for (var g = 0; g < reader!.RowGroupCount; g++)
            {
                utf8.Add(reader.Read(g));
            }
        }

        AssertSameGraph(strings.Build(), utf8.Build());
    }

    [Fact]
    public async Task Transfers_read_ahead_into_two_column_sets_give_the_graphs_account_totals()
    {
        var world = Path.Combine(_dir, "small-row-groups");
        // Row groups above the interner's parallel threshold (16,384 rows), as in the benchmark.
        await WorldGenerator.WriteAsync(new GenerationOptions(world, 70_000, 5) { RowGroupSize = 20_000 });
        var file = Path.Combine(world, "transactions.parquet");
        var (reader, unsupported) = await ParquetEdgeReader.TryOpenAsync(file);
        Assert.Null(unsupported);
        var interner = new Utf8AccountInterner();
        List<int> source = [], target = [];
        List<long> cents = [];
        using (reader)
        {
            // As the benchmark reads: row group g + 1 decoded into the other column set while g is interned.
            var groups = reader!.RowGroupCount;
            Assert.True(groups > 2);
            TransferColumns[] sets = [new(), new()];
            var next = Task.Run(() => reader.ReadTransfers(0, sets[0]));
            for (var g = 0; g < groups; g++)
            {
                var group = await next;
                var following = g + 1;
                next = following < groups ? Task.Run(() => reader.ReadTransfers(following, sets[following % 2])) : Task.FromResult(group);

                // The next row group is read before this one is used: it must not land in this one's columns.
                await next;
                var (from, to) = (new int[group.Count], new int[group.Count]);
                interner.InternRows(group.From, group.To, from, to);
                source.AddRange(from);
                target.AddRange(to);
                cents.AddRange(group.Cents.ToArray());
            }
        }

        var strings = new FlowGraphBuilder();
        await foreach (var batch in TransactionFileReader.ReadAsync(file))
        {
            strings.Add(batch);
        }

        var graph = strings.Build();
        var expected = AccountAggregates.Compute(graph);
        var all = AccountAggregates.Compute(interner.Count, source.ToArray(), target.ToArray(), cents.ToArray());
        var sumsOnly = AccountAggregates.Compute(interner.Count, source.ToArray(), target.ToArray(), cents.ToArray(), counterparties: false);
        Assert.Equal(graph.AccountCount, interner.Count);
        var names = interner.ToStrings();
        var byName = Enumerable.Range(0, graph.AccountCount).ToDictionary(a => graph.Accounts[a]);
        for (var id = 0; id < interner.Count; id++)
        {
            var a = byName[names[id]];
            Assert.Equal(
                (expected.InCount[a], expected.OutCount[a], expected.InCents[a], expected.OutCents[a], expected.Counterparties[a]),
                (all.InCount[id], all.OutCount[id], all.InCents[id], all.OutCents[id], all.Counterparties[id]));
            Assert.Equal(
                (expected.InCount[a], expected.OutCount[a], expected.InCents[a], expected.OutCents[a], 0),
                (sumsOnly.InCount[id], sumsOnly.OutCount[id], sumsOnly.InCents[id], sumsOnly.OutCents[id], sumsOnly.Counterparties[id]));
        }
    }

    [Fact]
    public async Task Rows_outside_the_window_are_left_out_with_their_accounts()
    {
        var all = new List<TransactionBatch>();
        await foreach (var batch in TransactionFileReader.ReadAsync(File))
        {
            all.Add(batch);
        }

        var times = all.SelectMany(b => b.BookedAt.Take(b.Count)).Order().ToList();
        var (from, to) = (times[times.Count / 3], times[2 * times.Count / 3]);
        var strings = new FlowGraphBuilder();
        var utf8 = new FlowGraphBuilder();
        foreach (var batch in all)
        {
            var kept = new TransactionBatch(batch.Capacity);
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch.BookedAt[i] >= from && batch.BookedAt[i] < to)
                {
                    kept.Add(batch.TxId[i], batch.BookedAt[i], batch.FromAccount[i], batch.ToAccount[i], batch.Amount[i], batch.Currency[i], batch.Channel[i]);
                }
            }

            strings.Add(kept);
            utf8.Add(Utf8Edges.FromBatch(batch), from.Ticks, to.Ticks);
        }

        var expected = strings.Build();
        Assert.InRange(expected.EdgeCount, 10_000, 30_000);
        AssertSameGraph(expected, utf8.Build());
    }

    [Fact]
    public async Task Both_intakes_may_feed_one_builder()
    {
        var batches = new List<TransactionBatch>();
        await foreach (var batch in TransactionFileReader.ReadAsync(File))
        {
            batches.Add(batch);
        }

        var strings = new FlowGraphBuilder();
        var mixed = new FlowGraphBuilder(parallelism: 1);
        var rows = batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(i => (b, i))).ToList();
        for (var start = 0; start < rows.Count; start += 17_000)
        {
            var slice = new TransactionBatch(17_000);
            foreach (var (b, i) in rows.Skip(start).Take(17_000))
            {
                slice.Add(b.TxId[i], b.BookedAt[i], b.FromAccount[i], b.ToAccount[i], b.Amount[i], b.Currency[i], b.Channel[i]);
            }

            strings.Add(slice);
            if (start / 17_000 % 2 == 0)
            {
                mixed.Add(Utf8Edges.FromBatch(slice));
            }
            else
            {
                mixed.Add(slice);
            }
        }

        AssertSameGraph(strings.Build(), mixed.Build());
    }

    [Fact]
    public async Task The_curated_store_gives_the_same_graph_through_the_page_decoder_as_through_strings()
    {
        var data = new DataLayout(Path.Combine(_dir, "data"));
        var service = new PipelineService(new LoggerConfiguration().CreateLogger(), TimeProvider.System);
        await service.IngestAsync(File, data);
        var dataset = new CuratedDataset(data.CuratedTransactions);
        var window = DetectionWindow.Default(dataset.Manifest);

        var strings = new FlowGraphBuilder();
        await foreach (var batch in dataset.ReadAsync(window.From, window.To))
        {
            strings.Add(batch);
        }

        var utf8 = new FlowGraphBuilder();
        Assert.Empty(await dataset.AddToAsync(utf8, window.From, window.To));

        var expected = strings.Build();
        Assert.True(expected.EdgeCount > 40_000);
        AssertSameGraph(expected, utf8.Build());
    }

    private static void AssertSameGraph(FlowGraph expected, FlowGraph actual)
    {
        Assert.Equal(expected.Accounts, actual.Accounts);
        Assert.Equal(expected.CashAccount, actual.CashAccount);
        Assert.Equal(expected.Source, actual.Source);
        Assert.Equal(expected.Target, actual.Target);
        Assert.Equal(expected.Ticks, actual.Ticks);
        Assert.Equal(expected.Cents, actual.Cents);
        Assert.Equal(expected.ChannelNames, actual.ChannelNames);
        Assert.Equal(expected.Channel, actual.Channel);
        Assert.Equal(expected.TxIds, actual.TxIds);
        Assert.Equal(expected.OutEdges, actual.OutEdges);
        Assert.Equal(expected.InEdges, actual.InEdges);
    }
}
