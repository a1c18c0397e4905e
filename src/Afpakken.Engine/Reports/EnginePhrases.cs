using System.Globalization;
using System.Text.RegularExpressions;

namespace Afpakken.Engine.Reports;

/// <summary>
/// The sentences the confiscation engine writes into line items, evidence and reasons (in English, as the JSON keeps
/// them) rendered in Dutch for the Dutch report. Each rule matches one sentence shape of the engine, with the record
/// ids, amounts and dates it carries; amounts are then written the Dutch way (26.000,00). A shape no rule knows stays
/// as the engine wrote it. The alert explanations of the detection are quoted as they are.
/// </summary>
internal static partial class EnginePhrases
{
    private static readonly (Regex Pattern, string Dutch)[] Rules =
    [
        (Rx(@"its account (\S+) is the focus of (\S+) alert (\S+) \((\d+) tx\)"), "zijn rekening $1 is het middelpunt van $2-melding $3 ($4 tx)"),
        (Rx(@"(\S+) is the focus of (\S+) alert (\S+)"), "$1 is het middelpunt van $2-melding $3"),
        (Rx(@"(\S+) is where (\S+ ?%) of the money of (\S+) alert (\S+) came from"), "$1 is de herkomst van $2 van het geld van $3-melding $4"),
        (Rx(@"(\S+) is where (\S+ ?%) of the money of (\S+) alert (\S+) ended"), "$1 is de bestemming van $2 van het geld van $3-melding $4"),
        (Rx(@" \((\S+ ?%) with the subject's other accounts\)"), " ($1 samen met de andere rekeningen van de betrokkene)"),
        (Rx(@" \(less ([\d,.]+) already counted above: tx ([^)]*)\)"), " (min $1, hierboven al meegeteld: tx $2)"),
        (Rx(@"cash withdrawn from (\S+) \((\d+)×\)"), "kasopnamen van $1 ($2×)"),
        (Rx(@"cash deposited into (\S+) \((\d+)×\)"), "kasstortingen op $1 ($2×)"),
        (Rx(@"norm table '([^']*)'"), "normtabel '$1'"),
        (Rx(@"card/direct-debit payments of (\S+)"), "pin- en incassobetalingen van $1"),
        (Rx(@"cash found \(([^,]+), ([^)]+)\)"), "bij doorzoeking aangetroffen contant geld ($1, $2)"),
        (Rx(@"purchase of (\S+) (\S+) \(([^)]+)\)"), "aankoop van {kind:1} $2 ($3)"),
        (Rx(@"living costs by norm \(([^)]+)\) (\S+) minus (\S+) paid through the bank"), "kosten van levensonderhoud volgens norm ($1) $2 min $3 betaald via de bank"),
        (Rx(@"living costs by norm \(([^)]+)\)"), "kosten van levensonderhoud volgens norm ($1)"),
        (Rx(@"legal income (\d{4}) \(([^)]+)\)"), "legaal inkomen $1 ($2)"),
        (Rx(@"^(\S+) (\S+) \(([^)]+)\), at cost$"), "{kind:1} $2 ($3), tegen kostprijs"),
        (Rx(@"^(\S+) on (\S+)$"), "{kind:1} op $2"),
        (Rx(@"(\d+) alert\(s\) attributed \(([^)]*)\); evidence strength (\S+)"), "$1 melding(en) toegerekend ($2); bewijssterkte $3"),
        (Rx(@"estimated benefit (\S+) by the transaction method \(cash statement (\S+), net-worth comparison (\S+)\)"),
            "geschat voordeel $1 volgens de transactiemethode (kasopstelling $2, vermogensvergelijking $3)"),
        (Rx(@"recoverable (\S+) in (\d+) asset\(s\)"), "verhaalbaar $1 in $2 vermogensbestanddeel/-delen"),
        (Rx(@"seize first: (\S+) (\S+) held by (\S+) \(priority (\S+)\)"), "eerst beslag leggen op: {kind:1} $2 op naam van $3 (prioriteit $4)"),
        (Rx(@"controls (\d+) straw man/men and (\d+) company/companies"), "beheerst $1 katvanger(s) en $2 vennootschap(pen)"),
        (Rx(@"^party (\S+)$"), "partij $1"),
        (Rx(@"(\S+) is director/UBO of (\S+) \(parties record (\S+)\)"), "$1 is bestuurder/UBO van $2 (partijregistratie $3)"),
        (Rx(@"straw man (\S+) is director/UBO of (\S+)"), "katvanger $1 is bestuurder/UBO van $2"),
        (Rx(@"(\S+) is director/UBO of (\S+)"), "$1 is bestuurder/UBO van $2"),
        (Rx(@"asset (\S+) registered to (\S+) paid by tx (\S+) from (\S+) \(([^)]+)\)"), "vermogensbestanddeel $1 op naam van $2, betaald met tx $3 van $4 ($5)"),
        (Rx(@"(\S+) is registered with the subject's contact details \((.*)\)$"), "$1 is geregistreerd met de contactgegevens van de betrokkene ($2)"),
        (Rx(@"indicator: directed by "), "indicator: bestuurd door "),
        (Rx(@"indicator: registered at the subject's address '([^']*)'"), "indicator: gevestigd op het adres van de betrokkene '$1'"),
        (Rx(@"indicator: holds (\d+) asset\(s\) bought for (\S+) \((\d+) vehicle\(s\)/vessel\(s\)\), directs (\d+) company/companies, holds (\d+) account\(s\); highest legal income (\S+) a year"),
            "indicator: bezit $1 vermogensbestanddeel/-delen, gekocht voor $2 ($3 voertuig(en)/vaartuig(en)), bestuurt $4 vennootschap(pen), houdt $5 rekening(en); hoogste legale inkomen $6 per jaar"),
        (Rx(@" — assets (\S+)× legal income"), " — bezit $1× het legale inkomen"),
        (Rx(@"indicator: lives at the subject's address '([^']*)'"), "indicator: woont op het adres van de betrokkene '$1'"),
        (Rx(@"indicator: registered with the subject's phone or e-mail"), "indicator: geregistreerd met het telefoonnummer of e-mailadres van de betrokkene"),
        (Rx(@"shares address '([^']*)'"), "deelt adres '$1'"),
        (Rx(@"shares phone '([^']*)'"), "deelt telefoonnummer '$1'"),
        (Rx(@"shares e-mail '([^']*)'"), "deelt e-mailadres '$1'"),
        (Rx(@"^assets record (\S+)$"), "registratie vermogensbestanddeel $1"),
        (Rx(@"paid by tx (\S+) from (\S+) to (\S+) \(([^)]+)\)"), "betaald met tx $1 van $2 aan $3 ($4)"),
        (Rx(@"opening cash as claimed by the defence"), "beginkas zoals gesteld door de verdediging"),
    ];

