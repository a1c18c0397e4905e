using System.CommandLine;
using System.Globalization;
using System.Text;
using Afpakken.Engine.Confiscation;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Reports;

namespace Afpakken.Jobs.Cli;

/// <summary>
/// <c>afpakken asset-overview</c> (one subject, for a case) and <c>afpakken candidates</c> (the ranked list), as JSON,
/// HTML or CSV, on stdout or into <c>--out FILE</c> (written aside and moved into place).
/// </summary>
internal static class ConfiscationCommands
{
    private static readonly string[] Formats = ["json", "html", "csv"];

    public static Command AssetOverview()
    {
        var (data, from, to, format, lang, output, config, user) = Common();
        var subject = new Option<string>("--subject") { Description = "Party id of the subject", Required = true };
        var caseNumber = new Option<string>("--case") { Description = "Case number the overview is requested for (required, logged)", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "Why the data is consulted (written to the audit log)", DefaultValueFactory = _ => ConfiscationService.DefaultPurpose };
        var openingCash = new Option<string?>("--opening-cash") { Description = "Opening cash the defence claims, for the sensitivity run of the cash statement" };
        var paidToVictims = new Option<string?>("--paid-to-victims") { Description = "Paid to victims, deducted for the payable amount" };
        var forfeited = new Option<string?>("--already-forfeited") { Description = "Already forfeited, deducted for the payable amount" };
        var reductions = new Option<string?>("--court-reductions") { Description = "Court reductions, deducted for the payable amount" };
        var command = new Command("asset-overview", "Asset overview and unlawfully obtained benefit of one subject and its straw men / front companies")
        {
            data, subject, caseNumber, purpose, from, to, format, lang, output, config, user, openingCash, paidToVictims, forfeited, reductions,
        };
        command.SetAction((parse, cancellationToken) => CliRun.RunAsync("asset-overview", async (logger, ct) =>
        {
            // Every option checked before the store is read and the read is written to the audit log.
            var (fmt, language) = (Format(parse.GetValue(format)!), Lang(parse.GetValue(lang)!));
            var claimed = parse.GetValue(openingCash) is { } text ? Money(text, "--opening-cash") : (decimal?)null;
            var given = (parse.GetValue(paidToVictims), parse.GetValue(forfeited), parse.GetValue(reductions));
            var deductions = given is (null, null, null)
                ? null
                : new PayableDeductions(Optional(given.Item1, "--paid-to-victims"), Optional(given.Item2, "--already-forfeited"), Optional(given.Item3, "--court-reductions"));
            var (service, period) = await OpenAsync(parse.GetValue(data)!, parse.GetValue(config), parse.GetValue(from), parse.GetValue(to), parse.GetValue(purpose)!, logger, ct);
            var report = await service.SubjectReportAsync(parse.GetValue(subject)!, period, parse.GetValue(caseNumber)!, parse.GetValue(user)!, claimed, ct, deductions);
            await WriteAsync(parse.GetValue(output), async stream =>
            {
                switch (fmt)
                {
                    case "json": await ConfiscationJson.WriteSubjectAsync(report, stream, ct); break;
                    case "csv": await WriteTextAsync(stream, w => ConfiscationCsv.WriteSubject(report, w)); break;
                    default: await WriteTextAsync(stream, w => ConfiscationHtml.WriteSubject(report, language, w)); break;
                }
            }, ct);
            return 0;
        }, cancellationToken));
        return command;
    }

