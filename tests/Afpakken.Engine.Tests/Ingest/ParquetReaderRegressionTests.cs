using Afpakken.Engine.Generation;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Ingest;

public sealed class ParquetReaderRegressionTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// Parquet.Net 6.1's read into a nullable target (<c>Memory&lt;T?&gt;</c>) of a required column returned stale
    /// pooled values under garbage-collection pressure: 189,436 of 1,000,000 rows lost their timestamp and were
    /// rejected. The reader reads required columns into plain arrays; this ingests a generated file in a process whose
    /// gen-0 budget is tiny (frequent collections) and expects every row.
    /// </summary>
    [Fact]
    public async Task Every_row_survives_an_ingest_under_heavy_garbage_collection()
    {
        var world = Path.Combine(_dir, "world");
        var summary = await WorldGenerator.WriteAsync(new GenerationOptions(world, 1_000_000, 3));

        var result = await AfpakkenCli.RunAsync(
            new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x200000" },
            "ingest", Path.Combine(world, "transactions.parquet"), "--data", Path.Combine(_dir, "data"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{summary.Transactions} loaded, 0 rejected, 0 duplicate", result.Stdout, StringComparison.Ordinal);
    }
}
