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
/// like — reading the same Parquet file, interning its accounts and computing per-account aggregates (in/out counts,
/// in/out sums, distinct counterparties) against DuckDB's GROUP BY computing the same, in alternating rounds in the
/// same run (--compare-only: only that comparison, no ingest or analysis). Without --parquet a random file of
/// --transactions rows over --accounts accounts is written first.
/// </summary>
internal static class DetectBench
{
    // Shape 1, one GROUP BY over the union of both directions; {0}: the aggregates (each after a comma), {1}: the file.
    private const string Grouped = """
        SELECT account{0}
        FROM (
          SELECT to_account AS account, 1 AS n_in, 0 AS n_out, amount AS a_in, 0 AS a_out, from_account AS cp FROM read_parquet('{1}')
          UNION ALL
          SELECT from_account, 0, 1, 0, amount, to_account FROM read_parquet('{1}'))
        GROUP BY account
        """;

    private const string Sums = ", SUM(n_in) AS n_in, SUM(n_out) AS n_out, SUM(a_in) AS a_in, SUM(a_out) AS a_out";

    // Shape 2, one GROUP BY per direction joined on the account (DuckDB is faster this way for counts and sums);
    // {0}: the file, {1}: more columns, {2}: more joins.
    private const string Joined = """
        SELECT account, COALESCE(n_in, 0) AS n_in, COALESCE(n_out, 0) AS n_out, COALESCE(a_in, 0) AS a_in, COALESCE(a_out, 0) AS a_out{1}
        FROM (SELECT to_account AS account, COUNT(*) AS n_in, SUM(amount) AS a_in FROM read_parquet('{0}') GROUP BY to_account) i
        FULL OUTER JOIN (SELECT from_account AS account, COUNT(*) AS n_out, SUM(amount) AS a_out FROM read_parquet('{0}') GROUP BY from_account) o
        USING (account){2}
        """;

    // Distinct counterparties as the number of distinct (account, other end) pairs over both directions.
    private const string JoinedPairs = """

        JOIN (SELECT a AS account, COUNT(*) AS cps FROM (
                SELECT from_account AS a, to_account AS b FROM read_parquet('{0}')
                UNION
                SELECT to_account, from_account FROM read_parquet('{0}'))
              GROUP BY a) d USING (account)
        """;

    // The outer query folds every aggregate of every account into one row: DuckDB must compute them all (an outer
    // COUNT(*) alone lets its optimiser drop the aggregates and only find the distinct accounts), and the row is the
    // check against ours — with terms that depend on each account's own values (squares, products, maxima), not only
    // on totals that any split of the rows would give. Amounts as cents, as ours keeps them. {0}: the counterparty
    // terms, {1}: the grouped query.
    private const string Totals = """
        SELECT COUNT(*), CAST(SUM(n_in) AS BIGINT), CAST(SUM(n_out) AS BIGINT), CAST(SUM(a_in) * 100 AS BIGINT),
               CAST(SUM(a_out) * 100 AS BIGINT), CAST(SUM(n_in * n_in) AS BIGINT), CAST(SUM(n_in * n_out) AS BIGINT),
               CAST(MAX(a_in) * 100 AS BIGINT), CAST(MAX(a_out) * 100 AS BIGINT), {0}
        FROM ({1})
        """;

    private const string CounterpartyTerms = "CAST(SUM(cps) AS BIGINT), CAST(MAX(cps) AS BIGINT), CAST(SUM(cps * n_in) AS BIGINT)";

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
            if (!args.Contains("--skip-analysis") && !args.Contains("--compare-only"))
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