    /// <summary>An amount as the engine writes it (1,234.56 or 1234.56), not inside an id or a date.</summary>
    [GeneratedRegex(@"(?<![\w/-]|\d[.,])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})(?![\w/-]|[.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Amount();

    /// <param name="term">The report's vocabulary, for the asset and liability kinds a sentence names ({kind:N} in a rule).</param>
    public static string ToDutch(string engineText, Func<string, string> term)
    {
        var text = engineText;
        foreach (var (pattern, dutch) in Rules)
        {
            // {kind:N} is resolved in the template before the groups go in, so data that happens to contain it stays as it is.
            text = pattern.Replace(text, m => m.Result(KindRef().Replace(dutch,
                k => term(m.Groups[int.Parse(k.Groups[1].Value, CultureInfo.InvariantCulture)].Value).Replace("$", "$$", StringComparison.Ordinal))));
        }

        return Amount().Replace(text, m => m.Groups[1].Value.Replace(',', '.') + "," + m.Groups[2].Value);
    }

    [GeneratedRegex(@"\{kind:(\d)\}", RegexOptions.CultureInvariant)]
    private static partial Regex KindRef();

    // Interpreted: a report translates a few dozen phrases, less than compiling 42 patterns would cost each run.
    private static Regex Rx(string pattern) => new(pattern, RegexOptions.CultureInvariant);
}
