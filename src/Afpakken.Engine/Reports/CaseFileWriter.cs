using System.Globalization;
using System.Text;
using System.Text.Json;
using Afpakken.Engine.Pipeline;

namespace Afpakken.Engine.Reports;

/// <summary>
/// Writes <c>cases.json</c> (cases with their alerts and explanations) and <c>facilitators.csv</c> (account, score, cases,
/// typologies, case ids, role — member, broker or gatekeeper —, brokerage, flagged and all counterparties, party) beside the score files.
/// </summary>
public static class CaseFileWriter
{
    public const string CasesFile = "cases.json";
    public const string FacilitatorsFile = "facilitators.csv";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task WriteAsync(string outputDirectory, DetectionRun run, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        var alerts = run.Alerts.ToDictionary(a => a.AlertId, StringComparer.Ordinal);
        var cases = run.Cases.Select(c => new
        {
            c.CaseId,
            c.Score,
            c.Typologies,
            c.Accounts,
            c.TotalAmount,
            c.FirstAt,
            c.LastAt,
            Alerts = c.AlertIds.Select(id => alerts[id]).ToList(),
        });
        await WriteAsideAsync(Path.Combine(outputDirectory, CasesFile), JsonSerializer.Serialize(new { run.RunId, run.Window, Cases = cases }, Json), cancellationToken);

        var csv = new StringBuilder("account,score,cases,typologies,case_ids,role,brokerage,flagged_counterparties,counterparties,party\n");
        foreach (var f in run.Facilitators)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{CsvText.Quote(f.Account)},{f.Score:0.######},{f.Cases},{string.Join(';', f.Typologies)},{string.Join(';', f.CaseIds)},{f.Role},{f.Brokerage:0.######},{f.FlaggedCounterparties},{f.Counterparties},{CsvText.Quote(f.Party ?? "")}\n");
        }

        await WriteAsideAsync(Path.Combine(outputDirectory, FacilitatorsFile), csv.ToString(), cancellationToken);
    }

    private static async Task WriteAsideAsync(string path, string content, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path + ".tmp", content, new UTF8Encoding(false), cancellationToken);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