            if (!args.Contains("--compare-only"))
            {
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
            }

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
    /// Like with like, in alternating rounds after one read of the file into the page cache, both on every core, nothing
    /// kept from one round to the next (DuckDB gets a fresh in-memory database each time): (1) the five aggregates —
    /// per account in/out counts, in/out sums and distinct counterparties; (2) the four without the distinct count.
    /// DuckDB runs each in two shapes (one GROUP BY over the union of both directions; a GROUP BY per direction joined
    /// on the account) and ours is set against the faster. (3) For reference, DuckDB's bare GROUP BY that only finds
    /// the distinct accounts (no aggregate at all), the cheapest per-account grouping there is. Ours reads the file
    /// with the page decoder and interns the accounts in every round. Every round's results are checked equal.
    /// </summary>
    private static async Task CompareWithDuckDbAsync(string file, int rounds)
    {
        await using (var warm = File.OpenRead(file))
        {
            await warm.CopyToAsync(Stream.Null);
        }

        var path = file.Replace("'", "''", StringComparison.Ordinal);
        string Fold(string terms, string grouped) => string.Format(CultureInfo.InvariantCulture, Totals, terms, grouped);
        var queries = new (string What, string Sql, bool Counterparties)[]
        {
            ("duckdb, 5 aggregates, union", Fold(CounterpartyTerms,
                string.Format(CultureInfo.InvariantCulture, Grouped, Sums + ", COUNT(DISTINCT cp) AS cps", path)), true),
            ("duckdb, 5 aggregates, joined", Fold(CounterpartyTerms, string.Format(CultureInfo.InvariantCulture, Joined, path, ", cps",
                string.Format(CultureInfo.InvariantCulture, JoinedPairs, path))), true),
            ("duckdb, 4 aggregates, union", Fold("0, 0, 0", string.Format(CultureInfo.InvariantCulture, Grouped, Sums, path)), false),
            ("duckdb, 4 aggregates, joined", Fold("0, 0, 0", string.Format(CultureInfo.InvariantCulture, Joined, path, "", "")), false),
        };
        var bare = $"SELECT COUNT(*) FROM ({string.Format(CultureInfo.InvariantCulture, Grouped, "", path)})";
        Console.WriteLine($"like with like ({rounds} rounds): read the same Parquet file + intern accounts + per account aggregates " +
                          $"(ours: {Environment.ProcessorCount} cores; DuckDB: {DuckThreads()} threads)");
        var timings = new Dictionary<string, List<Measurement>>();
        async Task<T> Time<T>(string what, int round, Func<T> work, Func<T, long> rows)
        {
            T result = default!;
            var measurement = await Measurement.TimeAsync($"{what}, round {round}", () =>
            {
                result = work();
                return Task.FromResult(rows(result));
            });
            (timings.TryGetValue(what, out var list) ? list : timings[what] = []).Add(measurement);
            Console.WriteLine(measurement + $"  load {Load()}");
            return result;
        }

        var same = true;
        for (var round = 1; round <= rounds; round++)
        {
            var ours5 = await Time("ours, 5 aggregates", round, () => ReadAndAggregate(file, counterparties: true), a => a.AccountCount);
            var ours4 = await Time("ours, 4 aggregates", round, () => ReadAndAggregate(file, counterparties: false), a => a.AccountCount);
            foreach (var (what, sql, counterparties) in queries)
            {
                var theirs = await Time(what, round, () => Duck(sql), t => t[0]);
                same &= Check(what, Folded(counterparties ? ours5 : ours4, counterparties), theirs);
            }

            await Time("duckdb, bare GROUP BY", round, () => Duck(bare), t => t[0]);
        }

        double Median(string what) => timings[what].Select(x => x.Elapsed.TotalSeconds).Order().ElementAt(timings[what].Count / 2);
        string Ratio(string ours, string theirs) =>
            $"{Median(ours) / Median(theirs):0.00} (ours median {Median(ours):0.00} s, {theirs} {Median(theirs):0.00} s; rounds: " +
            string.Join(", ", timings[ours].Zip(timings[theirs], (o, d) => (o.Elapsed.TotalSeconds / d.Elapsed.TotalSeconds).ToString("0.00", CultureInfo.InvariantCulture))) + ")";
        string Faster(string a, string b) => Median(a) <= Median(b) ? a : b;
        Console.WriteLine("5 aggregates (counts, sums, distinct counterparties), ours / DuckDB's faster shape: " +
                          $"{Ratio("ours, 5 aggregates", Faster("duckdb, 5 aggregates, union", "duckdb, 5 aggregates, joined"))}; target <= 1.0");
        Console.WriteLine("4 aggregates (counts, sums), ours / DuckDB's faster shape: " +
                          $"{Ratio("ours, 4 aggregates", Faster("duckdb, 4 aggregates, union", "duckdb, 4 aggregates, joined"))}; target <= 1.0");
        Console.WriteLine($"for reference, ours with 5 aggregates / DuckDB's bare GROUP BY (distinct accounts only): {Ratio("ours, 5 aggregates", "duckdb, bare GROUP BY")}");
        Console.WriteLine(same ? "every round: the same results as DuckDB's, every shape" : "RESULTS DIFFER from DuckDB's (see above)");
    }

