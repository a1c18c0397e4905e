using System.Text;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Turns UTF-8 cells of a low-cardinality column (currency, channel, bank, typology) into strings, translated
/// through the mapping once per distinct value: repeated values share one string and cost a lookup, not an
/// allocation. Invalid UTF-8 becomes U+FFFD. Stops remembering new values past <see cref="Limit"/> distinct ones.
/// </summary>
internal sealed class Utf8TextCache
{
    public const int Limit = 100_000;
    private const int MaxCachedBytes = 128;

    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Func<string, string?> _translate;

    public Utf8TextCache(Func<string, string?> translate)
    {
        _translate = translate;
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The translated value of a cell; null for an empty cell.</summary>
    public string? Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return null;
        }

        if (utf8.Length > MaxCachedBytes)
        {
            return _translate(Encoding.UTF8.GetString(utf8));
        }

        // UTF-8 never decodes to more chars than it has bytes (an invalid byte becomes one U+FFFD).
        Span<char> chars = stackalloc char[MaxCachedBytes];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var text = chars[..length];
        if (_lookup.TryGetValue(text, out var known))
        {
            return known;
        }

        var raw = new string(text);
        var translated = _translate(raw);
        if (_values.Count < Limit)
        {
            _values[raw] = translated;
        }

        return translated;
    }
}
