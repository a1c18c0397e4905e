using Afpakken.Engine.Formats;

namespace Afpakken.Engine.Graph;

/// <summary>A growable column of UTF-8 cells (bytes back to back, offsets), filled from decoded columns or one cell at a time.</summary>
/// <param name="tooLarge">The message when the cells outgrow one array (2 GB).</param>
internal sealed class Utf8CellBuffer(string tooLarge = "Too many account bytes gathered at once.")
{
    private byte[] _data = new byte[4096];
    private int[] _offsets = new int[257];
    private int _bytes;

    public int Count { get; private set; }

    public Utf8Cells Cells => new(_data.AsMemory(0, _bytes), _offsets.AsMemory(0, Count + 1));

    public void Clear() => (Count, _bytes) = (0, 0);

    /// <summary>Appends one cell.</summary>
    public void Append(ReadOnlySpan<byte> cell)
    {
        EnsureOffsets(1);
        Reserve(cell.Length);
        cell.CopyTo(_data.AsSpan(_bytes));
        _bytes += cell.Length;
        _offsets[++Count] = _bytes;
    }

    /// <summary>Appends one cell given as text (encoded as UTF-8).</summary>
    public void Append(string cell)
    {
        EnsureOffsets(1);
        Reserve(System.Text.Encoding.UTF8.GetMaxByteCount(cell.Length));
        _bytes += System.Text.Encoding.UTF8.GetBytes(cell, _data.AsSpan(_bytes));
        _offsets[++Count] = _bytes;
    }

    /// <summary>Appends every row of <paramref name="column"/> (a null cell as an empty one).</summary>
    public void Append(Utf8Column column)
    {
        var rows = column.Count;
        EnsureOffsets(rows);

        if (column.Dictionary is null)
        {
            var data = column.Data;
            var offsets = column.Offsets;
            Reserve(data.Length);
            data.CopyTo(_data.AsSpan(_bytes));
            var shift = _bytes - offsets[0];
            for (var i = 1; i <= rows; i++)
            {
                _offsets[Count + i] = offsets[i] + shift;
            }

            _bytes += data.Length;
            Count += rows;
            return;
        }

        for (var i = 0; i < rows; i++)
        {
            var cell = column[i];
            Reserve(cell.Length);
            cell.CopyTo(_data.AsSpan(_bytes));
            _bytes += cell.Length;
            _offsets[++Count] = _bytes;
        }
    }

    private void EnsureOffsets(int more)
    {
        if (_offsets.Length < Count + more + 1)
        {
            Array.Resize(ref _offsets, Math.Max(Count + more + 1, _offsets.Length * 2));
        }
    }

    private void Reserve(int more)
    {
        var needed = (long)_bytes + more;
        if (needed > _data.Length)
        {
            var size = Math.Min(Array.MaxLength, Math.Max(needed, (long)_data.Length * 2));
            if (size < needed)
            {
                throw new InvalidOperationException(tooLarge);
            }

            Array.Resize(ref _data, (int)size);
        }
    }
}