    public static Command Candidates()
    {
        var (data, from, to, format, lang, output, config, user) = Common();
        var command = new Command("candidates", "Ranked confiscation candidates: estimated benefit, recoverable assets, seizure priority, evidence, reasons")
        {
            data, from, to, format, lang, output, config, user,
        };
        command.SetAction((parse, cancellationToken) => CliRun.RunAsync("candidates", async (logger, ct) =>
        {
            var (fmt, language) = (Format(parse.GetValue(format)!), Lang(parse.GetValue(lang)!));
            var (service, period) = await OpenAsync(
                parse.GetValue(data)!, parse.GetValue(config), parse.GetValue(from), parse.GetValue(to), ConfiscationService.TriagePurpose, logger, ct);
            var list = await service.CandidatesAsync(period, parse.GetValue(user)!, ct);
            await WriteAsync(parse.GetValue(output), async stream =>
            {
                switch (fmt)
                {
                    case "json": await ConfiscationJson.WriteCandidatesAsync(list, stream, ct); break;
                    case "csv": await WriteTextAsync(stream, w => ConfiscationCsv.WriteCandidates(list, w)); break;
                    default: await WriteTextAsync(stream, w => ConfiscationHtml.WriteCandidates(list, language, w)); break;
                }
            }, ct);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static (Option<string> Data, Option<string?> From, Option<string?> To, Option<string> Format, Option<string> Lang, Option<string?> Output,
        Option<string?> Config, Option<string> User) Common() =>
    (
        new Option<string>("--data") { Description = "Data directory (entities loaded, detection run)", Required = true },
        new Option<string?>("--from") { Description = "First day of the period (yyyy-MM-dd); default: the last detection window" },
        new Option<string?>("--to") { Description = "Last day of the period (yyyy-MM-dd, inclusive)" },
        new Option<string>("--format") { Description = "json, html or csv", DefaultValueFactory = _ => "json" },
        new Option<string>("--lang") { Description = "Language of the HTML report: nl (default) or en", DefaultValueFactory = _ => "nl" },
        new Option<string?>("--out") { Description = "Write the report to this file instead of stdout" },
        new Option<string?>("--config") { Description = "Confiscation settings (norm table, thresholds); default: the shipped confiscation.json" },
        new Option<string>("--user") { Description = "Who produces the report (printed on every page and logged)", DefaultValueFactory = _ => Environment.UserName }
    );

    private static async Task<(ConfiscationService, Period)> OpenAsync(
        string dataDir, string? config, string? from, string? to, string purpose, Serilog.ILogger logger, CancellationToken ct)
    {
        var store = await CliRun.OpenStoreAsync(dataDir, "ingest the entity and transaction files and run detect first", ct);
        var options = config is null ? ConfiscationOptions.LoadDefault() : ConfiscationOptions.Load(config);
        var service = new ConfiscationService(store, options, logger, TimeProvider.System) { Purpose = purpose };
        var fallback = await CliRun.DetectedPeriodAsync(service, dataDir, ct);
        var period = new Period(from is null ? fallback.From : Day(from, "--from"), to is null ? fallback.To : Day(to, "--to"));
        return period.From <= period.To ? (service, period) : throw new InvalidInputException("--from", "must not be after --to");
    }

    private static async Task WriteAsync(string? output, Func<Stream, Task> write, CancellationToken ct)
    {
        if (output is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            await write(stdout);
            return;
        }

        var full = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var aside = full + ".partial";
        try
        {
            await using (var file = File.Create(aside))
            {
                await write(file);
            }

            ct.ThrowIfCancellationRequested();
            File.Move(aside, full, overwrite: true);
        }
        catch
        {
            // Nothing half-written is left behind.
            File.Delete(aside);
            throw;
        }

        await Console.Error.WriteLineAsync($"wrote {full}");
    }

    private static async Task WriteTextAsync(Stream stream, Action<TextWriter> write)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        write(writer);
        await writer.FlushAsync();
    }

    private static string Format(string value) =>
        Formats.Contains(value, StringComparer.OrdinalIgnoreCase) ? value.ToLowerInvariant() : throw new InvalidInputException("--format", $"'{value}' is not one of json, html, csv");

    private static string Lang(string value) =>
        value.ToLowerInvariant() is "nl" or "en" ? value.ToLowerInvariant() : throw new InvalidInputException("--lang", $"'{value}' is not nl or en");

    private static DateOnly Day(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InvalidInputException(option, $"'{text}' is not a date (yyyy-MM-dd)");

    private static decimal Optional(string? text, string option) => text is null ? 0m : Money(text, option);

    private static decimal Money(string text, string option) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount >= 0
            ? amount
            : throw new InvalidInputException(option, $"'{text}' is not a non-negative amount (use a dot for decimals)");
}
