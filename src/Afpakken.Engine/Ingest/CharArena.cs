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
}
