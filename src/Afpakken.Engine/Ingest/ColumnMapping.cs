using System.Globalization;
using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Maps a source's own layout onto the canonical transaction contract without code: which source column feeds
/// each canonical field (by name, or by 1-based position as <c>"#3"</c> for headers that repeat a name), defaults
/// for fields the source lacks, value translations (e.g. channel <c>"TRANSFER"</c> → <c>"wire"</c>), the
/// timestamp format of textual timestamps, and the CSV delimiter and number culture.
/// A canonical field the mapping does not name is taken from a source column of the canonical name, if any.
/// </summary>
public sealed record ColumnMapping
{
    /// <summary>Ground-truth label columns: kept apart at ingest, never a feature.</summary>
    public const string IsLaundering = "is_laundering";
    public const string Typology = "typology";

    /// <summary>Every field a mapping may name, in contract order.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        TransactionSchema.TxId, TransactionSchema.BookedAt, TransactionSchema.FromAccount, TransactionSchema.ToAccount,
        TransactionSchema.Amount, TransactionSchema.Currency, TransactionSchema.Channel, TransactionSchema.FromBank,
        TransactionSchema.ToBank, TransactionSchema.Description, IsLaundering, Typology,
    ];

    /// <summary>The position of a field in <see cref="Fields"/>.</summary>
    public static int FieldIndex(string canonical)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i] == canonical)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(canonical), canonical, "not a field of the contract");
    }

    /// <summary>Fields that may come from <see cref="Defaults"/> instead of a column.</summary>
    public static IReadOnlyList<string> Defaultable { get; } =
        [TransactionSchema.TxId, TransactionSchema.Currency, TransactionSchema.Channel, TransactionSchema.FromBank, TransactionSchema.ToBank, TransactionSchema.Description];

    /// <summary>Where the mapping came from: a preset name or a file path; used in error messages.</summary>
    public string Name { get; init; } = "canonical";

    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Defaults { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>.NET custom format of textual timestamps, e.g. <c>yyyy/MM/dd HH:mm</c>; null: ISO 8601. Always taken as UTC.</summary>
    public string? TimestampFormat { get; init; }

    public char Delimiter { get; init; } = ',';

    /// <summary>Culture of textual numbers, e.g. <c>nl-NL</c> for <c>1.234,56</c>; null: invariant.</summary>
    public string? Culture { get; init; }

    public CultureInfo NumberCulture => Culture is null ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(Culture);

    /// <summary>The source column reference for a field: the mapped one, else the canonical name itself.</summary>
    public string SourceFor(string field) => Columns.TryGetValue(field, out var source) ? source : field;

    public bool IsMapped(string field) => Columns.ContainsKey(field);

    /// <summary>Translates a source value of a field through <see cref="Values"/>; unknown values pass unchanged.</summary>
    public string? Translate(string field, string? value) =>
        value is not null && Values.TryGetValue(field, out var table) && table.TryGetValue(value, out var canonical) ? canonical : value;

    /// <summary>The canonical layout: every column under its contract name.</summary>
    public static ColumnMapping Canonical { get; } = new();
}
