namespace Afpakken.Engine.Ingest;

/// <summary>
/// Turns cells read as characters (Parquet's <see cref="ReadOnlyMemory{T}"/> of char) into strings, translated
/// through the mapping once per distinct value: a value seen before costs a lookup, not an allocation. Account ids
/// repeat across millions of rows, currency and channel are a handful of values. Stops remembering new values past
/// its limit, after which each new value is allocated as it comes.
/// </summary>
internal sealed class TextInterner
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Func<string, string?> _translate;
    private readonly int _limit;

    public TextInterner(Func<string, string?> translate, int limit)
    {
        _translate = translate;
        _limit = limit;
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string? Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var known))
        {
            return known;
        }

        var raw = new string(text);
        var translated = _translate(raw);
        if (_values.Count < _limit)
        {
            _values[raw] = translated;
        }

        return translated;
    }
}
