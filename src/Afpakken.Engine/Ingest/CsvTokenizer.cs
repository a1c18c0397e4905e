using System.Buffers;
using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Splits a UTF-8 CSV stream into records of raw field bytes (RFC 4180: quoted fields may hold the delimiter,
/// doubled quotes and line breaks; records end with LF, CRLF or CR). Works over one pooled buffer that holds at
/// least the current record, so memory stays bounded by the longest record, not the file. Blank lines are skipped
/// and not counted. A quoted field still open at the end of the file is a truncated file.
/// </summary>
internal sealed class CsvTokenizer : IDisposable
{
    /// <summary>A record longer than this is taken as a quote that never closes rather than read into memory.</summary>
    public const int MaxRecordBytes = 64 << 20;

    private const byte Quote = (byte)'"';
    private const int InitialBuffer = 1 << 20;

    private readonly string _file;
    private readonly Stream _stream;
    private readonly byte _delimiter;
    private readonly SearchValues<byte> _unquotedEnd;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _bomChecked;
    private (int Start, int Length, int ClosingQuote)[] _fields = new (int, int, int)[16];

    /// <param name="initialBufferBytes">Grows as long records need; small values let tests put every buffer boundary in every place.</param>
    public CsvTokenizer(string file, Stream stream, char delimiter, int initialBufferBytes = InitialBuffer)
    {
        if (delimiter > 127 || delimiter is '"' or '\r' or '\n')
        {
            throw new InvalidInputException(file, $"mapping: delimiter '{delimiter}' cannot be used for CSV (an ASCII character other than a quote or line break)");
        }

        _file = file;
        _stream = stream;
        _delimiter = (byte)delimiter;
        _unquotedEnd = SearchValues.Create([_delimiter, (byte)'\r', (byte)'\n']);
        _buffer = ArrayPool<byte>.Shared.Rent(initialBufferBytes);
    }

    /// <summary>Fields of the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>Records read so far, blank lines excluded (the header is record 1).</summary>
    public long Records { get; private set; }

    /// <summary>Why the current record is malformed (text after a closing quote), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The raw bytes of field <paramref name="index"/> of the current record, quotes removed.</summary>
    public ReadOnlySpan<byte> Field(int index)
    {
        var (start, length, _) = _fields[index];
        return _buffer.AsSpan(start, length);
    }

    /// <summary>Moves to the next record. False: no complete record in the buffer — call <see cref="FillAsync"/> (or, after it returned false, the file has ended).</summary>
    public bool TryReadRecord()
    {
        while (true)
        {
            var outcome = Parse();
            if (outcome == Outcome.NeedMore)
            {
                return false;
            }

            if (outcome == Outcome.Record)
            {
                Records++;
                return true;
            }

            // A blank line: skip it and look at the next one.
        }
    }

    /// <summary>Reads more of the file into the buffer; false when the file has ended.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_eof)
        {
            return false;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxRecordBytes)
            {
                throw new InvalidInputException(_file, $"data row {Records} is longer than {MaxRecordBytes >> 20} MiB (a quote that never closes?)");
            }

            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        if (!_bomChecked && (_end >= 3 || read == 0))
        {
            _bomChecked = true;
            if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
            {
                _start = 3;
            }
        }

        _eof = read == 0;
        return true;
    }

    private enum Outcome
    {
        Record,
        BlankLine,
        NeedMore,
    }

    private Outcome Parse()
    {
        if (!_bomChecked)
        {
            return Outcome.NeedMore;
        }

        var data = _buffer.AsSpan(0, _end);
        var pos = _start;
        var count = 0;
        string? problem = null;
        if (pos >= _end)
        {
            return Outcome.NeedMore;
        }

        while (true)
        {
            int fieldStart, fieldLength, closingQuote = -1;
            if (pos < _end && data[pos] == Quote)
            {
                var quotes = 0;
                var scan = pos + 1;
                while (true)
                {
                    var q = data[scan..].IndexOf(Quote);
                    if (q < 0 || (scan + q + 1 == _end && !_eof))
                    {
                        if (_eof && q < 0)
                        {
                            throw new InvalidInputException(_file, $"truncated: the quoted field {count + 1} of data row {Records} never closes before the end of the file");
                        }

                        return Outcome.NeedMore;
                    }

                    scan += q;
                    if (scan + 1 < _end && data[scan + 1] == Quote)
                    {
                        quotes++;
                        scan += 2;
                        continue;
                    }

                    break;
                }

                fieldStart = pos + 1;
                fieldLength = scan - fieldStart;
                closingQuote = quotes == 0 ? -1 : scan;
                pos = scan + 1;
                if (pos < _end && !_unquotedEnd.Contains(data[pos]))
                {
                    problem ??= $"field {count + 1} has text after its closing quote";
                    var rest = data[pos..].IndexOfAny(_unquotedEnd);
                    if (rest < 0 && !_eof)
                    {
                        return Outcome.NeedMore;
                    }

                    pos = rest < 0 ? _end : pos + rest;
                }
            }
            else
            {
                var length = data[pos..].IndexOfAny(_unquotedEnd);
                if (length < 0)
                {
                    if (!_eof)
                    {
                        return Outcome.NeedMore;
                    }

                    length = _end - pos;
                }

                fieldStart = pos;
                fieldLength = length;
                pos += length;
            }

            if (count == _fields.Length)
            {
                Array.Resize(ref _fields, count * 2);
            }

            _fields[count++] = (fieldStart, fieldLength, closingQuote);
            if (pos >= _end)
            {
                // Only reached at the end of the file: the last record has no line break.
                break;
            }

            var terminator = data[pos];
            if (terminator == _delimiter)
            {
                pos++;
                continue;
            }

            if (terminator == (byte)'\r')
            {
                if (pos + 1 == _end && !_eof)
                {
                    return Outcome.NeedMore;
                }

                pos += pos + 1 < _end && data[pos + 1] == (byte)'\n' ? 2 : 1;
            }
            else
            {
                pos++;
            }

            break;
        }

        // Doubled quotes are undone only now: a record cut by the buffer end is parsed again from its start.
        for (var i = 0; i < count; i++)
        {
            if (_fields[i].ClosingQuote >= 0)
            {
                _fields[i].Length = Unescape(data, _fields[i].Start, _fields[i].ClosingQuote);
            }
        }

        var blank = count == 1 && _fields[0].Length == 0 && data[_start] != Quote;
        _start = pos;
        FieldCount = count;
        Problem = problem;
        return blank ? Outcome.BlankLine : Outcome.Record;
    }

    /// <summary>Removes doubled quotes of a closed quoted field in place; returns the new length.</summary>
    private static int Unescape(Span<byte> data, int start, int closingQuote)
    {
        var write = start;
        for (var read = start; read < closingQuote; read++)
        {
            data[write++] = data[read];
            if (data[read] == Quote)
            {
                read++;
            }
        }

        return write - start;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
