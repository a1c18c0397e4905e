using System.CommandLine;
using System.Diagnostics;
using Afpakken.Engine.Generation;

namespace Afpakken.Jobs.Cli;

/// <summary>
/// <c>afpakken bench &lt;what&gt;</c>: timed runs that report wall time, rows/s and peak memory.
/// A parent command so that <c>bench ingest</c>, <c>bench detect</c>, … can be added beside <c>bench generate</c>.
/// </summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks: wall time, rows/s and peak memory")
    {
        CreateGenerate(),
    };

    private static Command CreateGenerate()
    {
        var transactions = new Option<long>("--transactions") { Description = "Transactions to generate", DefaultValueFactory = _ => 10_000_000 };
        var output = new Option<string?>("--out") { Description = "Output directory (default: a temporary one, deleted afterwards)" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42, Description = "Seed" };
        var format = new Option<string>("--format") { DefaultValueFactory = _ => "parquet", Description = "parquet, arrow or csv" };
        var command = new Command("generate", "Time the world generator") { transactions, output, seed, format };
        command.SetAction((ParseResult r, CancellationToken ct) => CliRun.RunAsync("bench generate", async (logger, token) =>
        {
            var given = r.GetValue(output);
            var directory = given ?? Path.Combine(Path.GetTempPath(), "afpakken-bench-" + Guid.NewGuid().ToString("N"));
            var fileFormat = GenerateCommand.ParseFormat(r.GetValue(format));
            try
            {
                var stopwatch = Stopwatch.StartNew();
                var summary = await WorldGenerator.WriteAsync(
                    new GenerationOptions(directory, r.GetValue(transactions), r.GetValue(seed), fileFormat), token);
                stopwatch.Stop();
                var process = Process.GetCurrentProcess();
                process.Refresh();
                var seconds = stopwatch.Elapsed.TotalSeconds;
                var rowsPerSecond = summary.Transactions / seconds;
                var peakMb = process.PeakWorkingSet64 / (1024.0 * 1024.0);
                var bytes = summary.Files.Where(File.Exists).Sum(f => new FileInfo(f).Length);
                Console.WriteLine(
                    $"bench generate: {summary.Transactions} transactions ({fileFormat}) in {seconds:F1} s, {rowsPerSecond:F0} rows/s, " +
                    $"peak working set {peakMb:F0} MB, {summary.Accounts} accounts, {bytes / (1024.0 * 1024.0):F0} MB written");
                logger.Information(
                    "Benchmark {Benchmark}: {Rows} rows in {Seconds} s, {RowsPerSecond} rows/s, peak {PeakMegabytes} MB, {Format}",
                    "generate", summary.Transactions, Math.Round(seconds, 2), Math.Round(rowsPerSecond), Math.Round(peakMb), fileFormat);
                return 0;
            }
            finally
            {
                if (given is null && Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }, ct));
        return command;
    }
}
