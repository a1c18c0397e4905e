using System.Diagnostics;
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
/// (PipelineService.AnalyseAsync), and the per-account aggregation against DuckDB's GROUP BY over the same file.
/// Without --parquet a random file of --transactions rows over --accounts accounts is written first.
/// </summary>
internal static class DetectBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var work = Args.Get(args, "--work") ?? Path.Combine(Path.GetTempPath(), "afpakken-bench-detect-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        try
        {
            var file = Args.Get(args, "--parquet");
            if (file is null)
            {
                var rows = long.Parse(Args.Get(args, "--transactions") ?? "10000000", System.Globalization.CultureInfo.InvariantCulture);
                var accounts = int.Parse(Args.Get(args, "--accounts") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture);
                file = Path.Combine(work, "random.parquet");
                var clock = Stopwatch.StartNew();
                await WriteRandomAsync(file, rows, accounts);
                Console.WriteLine($"wrote {rows:N0} random transactions over {accounts:N0} accounts in {clock.Elapsed.TotalSeconds:0.0} s");
            }

            var logger = new LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(new DetectorTimingSink()).CreateLogger();
            var service = new PipelineService(logger, TimeProvider.System);
            var data = new DataLayout(Path.Combine(work, "data"));
            var ingest = await Measurement.TimeAsync("ingest", async () => (await service.IngestAsync(file, data)).Loaded);
            Console.WriteLine(ingest);

            DetectionRun? run = null;
            var analyse = await Measurement.TimeAsync("graph + features + detectors + scores", async () =>
            {
                run = await service.AnalyseAsync(data);
                return run.Graph.EdgeCount;
            });
            Console.WriteLine(analyse + $"  alerts {run!.Alerts.Count:N0}, cases {run.Cases.Count:N0}");

            var aggregate = await Measurement.TimeAsync("per-account aggregation (graph)", () =>
                Task.FromResult((long)AccountFeatures.Compute(run.Graph).AccountCount));
            Console.WriteLine(aggregate);

            var readAndAggregate = await Measurement.TimeAsync("read parquet + graph + aggregation", async () =>
            {
                var builder = new FlowGraphBuilder();
                await foreach (var batch in TransactionFileReader.ReadAsync(file))
                {
                    builder.Add(batch);
                }

                return AccountFeatures.Compute(builder.Build()).AccountCount;
            });
            Console.WriteLine(readAndAggregate);

            var duck = await Measurement.TimeAsync("duckdb GROUP BY over the parquet", () =>
            {
                using var connection = new DuckDBConnection("Data Source=:memory:");
                connection.Open();
                using var command = connection.CreateCommand();
                var path = file.Replace("'", "''", StringComparison.Ordinal);
                command.CommandText = $"""
                    SELECT COUNT(*) FROM (
                      SELECT account, SUM(n_in), SUM(n_out), SUM(a_in), SUM(a_out), COUNT(DISTINCT cp)
                      FROM (
                        SELECT to_account AS account, 1 AS n_in, 0 AS n_out, amount AS a_in, 0 AS a_out, from_account AS cp FROM read_parquet('{path}')
                        UNION ALL
                        SELECT from_account, 0, 1, 0, amount, to_account FROM read_parquet('{path}'))
                      GROUP BY account)
                    """;
                return Task.FromResult(Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
            });
            Console.WriteLine(duck);
            Console.WriteLine($"ratio read+aggregate / duckdb = {readAndAggregate.Elapsed.TotalSeconds / duck.Elapsed.TotalSeconds:0.00} (target <= 1.0)");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }


    /// <summary>Random transfers with a skewed (hub-heavy) choice of accounts over one year; a stress shape, not a world.</summary>
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
