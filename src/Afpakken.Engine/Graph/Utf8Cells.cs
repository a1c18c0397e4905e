using Afpakken.Engine.Formats;

namespace Afpakken.Engine.Graph;

/// <summary>
/// A column of UTF-8 strings without an object per cell: the bytes of the cells back to back and
/// <c>Count + 1</c> offsets, cell i being <c>Data[Offsets[i]..Offsets[i + 1]]</c> (the Arrow layout). Either over
/// arrays, or over a flat <see cref="Utf8Column"/> as the page decoder filled it (read where it lies, any thread).
/// </summary>
public readonly struct Utf8Cells
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly ReadOnlyMemory<int> _offsets;
    private readonly Utf8Column? _column;

    public Utf8Cells(ReadOnlyMemory<byte> data, ReadOnlyMemory<int> offsets)
    {
        if (offsets.IsEmpty)
        {
            throw new ArgumentException("A column has at least one offset (zero cells).", nameof(offsets));
        }

        _data = data;
        _offsets = offsets;
        _column = null;
    }

    /// <summary>The cells of a flat (not dictionary-encoded) decoded column; valid until the column is refilled.</summary>
    public Utf8Cells(Utf8Column flat)
    {
        if (flat.Dictionary is not null)
        {
            throw new ArgumentException("The column is dictionary-encoded.", nameof(flat));
        }

        _column = flat;
    }

    public ReadOnlySpan<byte> Data => _column is null ? _data.Span : _column.Data;

    public ReadOnlySpan<int> Offsets => _column is null ? _offsets.Span : _column.Offsets;

    public int Count => _column?.Count ?? _offsets.Length - 1;

    public ReadOnlySpan<byte> this[int i]
    {
        get
        {
            var offsets = Offsets;
            return Data[offsets[i]..offsets[i + 1]];
        }
    }

    /// <summary>A column of the given strings (tests, small inputs).</summary>
    public static Utf8Cells From(IReadOnlyList<string> values)
    {
        var offsets = new int[values.Count + 1];
        for (var i = 0; i < values.Count; i++)
        {
            offsets[i + 1] = checked(offsets[i] + System.Text.Encoding.UTF8.GetByteCount(values[i]));
        }

        var data = new byte[offsets[^1]];
        for (var i = 0; i < values.Count; i++)
        {
            System.Text.Encoding.UTF8.GetBytes(values[i], data.AsSpan(offsets[i]));
        }

        return new Utf8Cells(data, offsets);
    }

    /// <summary>
    /// True when every cell on its own is valid UTF-8: the bytes of all cells together are, and no cell starts in the
    /// middle of a character (with a continuation byte).
    /// </summary>
    public bool CellsAreValidUtf8()
    {
        var offsets = Offsets;
        var data = Data;
        if (!System.Text.Unicode.Utf8.IsValid(data[offsets[0]..offsets[^1]]))
        {
            return false;
        }

        for (var i = 0; i < offsets.Length - 1; i++)
        {
            if (offsets[i] < offsets[i + 1] && (data[offsets[i]] & 0xC0) == 0x80)
            {
                return false;
            }
        }

        return true;
    }
}