    /// <summary>One query in a fresh in-memory DuckDB database; the first row's values as integers.</summary>
    private static long[] Duck(string query)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var result = command.ExecuteReader();
        result.Read();
        return [.. Enumerable.Range(0, result.FieldCount).Select(i => Convert.ToInt64(result.GetValue(i), CultureInfo.InvariantCulture))];
    }

    /// <summary>Ours folded as DuckDB's outer query folds its groups (<see cref="Totals"/>, <see cref="CounterpartyTerms"/>).</summary>
    private static long[] Folded(AccountAggregates a, bool counterparties)
    {
        long nIn = 0, nOut = 0, aIn = 0, aOut = 0, squares = 0, products = 0, maxIn = 0, maxOut = 0, cps = 0, maxCps = 0, cpsTimesIn = 0;
        for (var i = 0; i < a.AccountCount; i++)
        {
            nIn += a.InCount[i];
            nOut += a.OutCount[i];
            aIn += a.InCents[i];
            aOut += a.OutCents[i];
            squares += (long)a.InCount[i] * a.InCount[i];
            products += (long)a.InCount[i] * a.OutCount[i];
            maxIn = Math.Max(maxIn, a.InCents[i]);
            maxOut = Math.Max(maxOut, a.OutCents[i]);
            cps += a.Counterparties[i];
            maxCps = Math.Max(maxCps, a.Counterparties[i]);
            cpsTimesIn += (long)a.Counterparties[i] * a.InCount[i];
        }

        return counterparties
            ? [a.AccountCount, nIn, nOut, aIn, aOut, squares, products, maxIn, maxOut, cps, maxCps, cpsTimesIn]
            : [a.AccountCount, nIn, nOut, aIn, aOut, squares, products, maxIn, maxOut, 0, 0, 0];
    }

    private static bool Check(string what, long[] ours, long[] theirs)
    {
        if (ours.SequenceEqual(theirs))
        {
            return true;
        }

        Console.WriteLine($"{what}: TOTALS DIFFER: duckdb [{string.Join(", ", theirs)}], ours [{string.Join(", ", ours)}]");
        return false;
    }

    /// <summary>
    /// The timed step of ours: the page decoder's columns, the interner, the aggregates (with or without the distinct
    /// counterparties). Row group g + 1 is decoded (into the other of two column sets) while row group g is interned.
    /// </summary>
    private static AccountAggregates ReadAndAggregate(string file, bool counterparties)
    {
        using var reader = OpenEdges(file);
        var groups = reader.RowGroupCount;
        var rows = 0L;
        for (var g = 0; g < groups; g++)
        {
            rows += reader.RowsIn(g);
        }

        var source = GC.AllocateUninitializedArray<int>(checked((int)rows));
        var target = GC.AllocateUninitializedArray<int>((int)rows);
        var cents = GC.AllocateUninitializedArray<long>((int)rows);
        TransferColumns[] columns = [new(), new()];
        var interner = new Utf8AccountInterner();
        var at = 0;
        var next = groups > 0 ? Task.Run(() => reader.ReadTransfers(0, columns[0])) : null;
        for (var g = 0; g < groups; g++)
        {
            var group = next!.GetAwaiter().GetResult();
            var following = g + 1;
            next = following < groups ? Task.Run(() => reader.ReadTransfers(following, columns[following % 2])) : null;
            var (from, to) = (source.AsMemory(at, group.Count), target.AsMemory(at, group.Count));
            interner.InternRows(group.From, group.To, from, to);
            group.Cents.Span.CopyTo(cents.AsSpan(at));
            at += group.Count;
        }

        return AccountAggregates.Compute(interner.Count, source.AsMemory(0, at), target.AsMemory(0, at), cents.AsMemory(0, at), counterparties: counterparties);
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
