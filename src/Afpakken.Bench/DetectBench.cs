using System.Diagnostics;
using System.Globalization;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Features;
using Afpakken.Engine.Formats;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using DuckDB.NET.Data;
using Parquet;
using Serilog;

namespace Afpakken.Bench;

/// <summary>
/// Detection at scale: ingest a transactions file, then time graph build + features + every detector + scoring
/// (PipelineService.AnalyseAsync), the feature vector and the aggregation kernel on the built graph, and — like with
/// like — reading the same Parquet file, interning its accounts and computing the aggregates of DuckDB's GROUP BY
/// (per account: in/out counts, in/out sums, distinct counterparties) against that GROUP BY, in alternating rounds
/// in the same run. Without --parquet a random file of --transactions rows over --accounts accounts is written first.
/// </summary>
internal static class DetectBench
{
    private const string DuckQuery = """
        SELECT {0} FROM (
          SELECT account, SUM(n_in) AS n_in, SUM(n_out) AS n_out, SUM(a_in) AS a_in, SUM(a_out) AS a_out, COUNT(DISTINCT cp) AS cps
          FROM (
            SELECT to_account AS account, 1 AS n_in, 0 AS n_out, amount AS a_in, 0 AS a_out, from_account AS cp FROM read_parquet('{1}')
            UNION ALL
            SELECT from_account, 0, 1, 0, amount, to_account FROM read_parquet('{1}'))
          GROUP BY account)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var work = Args.Get(args, "--work") ?? Path.Combine(Path.GetTempPath(), "afpakken-bench-detect-" + Environment.ProcessId);
        var rounds = int.Parse(Args.Get(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(work);
        try
        {
            var file = Args.Get(args, "--parquet");
            if (file is null)
            {
                var rows = long.Parse(Args.Get(args, "--transactions") ?? "10000000", CultureInfo.InvariantCulture);
                var accounts = int.Parse(Args.Get(args, "--accounts") ?? "1000000", CultureInfo.InvariantCulture);
                file = Path.Combine(work, "random.parquet");
                var clock = Stopwatch.StartNew();
                await WriteRandomAsync(file, rows, accounts);
                Console.WriteLine($"wrote {rows:N0} random transactions over {accounts:N0} accounts in {clock.Elapsed.TotalSeconds:0.0} s");
            }

            Console.WriteLine($"{Environment.ProcessorCount} cores; load {Load()}");
            if (!args.Contains("--skip-analysis"))
            {
                await AnalyseAsync(file, work);
            }

            if (args.Contains("--string-path"))
            {
                var strings = await Measurement.TimeAsync("read parquet (strings) + graph + features", async () =>
                {
                    var builder = new FlowGraphBuilder();
                    await foreach (var batch in TransactionFileReader.ReadAsync(file))
                    {
                        builder.Add(batch);
                    }

                    return AccountFeatures.Compute(builder.Build()).AccountCount;
                });
                Console.WriteLine(strings + $"  load {Load()}");
            }

            var graphAndFeatures = await Measurement.TimeAsync("read parquet + graph + features", () =>
            {
                var builder = new FlowGraphBuilder();
                using var reader = OpenEdges(file);
                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    builder.Add(reader.Read(g));
                }

                return Task.FromResult((long)AccountFeatures.Compute(builder.Build()).AccountCount);
            });
            Console.WriteLine(graphAndFeatures + $"  load {Load()}");

            await CompareWithDuckDbAsync(file, rounds);
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The product's analysis over the curated store, then the feature vector and the kernel on its graph.</summary>
    private static async Task AnalyseAsync(string file, string work)
    {
        var logger = new LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(new DetectorTimingSink()).CreateLogger();
        var service = new PipelineService(logger, TimeProvider.System);
        var data = new DataLayout(Path.Combine(work, "data"));
        var ingest = await Measurement.TimeAsync("ingest", async () => (await service.IngestAsync(file, data)).Loaded);
        Console.WriteLine(ingest + $"  load {Load()}");

        DetectionRun? run = null;
        var analyse = await Measurement.TimeAsync("graph + features + detectors + scores", async () =>
        {
            run = await service.AnalyseAsync(data);
            return run.Graph.EdgeCount;
        });
        Console.WriteLine(analyse + $"  alerts {run!.Alerts.Count:N0}, cases {run.Cases.Count:N0}, load {Load()}");

        var graph = run.Graph;
        run = null;
        var graphOnly = await Measurement.TimeAsync("graph from the curated parts", async () =>
        {
            var builder = new FlowGraphBuilder();
            var dataset = new Engine.Ingest.CuratedDataset(data.CuratedTransactions);
            var window = Engine.Detection.DetectionWindow.Default(dataset.Manifest);
            await dataset.AddToAsync(builder, window.From, window.To);
            return builder.Build().EdgeCount;
        });
        Console.WriteLine(graphOnly + $"  load {Load()}");
        var graphThroughStrings = await Measurement.TimeAsync("graph from the curated parts, strings", async () =>
        {
            // The read before the page decoder: a string per id cell, accounts interned from the strings.
            var builder = new FlowGraphBuilder();
            var dataset = new Engine.Ingest.CuratedDataset(data.CuratedTransactions);
            var window = Engine.Detection.DetectionWindow.Default(dataset.Manifest);
            await foreach (var batch in dataset.ReadAsync(window.From, window.To))
            {
                builder.Add(batch);
            }

            return builder.Build().EdgeCount;
        });
        Console.WriteLine(graphThroughStrings + $"  load {Load()}");

        var features = await Measurement.TimeAsync("feature vector (26 columns), graph", () =>
            Task.FromResult((long)AccountFeatures.Compute(graph).AccountCount));
        Console.WriteLine(features + $"  load {Load()}");
        var kernel = await Measurement.TimeAsync("aggregation kernel, graph", () =>
            Task.FromResult((long)AccountAggregates.Compute(graph).AccountCount));
        Console.WriteLine(kernel + $"  load {Load()}");
    }

    /// <summary>
    /// Like with like, in alternating rounds after one read of the file into the page cache: ours reads the same
    /// Parquet file, interns the accounts and computes DuckDB's aggregates; DuckDB runs its GROUP BY in a fresh
    /// in-memory database each round. Nothing is kept from one round to the next on either side. Both use every core.
    /// </summary>
    private static async Task CompareWithDuckDbAsync(string file, int rounds)
    {
        await using (var warm = File.OpenRead(file))
        {
            await warm.CopyToAsync(Stream.Null);
        }

        var path = file.Replace("'", "''", StringComparison.Ordinal);
        Console.WriteLine($"like with like ({rounds} rounds): read the same Parquet file + intern accounts + per account in/out counts, " +
                          $"in/out sums, distinct counterparties (ours: {Environment.ProcessorCount} cores; DuckDB: {DuckThreads()} threads)");
        var ours = new List<Measurement>();
        var duck = new List<Measurement>();
        AccountAggregates? last = null;
        for (var round = 1; round <= rounds; round++)
        {
            ours.Add(await Measurement.TimeAsync($"ours, round {round}", () =>
            {
                last = ReadAndAggregate(file);
                return Task.FromResult((long)last.AccountCount);
            }));
            Console.WriteLine(ours[^1] + $"  load {Load()}");
            duck.Add(await Measurement.TimeAsync($"duckdb GROUP BY, round {round}", () =>
            {
                using var connection = new DuckDBConnection("Data Source=:memory:");
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = string.Format(CultureInfo.InvariantCulture, DuckQuery, "COUNT(*)", path);
                return Task.FromResult(Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
            }));
            Console.WriteLine(duck[^1] + $"  load {Load()}");
        }

        double Median(List<Measurement> m) => m.Select(x => x.Elapsed.TotalSeconds).Order().ElementAt(m.Count / 2);
        var ratios = ours.Zip(duck, (o, d) => o.Elapsed.TotalSeconds / d.Elapsed.TotalSeconds).ToList();
        Console.WriteLine($"ours median {Median(ours):0.00} s, duckdb median {Median(duck):0.00} s: ratio {Median(ours) / Median(duck):0.00} " +
                          $"(rounds: {string.Join(", ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}; target <= 1.0)");
        Verify(last!, path);
    }

    /// <summary>
    /// The timed step: the page decoder's columns, the interner, the kernel over edge columns. Row group g + 1 is
    /// decoded (by a second reader of the file) while row group g is interned.
    /// </summary>
    private static AccountAggregates ReadAndAggregate(string file)
    {
        using ParquetEdgeReader first = OpenEdges(file), second = OpenEdges(file);
        ParquetEdgeReader[] readers = [first, second];
        var groups = first.RowGroupCount;
        var rows = 0L;
        for (var g = 0; g < groups; g++)
        {
            rows += first.RowsIn(g);
        }

        var source = GC.AllocateUninitializedArray<int>(checked((int)rows));
        var target = GC.AllocateUninitializedArray<int>((int)rows);
        var cents = GC.AllocateUninitializedArray<long>((int)rows);
        var interner = new Utf8AccountInterner();
        var at = 0;
        var next = groups > 0 ? Task.Run(() => readers[0].ReadTransfers(0)) : null;
        for (var g = 0; g < groups; g++)
        {
            var (from, to, amounts) = next!.GetAwaiter().GetResult();
            var following = g + 1;
            next = following < groups ? Task.Run(() => readers[following % 2].ReadTransfers(following)) : null;
            interner.InternRows(from, to, source.AsMemory(at, from.Count), target.AsMemory(at, from.Count));
            amounts.Span.CopyTo(cents.AsSpan(at));
            at += from.Count;
        }

        return AccountAggregates.Compute(interner.Count, source.AsMemory(0, at), target.AsMemory(0, at), cents.AsMemory(0, at));
    }

    /// <summary>Untimed: DuckDB's totals of its aggregates equal ours.</summary>
    private static void Verify(AccountAggregates ours, string path)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = string.Format(CultureInfo.InvariantCulture, DuckQuery,
            "COUNT(*), CAST(SUM(n_in) AS BIGINT), CAST(SUM(n_out) AS BIGINT), CAST(SUM(a_in) * 100 AS BIGINT), CAST(SUM(a_out) * 100 AS BIGINT), " +
            "CAST(SUM(cps) AS BIGINT), CAST(MAX(cps) AS BIGINT)", path);
        using var result = command.ExecuteReader();
        result.Read();
        long[] theirs = [.. Enumerable.Range(0, 7).Select(i => Convert.ToInt64(result.GetValue(i), CultureInfo.InvariantCulture))];
        long[] mine =
        [
            ours.AccountCount, ours.InCount.Sum(x => (long)x), ours.OutCount.Sum(x => (long)x), ours.InCents.Sum(), ours.OutCents.Sum(),
            ours.Counterparties.Sum(x => (long)x), ours.Counterparties.Max(),
        ];
        Console.WriteLine(theirs.SequenceEqual(mine)
            ? $"same aggregates as DuckDB: {mine[0]:N0} accounts, {mine[5]:N0} account-counterparty pairs, largest {mine[6]:N0}"
            : $"AGGREGATES DIFFER: duckdb [{string.Join(", ", theirs)}], ours [{string.Join(", ", mine)}]");
    }

    private static ParquetEdgeReader OpenEdges(string file)
    {
        var (reader, unsupported) = ParquetEdgeReader.TryOpenAsync(file).GetAwaiter().GetResult();
        return reader ?? throw new InvalidOperationException($"{file}: the page decoder cannot read it ({unsupported})");
    }

    private static long DuckThreads()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('threads')";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Load() =>
        OperatingSystem.IsLinux() ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static async Task WriteRandomAsync(string file, long rows, int accounts)
    {
        var random = new Random(42);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        const int groupRows = 1 << 20;
        await using var stream = File.Create(file);
        await using var writer = await ParquetWriter.CreateAsync(TransactionSchema.Parquet, stream);
        string[] channels = [Channels.Wire, Channels.Card, Channels.CashDeposit, Channels.CashWithdrawal, Channels.Crypto, Channels.Ach];
        for (long done = 0; done < rows; done += groupRows)
        {
            var n = (int)Math.Min(groupRows, rows - done);
            var ids = new string[n];
            var times = new DateTime[n];
            var from = new string[n];
            var to = new string[n];
            var amounts = new decimal[n];
            var currency = new string[n];
            var channel = new string[n];
            var none = new string?[n];
            for (var i = 0; i < n; i++)
            {
                ids[i] = "R" + (done + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
                times[i] = start.AddSeconds((done + i) * (365.0 * 86400 / rows));
                var c = channels[random.Next(channels.Length)];
                channel[i] = c;
                from[i] = c == Channels.CashDeposit ? CashAccount.Id : Account(random, accounts);
                to[i] = c == Channels.CashWithdrawal ? CashAccount.Id : Account(random, accounts);
                amounts[i] = Math.Round((decimal)Math.Exp(random.NextDouble() * 9), 2) + 1m;
                currency[i] = "EUR";
            }

            using var group = writer.CreateRowGroup();
            await group.WriteAsync(TransactionSchema.TxIdField, ids);
            await group.WriteAsync<DateTime>(TransactionSchema.BookedAtField, times.AsMemory());
            await group.WriteAsync(TransactionSchema.FromAccountField, from);
            await group.WriteAsync(TransactionSchema.ToAccountField, to);
            await group.WriteAsync<decimal>(TransactionSchema.AmountField, amounts.AsMemory());
            await group.WriteAsync(TransactionSchema.CurrencyField, currency);
            await group.WriteAsync(TransactionSchema.ChannelField, channel);
            await group.WriteAsync(TransactionSchema.FromBankField, none!);
            await group.WriteAsync(TransactionSchema.ToBankField, none!);
            await group.WriteAsync(TransactionSchema.DescriptionField, none!);
        }
    }

    private static string Account(Random random, int accounts)
    {
        // Squaring a uniform number skews towards low ids: a few busy accounts, many quiet ones.
        var u = random.NextDouble();
        return "NL" + ((int)(u * u * accounts)).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Prints the per-detector timings of the analysis.</summary>
internal sealed class DetectorTimingSink : Serilog.Core.ILogEventSink
{
    public void Emit(Serilog.Events.LogEvent logEvent)
    {
        if (logEvent.MessageTemplate.Text.Contains("raised {Alerts} alerts", StringComparison.Ordinal))
        {
            Console.WriteLine("  " + logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
