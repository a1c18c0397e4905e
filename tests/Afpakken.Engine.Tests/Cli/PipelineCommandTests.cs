using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Cli;

public sealed class PipelineCommandTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Data => Path.Combine(_dir, "data");

    private string Out => Path.Combine(_dir, "out");

    private static string LastErrorLine(AfpakkenCli.Result result) =>
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];

    [Fact]
    public async Task A_command_line_error_is_one_line_and_a_non_zero_exit()
    {
        var result = await AfpakkenCli.RunAsync("pipeline", "--data", Data, "--out", Out);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("afpakken: error: Option '--input' is required. (see --help)", result.Stderr.Trim());
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task A_missing_file_exits_non_zero_with_one_line_naming_it()
    {
        var result = await AfpakkenCli.RunAsync("pipeline", "--input", Path.Combine(_dir, "absent.parquet"), "--data", Data, "--out", Out);

        Assert.Equal(2, result.ExitCode);
        Assert.Matches("^afpakken pipeline: error: .*absent.parquet: file not found$", LastErrorLine(result));
        Assert.False(Directory.Exists(Data));
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task A_file_that_is_not_parquet_exits_non_zero_and_loads_nothing()
    {
        var result = await AfpakkenCli.RunAsync("pipeline", "--input", TestFiles.NotParquet(_dir), "--data", Data, "--out", Out);

        Assert.Equal(2, result.ExitCode);
        Assert.Matches("not-parquet.parquet: not a Parquet file", LastErrorLine(result));
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task A_parquet_file_without_a_required_column_exits_non_zero_naming_the_column_and_keeps_the_store()
    {
        var good = await TestFiles.TransactionsAsync(_dir, Some.Transactions(30));
        var first = await AfpakkenCli.RunAsync("pipeline", "--input", good, "--data", Data, "--out", Out);
        Assert.Equal(0, first.ExitCode);
        var before = Snapshot(Data);

        var result = await AfpakkenCli.RunAsync("pipeline", "--input", await TestFiles.WithoutAmountAsync(_dir), "--data", Data, "--out", Out);

        Assert.Equal(2, result.ExitCode);
        Assert.Matches("no-amount.parquet: required column 'amount' is missing", LastErrorLine(result));
        Assert.Equal(before, Snapshot(Data));
    }

    [Fact]
    public async Task A_good_run_writes_both_score_files_with_every_row_once()
    {
        var file = await TestFiles.TransactionsAsync(_dir, Some.Transactions(30));

        var result = await AfpakkenCli.RunAsync("pipeline", "--input", file, "--data", Data, "--out", Out);

        Assert.Equal(0, result.ExitCode);
        var tx = await File.ReadAllLinesAsync(Path.Combine(Out, "transaction_scores.csv"));
        var accounts = await File.ReadAllLinesAsync(Path.Combine(Out, "account_scores.csv"));
        Assert.Equal("tx_id,score,flagged,typologies", tx[0]);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"T{i}").Order(), tx.Skip(1).Select(l => l.Split(',')[0]).Order());
        Assert.Equal("account,score,flagged,typologies", accounts[0]);
        Assert.Equal(12, accounts.Length - 1);
        Assert.Contains("30 loaded, 0 rejected, 0 duplicate", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_in_the_amlworld_layout_runs_through_the_pipeline_with_its_preset()
    {
        var file = Path.Combine(_dir, "HI-Small_Trans.csv");
        await File.WriteAllTextAsync(file,
            "Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount Paid,Payment Currency,Payment Format,Is Laundering\n" +
            "2022/09/01 00:20,10,8000EBD30,10,8000EBD30,3697.34,US Dollar,3697.34,US Dollar,Reinvestment,0\n" +
            "2022/09/01 00:21,11,8000EBD31,12,8000EBD32,100.00,Euro,100.00,Euro,Wire,1\n");

        var result = await AfpakkenCli.RunAsync("pipeline", "--input", file, "--mapping", "amlworld", "--data", Data, "--out", Out);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 loaded, 0 rejected, 0 duplicate", result.Stdout, StringComparison.Ordinal);
        var ids = (await File.ReadAllLinesAsync(Path.Combine(Out, "transaction_scores.csv"))).Skip(1).Select(l => l.Split(',')[0]);
        Assert.Equal(["HI-Small_Trans.csv:1", "HI-Small_Trans.csv:2"], ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Detect_analyses_the_store_in_the_window_given()
    {
        var file = await TestFiles.TransactionsAsync(_dir, Some.Transactions(30)); // one a day from 2025-03-01
        Assert.Equal(0, (await AfpakkenCli.RunAsync("ingest", file, "--data", Data)).ExitCode);

        var all = await AfpakkenCli.RunAsync("detect", "--data", Data, "--out", Out);
        var tenDays = await AfpakkenCli.RunAsync("detect", "--data", Data, "--out", Out, "--from", "2025-03-10", "--to", "2025-03-19");
        var backwards = await AfpakkenCli.RunAsync("detect", "--data", Data, "--out", Out, "--from", "2025-03-19", "--to", "2025-03-10");

        Assert.Contains(": 30 transactions,", all.Stdout, StringComparison.Ordinal);
        Assert.Contains(": 10 transactions,", tenDays.Stdout, StringComparison.Ordinal);
        Assert.Equal(11, (await File.ReadAllLinesAsync(Path.Combine(Out, "transaction_scores.csv"))).Length);
        Assert.Equal(2, backwards.ExitCode);
    }

    /// <summary>Every file under the data directory with its size and last write: the store "as it was".</summary>
    private static List<string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("-shm", StringComparison.Ordinal) && !f.EndsWith("-wal", StringComparison.Ordinal))
            .Select(f => $"{Path.GetRelativePath(root, f)}:{new FileInfo(f).Length}:{File.GetLastWriteTimeUtc(f):O}")
            .Order(StringComparer.Ordinal)
            .ToList();
}
