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
        CreateConfiscation(),
    };

    /// <summary>
    /// Times, in one warm process over a store with entities loaded and detection run: the full candidate ranking, then
    /// the asset overview (with all three benefit methods) of the top <c>--subjects</c> candidates, one at a time.
    /// </summary>
    private static Command CreateConfiscation()
    {
        var data = new Option<string>("--data") { Description = "Data directory (entities loaded, detection run)", Required = true };
        var subjects = new Option<int>("--subjects") { Description = "Asset overviews to time", DefaultValueFactory = _ => 20 };
        var command = new Command("confiscation", "Time the candidate ranking and single-subject asset overviews") { data, subjects };
        command.SetAction((ParseResult r, CancellationToken ct) => CliRun.RunAsync("bench confiscation", async (logger, token) =>
        {
            var store = await CliRun.OpenStoreAsync(r.GetValue(data)!, "ingest a world and run detect first", token);
            var service = new Afpakken.Engine.Confiscation.ConfiscationService(store, Afpakken.Engine.Confiscation.ConfiscationOptions.LoadDefault(), Serilog.Core.Logger.None, TimeProvider.System)
            {
                Role = "bench",
                Purpose = "benchmark",
            };
            var period = await CliRun.DetectedPeriodAsync(service, r.GetValue(data)!, token);
            var stopwatch = Stopwatch.StartNew();
            var list = await service.CandidatesAsync(period, "bench", token);
            var ranking = stopwatch.Elapsed.TotalSeconds;
            var times = new List<double>();
            foreach (var candidate in list.Candidates.Take(r.GetValue(subjects)))
            {
                stopwatch.Restart();
                await service.SubjectReportAsync(candidate.SubjectId, period, "BENCH", "bench", null, token);
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            Console.WriteLine(
                $"bench confiscation: ranking {list.Candidates.Count} candidates of {list.SubjectsConsidered} subjects in {ranking:F1} s; " +
                (times.Count == 0 ? "no overviews" : $"{times.Count} asset overviews: first {times[0]:F0} ms … median {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms") +
                $"; peak working set {process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MB");
            logger.Information("Benchmark {Benchmark}: ranking {Seconds} s, overview median {MedianMs} ms, max {MaxMs} ms",
                "confiscation", Math.Round(ranking, 2), times.Count == 0 ? 0 : Math.Round(times[times.Count / 2]), times.Count == 0 ? 0 : Math.Round(times[^1]));
            return 0;
        }, ct));
        return command;
    }

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
