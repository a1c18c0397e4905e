using System.IO.Hashing;
using System.Text;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Turns UTF-8 cells of a low-cardinality column (currency, channel, bank, description, typology) into strings,
/// translated through the mapping once per distinct value: repeated values share one string and cost a hash of their
/// bytes and one comparison, with no decoding and no allocation. Invalid UTF-8 becomes U+FFFD. Stops remembering new
/// values past <see cref="Limit"/> distinct ones (a free-text column then costs a string per cell, as without cache).
/// </summary>
internal sealed class Utf8TextCache
{
    public const int Limit = 100_000;
    private const int MaxCachedBytes = 128;

    // Seeded per process: cell values come from the files, and must not be choosable to collide.
    private static readonly long Seed = Random.Shared.NextInt64();

    private readonly Func<string, string?> _translate;

    // Open addressing over (hash, bytes) keys; the bytes live in one arena. Slot 0 of _entry means empty.
    private int[] _entry = new int[64];
    private ulong[] _hashes = [];
    private int[] _starts = [];
    private int[] _lengths = [];
    private string?[] _values = [];
    private byte[] _arena = new byte[4096];
    private int _arenaUsed;
    private int _count;
    private int _last = -1;

    public Utf8TextCache(Func<string, string?> translate) => _translate = translate;

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

        // Runs of one value (a currency, a channel) skip the hash: the previous cell's bytes are compared first.
        if (_last >= 0 && utf8.SequenceEqual(_arena.AsSpan(_starts[_last], _lengths[_last])))
        {
            return _values[_last];
        }

        var hash = XxHash3.HashToUInt64(utf8, Seed);
        var mask = _entry.Length - 1;
        for (var slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            var e = _entry[slot] - 1;
            if (e < 0)
            {
                break;
            }

            if (_hashes[e] == hash && utf8.SequenceEqual(_arena.AsSpan(_starts[e], _lengths[e])))
            {
                _last = e;
                return _values[e];
            }
        }

        var translated = _translate(Encoding.UTF8.GetString(utf8));
        if (_count < Limit)
        {
            Add(hash, utf8, translated);
            _last = _count - 1;
        }

        return translated;
    }

    private void Add(ulong hash, ReadOnlySpan<byte> utf8, string? value)
    {
        if (_count == _hashes.Length)
        {
            var size = Math.Max(16, _count * 2);
            Array.Resize(ref _hashes, size);
            Array.Resize(ref _starts, size);
            Array.Resize(ref _lengths, size);
            Array.Resize(ref _values, size);
        }

        if (_arenaUsed + utf8.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + utf8.Length));
        }

        utf8.CopyTo(_arena.AsSpan(_arenaUsed));
        (_hashes[_count], _starts[_count], _lengths[_count], _values[_count]) = (hash, _arenaUsed, utf8.Length, value);
        _arenaUsed += utf8.Length;
        _count++;
        if (_count * 2 > _entry.Length)
        {
            _entry = new int[_entry.Length * 2];
            for (var e = 0; e < _count; e++)
            {
                Place(_hashes[e], e);
            }
        }
        else
        {
            Place(hash, _count - 1);
        }
    }

    private void Place(ulong hash, int entry)
    {
        var mask = _entry.Length - 1;
        var slot = (int)hash & mask;
        while (_entry[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        _entry[slot] = entry + 1;
    }
}
