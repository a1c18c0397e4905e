using Afpakken.Engine.Generation;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Cli;

/// <summary>The prosecutor's commands as a user runs them: generate, ingest, detect, then candidates and an overview.</summary>
public sealed class ConfiscationCommandsTests : IAsyncLifetime
{
    private readonly string _dir = Some.TempDirectory();

    private string Data => Path.Combine(_dir, "data");

    public async Task InitializeAsync()
    {
        var world = Path.Combine(_dir, "world");
        await WorldGenerator.WriteAsync(new GenerationOptions(world, 60_000, 5));
        var files = new[] { "parties", "accounts", "assets", "income", "transactions" }.Select(f => Path.Combine(world, f + ".parquet"));
        Assert.Equal(0, (await AfpakkenCli.RunAsync(["ingest", .. files, "--data", Data])).ExitCode);
        Assert.Equal(0, (await AfpakkenCli.RunAsync("detect", "--data", Data, "--out", Path.Combine(_dir, "out"))).ExitCode);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Candidates_then_an_overview_in_every_format_and_an_intact_audit_log()
    {
        var candidates = Path.Combine(_dir, "candidates.csv");
        var ranked = await AfpakkenCli.RunAsync("candidates", "--data", Data, "--format", "csv", "--out", candidates);
        Assert.Equal(0, ranked.ExitCode);
        var rows = await File.ReadAllLinesAsync(candidates);
        Assert.StartsWith("rank,party_id,name,kind,estimated_wvv", rows[0], StringComparison.Ordinal);
        Assert.True(rows.Length > 2, "no candidates in a world with planted laundering");
        var subject = rows[1].Split(',')[1];

        foreach (var (format, marker) in new[] { ("html", "Vermogensoverzicht"), ("json", "\"cash_statements\""), ("csv", "case_number,section,item") })
        {
            var file = Path.Combine(_dir, "overview." + format);
            var result = await AfpakkenCli.RunAsync("asset-overview", "--data", Data, "--subject", subject, "--case", "ZAAK-9", "--format", format, "--out", file, "--user", "mr. Jansen");
            Assert.Equal(0, result.ExitCode);
            var text = await File.ReadAllTextAsync(file);
            Assert.Contains(marker, text, StringComparison.Ordinal);
            Assert.Contains("ZAAK-9", text, StringComparison.Ordinal);
            if (format == "json")
            {
                // The overview's estimate is the one the ranking listed for the subject.
                using var json = System.Text.Json.JsonDocument.Parse(text);
                Assert.Equal(
                    decimal.Parse(rows[1].Split(',')[4], System.Globalization.CultureInfo.InvariantCulture),
                    json.RootElement.GetProperty("estimated_wvv").GetDecimal());
            }
        }

        var english = await AfpakkenCli.RunAsync("asset-overview", "--data", Data, "--subject", subject, "--case", "ZAAK-9", "--format", "html", "--lang", "en");
        Assert.Contains("Net-worth comparison", english.Stdout, StringComparison.Ordinal);

        var verify = await AfpakkenCli.RunAsync("audit-log", "--data", Data, "--verify");
        Assert.Equal(0, verify.ExitCode);
        Assert.Equal("audit log intact: 5 entries", verify.Stdout.Trim());
        var log = await AfpakkenCli.RunAsync("audit-log", "--data", Data);
        Assert.Contains($"\tmr. Jansen\tcli\tconsult\tZAAK-9\t", log.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overview_without_a_case_or_of_an_unknown_party_is_one_line_and_exit_2()
    {
        var noCase = await AfpakkenCli.RunAsync("asset-overview", "--data", Data, "--subject", "P1");
        var ghost = await AfpakkenCli.RunAsync("asset-overview", "--data", Data, "--subject", "GHOST", "--case", "ZAAK-9");
        var report = Path.Combine(_dir, "report.pdf");
        var badFormat = await AfpakkenCli.RunAsync("candidates", "--data", Data, "--format", "pdf", "--out", report);

        Assert.Equal((2, "afpakken: error: Option '--case' is required. (see --help)"), (noCase.ExitCode, noCase.Stderr.Trim()));
        Assert.Equal(2, ghost.ExitCode);
        Assert.EndsWith("afpakken asset-overview: error: GHOST: no such party in the store (load the parties file first)", ghost.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Equal(2, badFormat.ExitCode);
        Assert.EndsWith("afpakken candidates: error: --format: 'pdf' is not one of json, html, csv", badFormat.Stderr.Trim(), StringComparison.Ordinal);

        // Refused before anything was read: no report file, nothing half-written, no read in the audit log.
        Assert.Empty(Directory.GetFiles(_dir, "report.pdf*"));
        Assert.Equal("audit log intact: 0 entries", (await AfpakkenCli.RunAsync("audit-log", "--data", Data, "--verify")).Stdout.Trim());
    }
}
