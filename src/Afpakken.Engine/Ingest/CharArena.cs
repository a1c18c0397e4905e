using System.Text;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Decodes UTF-8 cells into shared chunks of characters and hands out slices: an id costs no object of its own.
/// A chunk is never written again once a slice of it is out, so slices stay valid for as long as they are held;
/// chunks stay under the large-object threshold so that they die young with the batch that holds them.
/// Invalid UTF-8 becomes U+FFFD, as with <see cref="Encoding.UTF8"/>.
/// </summary>
internal sealed class CharArena
{
    private const int ChunkChars = 32 * 1024;
    private const int LargestInChunk = ChunkChars / 8;

    private char[] _chunk = new char[ChunkChars];
    private int _used;

    public ReadOnlyMemory<char> Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return default;
        }

        // UTF-8 never decodes to more chars than it has bytes.
        if (utf8.Length > LargestInChunk)
        {
            return Encoding.UTF8.GetString(utf8).AsMemory();
        }

        if (_used + utf8.Length > _chunk.Length)
        {
            _chunk = new char[ChunkChars];
            _used = 0;
        }

        var length = Encoding.UTF8.GetChars(utf8, _chunk.AsSpan(_used));
        var slice = new ReadOnlyMemory<char>(_chunk, _used, length);
        _used += length;
        return slice;
    }

    /// <summary>
    /// A whole column of UTF-8 cells laid out back to back (Arrow's and Parquet's layout: cell i is
    /// <c>data[offsets[i]..offsets[i + 1]]</c>): runs of ASCII cells that fit a chunk are widened in one vectorised
    /// step; anything else goes cell by cell through <see cref="Decode"/>.
    /// </summary>
    public void DecodeColumn(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, Span<ReadOnlyMemory<char>> cells)
    {
        var i = 0;
        while (i < cells.Length)
        {
            // The longest run of cells from i that fits the rest of the chunk (a fresh chunk if not even one does).
            var start = offsets[i];
            if (offsets[i + 1] - start > _chunk.Length - _used)
            {
                if (offsets[i + 1] - start > LargestInChunk)
                {
                    cells[i] = Decode(data[start..offsets[i + 1]]);
                    i++;
                    continue;
                }

                _chunk = new char[ChunkChars];
                _used = 0;
            }

            var end = i + 1;
            while (end < cells.Length && offsets[end + 1] - start <= _chunk.Length - _used)
            {
                end++;
            }

            var run = data[start..offsets[end]];
            if (!Ascii.IsValid(run))
            {
                for (; i < end; i++)
                {
                    cells[i] = Decode(data[offsets[i]..offsets[i + 1]]);
                }

                continue;
            }

            Ascii.ToUtf16(run, _chunk.AsSpan(_used), out _);
            for (; i < end; i++)
            {
                var length = offsets[i + 1] - offsets[i];
                cells[i] = length == 0 ? default : new ReadOnlyMemory<char>(_chunk, _used + offsets[i] - start, length);
            }

            _used += run.Length;
        }
    }
}
