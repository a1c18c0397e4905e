using System.Text;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Parses UTF-8 timestamp cells: repeats of the previous cell (sorted files repeat minutes and days) cost a
/// comparison; <c>yyyy-MM-ddTHH:mm:ss[.fffffff][Z]</c> (also with a space for the T) is read straight from the
/// bytes; anything else — other ISO 8601 forms, offsets, a mapping's own format — goes through
/// <see cref="CellParser.Timestamp"/>, whose rules these fast paths follow.
/// </summary>
internal sealed class CsvTimestamps
{
    private const int MaxRemembered = 64;

    private readonly CellParser _cells;
    private readonly bool _iso;
    private readonly byte[] _previous = new byte[MaxRemembered];
    private int _previousLength = -1;
    private DateTime? _previousValue;

    public CsvTimestamps(CellParser cells, bool iso)
    {
        _cells = cells;
        _iso = iso;
    }

    public DateTime? Parse(ReadOnlySpan<byte> cell)
    {
        if (cell.Length == _previousLength && cell.SequenceEqual(_previous.AsSpan(0, _previousLength)))
        {
            return _previousValue;
        }

        var value = _iso && TryParseIso(cell, out var fast) ? fast : _cells.Timestamp(Encoding.UTF8.GetString(cell));
        if (cell.Length <= MaxRemembered)
        {
            cell.CopyTo(_previous);
            _previousLength = cell.Length;
            _previousValue = value;
        }

        return value;
    }

    internal static bool TryParseIso(ReadOnlySpan<byte> s, out DateTime utc)
    {
        utc = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day) ||
            !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        var rest = s[19..];
        long fraction = 0;
        if (!rest.IsEmpty && rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && (uint)(rest[digits] - '0') <= 9)
            {
                digits++;
            }

            if (digits == 1 || digits > 8)
            {
                return false;
            }

            for (var i = 1; i < 8; i++)
            {
                fraction = fraction * 10 + (i < digits ? rest[i] - '0' : 0);
            }

            rest = rest[digits..];
        }

        if (rest is [(byte)'Z'])
        {
            rest = [];
        }

        if (!rest.IsEmpty || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = value * 10 + (int)digit;
        }

        return true;
    }
}
