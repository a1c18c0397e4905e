using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using DuckDB.NET.Data;
using Serilog;

namespace Afpakken.Bench;

/// <summary>
/// Ingest of a transactions file into the curated store (validation, quarantine, monthly Parquet parts, manifest,
/// ledger), side by side with DuckDB copying the same Parquet file to Parquet — the reference the ingest issue names.
/// Ours runs first so that the process's peak memory is ours alone.
/// </summary>
internal static class IngestBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var parquet = Args.Get(args, "--parquet") ?? throw new ArgumentException("--parquet FILE is required");
        var work = Args.Get(args, "--work") ?? Path.Combine(Path.GetTempPath(), "afpakken-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        var logger = new LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(new StageSink()).CreateLogger();
        var service = new PipelineService(logger, TimeProvider.System);
        var results = new List<Measurement>();
        try
        {
            foreach (var (label, file) in new[] { ("parquet", parquet), ("arrow", Args.Get(args, "--arrow")), ("csv", Args.Get(args, "--csv")) })
            {
                if (file is null)
                {
                    continue;
                }

                await WarmAsync(file);
                var data = new DataLayout(Path.Combine(work, "data-" + label));
                results.Add(await Measurement.TimeAsync($"afpakken ingest ({label})", async () =>
                {
                    var summary = await service.IngestAsync(file, data);
                    return summary.Loaded + summary.Rejected + summary.Duplicates;
                }));
                Console.WriteLine(results[^1]);
            }

            var rows = results[0].Rows;
            await WarmAsync(parquet);
            results.Add(await Measurement.TimeAsync("duckdb COPY parquet->parquet", () =>
            {
                using var connection = new DuckDBConnection("Data Source=:memory:");
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"COPY (SELECT * FROM read_parquet('{parquet.Replace("'", "''", StringComparison.Ordinal)}')) " +
                                      $"TO '{Path.Combine(work, "duckdb-copy.parquet")}' (FORMAT PARQUET)";
                command.ExecuteNonQuery();
                return Task.FromResult(rows);
            }));
            Console.WriteLine(results[^1]);
            var duck = results[^1].Elapsed.TotalSeconds;
            Console.WriteLine($"ratio afpakken(parquet) / duckdb = {results[0].Elapsed.TotalSeconds / duck:0.00} (target <= 1.5)");
            return Verify(parquet, new DataLayout(Path.Combine(work, "data-parquet")).CuratedTransactions) ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// DuckDB — another Parquet implementation — reads our curated parts and the source file: the same row count and
    /// the same order-independent fingerprint of every row (all ten columns), else the bench fails. Not timed.
    /// </summary>
    private static bool Verify(string source, string curated)
    {
        static string Fingerprint(string files) =>
            "SELECT count(*), sum(amount), bit_xor(hash(tx_id, booked_at, from_account, to_account, amount, currency, channel, from_bank, to_bank, description)) " +
            $"FROM read_parquet('{files.Replace("'", "''", StringComparison.Ordinal)}', hive_partitioning = false)";

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        string Run(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            reader.Read();
            return $"{reader.GetValue(0)} rows, sum {reader.GetValue(1)}, fingerprint {reader.GetValue(2)}";
        }

        var expected = Run(Fingerprint(source));
        var actual = Run(Fingerprint(Path.Combine(curated, "*", "*.parquet")));
        var same = expected == actual;
        Console.WriteLine($"curated parts read by DuckDB: {actual} — {(same ? "same as the source" : "DIFFERENT from the source: " + expected)}");
        return same;
    }

    /// <summary>Reads the file once so that both contenders start from the page cache.</summary>
    private static async Task WarmAsync(string file)
    {
        var buffer = new byte[1 << 20];
        await using var stream = File.OpenRead(file);
        while (await stream.ReadAsync(buffer) > 0)
        {
        }
    }
}

/// <summary>Prints only the ingest's stage timings, so that the bench shows where time goes.</summary>
internal sealed class StageSink : Serilog.Core.ILogEventSink
{
    public void Emit(Serilog.Events.LogEvent logEvent)
    {
        if (logEvent.MessageTemplate.Text.StartsWith("Ingest stages", StringComparison.Ordinal))
        {
            Console.WriteLine("  " + logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
