using Afpakken.Engine.Formats;

namespace Afpakken.Engine.Graph;

/// <summary>A growable column of UTF-8 cells (bytes back to back, offsets), filled from decoded columns.</summary>
internal sealed class Utf8CellBuffer
{
    private byte[] _data = new byte[4096];
    private int[] _offsets = new int[257];
    private int _bytes;

    public int Count { get; private set; }

    public Utf8Cells Cells => new(_data.AsMemory(0, _bytes), _offsets.AsMemory(0, Count + 1));

    public void Clear() => (Count, _bytes) = (0, 0);

    /// <summary>Appends every row of <paramref name="column"/> (a null cell as an empty one).</summary>
    public void Append(Utf8Column column)
    {
        var rows = column.Count;
        if (_offsets.Length < Count + rows + 1)
        {
            Array.Resize(ref _offsets, Math.Max(Count + rows + 1, _offsets.Length * 2));
        }

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

    private void Reserve(int more)
    {
        var needed = (long)_bytes + more;
        if (needed > _data.Length)
        {
            var size = Math.Min(Array.MaxLength, Math.Max(needed, (long)_data.Length * 2));
            if (size < needed)
            {
                throw new InvalidOperationException("Too many account bytes gathered at once.");
            }

            Array.Resize(ref _data, (int)size);
        }
    }
}
