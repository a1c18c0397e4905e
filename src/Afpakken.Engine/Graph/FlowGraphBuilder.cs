using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Graph;

/// <summary>
/// Builds a <see cref="FlowGraph"/> from columnar batches: interns account ids to dense integers, appends edges
/// to growable arrays, then sorts the edges by time once. Also a fluent builder for hand-made test graphs.
/// </summary>
/// <remarks>
/// Two intakes share one numbering: <see cref="Add(TransactionBatch)"/> takes strings, <see cref="Add(Utf8Edges, long, long)"/>
/// takes the UTF-8 columns of a Parquet row group, with no string per row. Either way an account's id is its
/// place in the order of first appearance (a row's from account before its to account), its key the id's UTF-8
/// bytes (<see cref="Utf8AccountInterner"/>).
/// </remarks>
public sealed class FlowGraphBuilder
{
    private const int MaxStackBytes = 512;

    // Account cells of UTF-8 row groups are gathered up to this many rows and interned together: the interner's
    // tables stay in cache for more lookups per pass (curated parts have row groups of 32k rows).
    private const int PendingRows = 1 << 20;

    private readonly Utf8AccountInterner _accounts;
    private readonly Dictionary<string, byte> _channelIndex = new(StringComparer.Ordinal);
    private readonly List<string> _channels = [];
    private readonly List<(byte[] Utf8, byte Code)> _channelCodes = [];
    private int[] _source = new int[1024];
    private int[] _target = new int[1024];
    private long[] _ticks = new long[1024];
    private long[] _cents = new long[1024];
    private byte[] _channel = new byte[1024];
    private readonly TxIdColumn.Builder _txIds = new();
    private int _count;
    private readonly Utf8CellBuffer _pendingFrom = new(), _pendingTo = new();
    private int _pendingAt;

    public FlowGraphBuilder()
        : this(parallelism: null)
    {
    }

    /// <param name="parallelism">Cores the UTF-8 intake may use to intern accounts; null: all of them.</param>
    public FlowGraphBuilder(int? parallelism) => _accounts = new Utf8AccountInterner(parallelism: parallelism);

    public int EdgeCount => _count;

    /// <summary>
    /// Adds the rows of <paramref name="edges"/> whose booking time lies in [<paramref name="fromTicks"/>,
    /// <paramref name="toTicks"/>); accounts of rows outside are not interned. Gives the graph that
    /// <see cref="Add(TransactionBatch)"/> gives for the same rows as strings.
    /// </summary>
    public void Add(Utf8Edges edges, long fromTicks = long.MinValue, long toTicks = long.MaxValue)
    {
        var ticks = edges.Ticks.Span;
        var inside = true;
        foreach (var t in ticks)
        {
            inside &= t >= fromTicks && t < toTicks;
        }

        if (!inside)
        {
            edges = edges.Select(t => t >= fromTicks && t < toTicks);
            ticks = edges.Ticks.Span;
        }

        var rows = edges.Count;
        if (rows == 0)
        {
            return;
        }

        EnsureCapacity(_count + rows);
        var at = _count;
        if (_pendingFrom.Count == 0)
        {
            _pendingAt = at;
        }

        _pendingFrom.Append(edges.From);
        _pendingTo.Append(edges.To);
        ticks.CopyTo(_ticks.AsSpan(at));
        edges.Cents.Span.CopyTo(_cents.AsSpan(at));
        ChannelCodes(edges.Channel, _channel.AsSpan(at, rows));

        // The transaction ids as bytes (no string per edge); the graph makes a string of one when it is named.
        _txIds.Add(edges.TxIds);
        _count += rows;
        if (_pendingFrom.Count >= PendingRows)
        {
            InternPending();
        }
    }

    /// <summary>Interns the gathered account cells into the ids of their rows.</summary>
    private void InternPending()
    {
        var n = _pendingFrom.Count;
        if (n == 0)
        {
            return;
        }

        _accounts.InternRows(_pendingFrom.Cells, _pendingTo.Cells, _source.AsMemory(_pendingAt, n), _target.AsMemory(_pendingAt, n));
        _pendingFrom.Clear();
        _pendingTo.Clear();
    }

    private void ChannelCodes(Formats.Utf8Column channel, Span<byte> codes)
    {
        if (channel.Dictionary is { } dictionary)
        {
            var byIndex = new byte[dictionary.Count];
            var known = new bool[dictionary.Count];
            var indices = channel.Indices;
            for (var i = 0; i < codes.Length; i++)
            {
                var index = indices[i];
                if (!known[index])
                {
                    // In row order, so that channel codes are numbered as the string intake numbers them.
                    byIndex[index] = ChannelCode(dictionary[index]);
                    known[index] = true;
                }

                codes[i] = byIndex[index];
            }

            return;
        }

        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = ChannelCode(channel[i]);
        }
    }

    public void Add(TransactionBatch batch)
    {
        InternPending();
        EnsureCapacity(_count + batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            Append(batch.TxId[i], batch.FromAccount[i], batch.ToAccount[i], batch.BookedAt[i].Ticks, ToCents(batch.Amount[i]), batch.Channel[i]);
        }
    }

    /// <summary>Adds one transfer; for tests and small hand-built graphs.</summary>
    public FlowGraphBuilder Transfer(string from, string to, decimal amount, DateTime bookedAtUtc, string channel = Channels.Wire, string? txId = null)
    {
        InternPending();
        EnsureCapacity(_count + 1);
        Append(txId ?? $"t{_count + 1}", from, to, bookedAtUtc.Ticks, ToCents(amount), channel);
        return this;
    }

    public static long ToCents(decimal amount) => (long)decimal.Round(amount * 100m, 0, MidpointRounding.ToEven);

    private void Append(string txId, string from, string to, long ticks, long cents, string channel)
    {
        var i = _count++;
        _source[i] = Intern(from);
        _target[i] = Intern(to);
        _ticks[i] = ticks;
        _cents[i] = cents;
        _channel[i] = ChannelCode(channel);
        _txIds.Add(txId);
    }

    private int Intern(string account)
    {
        var length = System.Text.Encoding.UTF8.GetMaxByteCount(account.Length);
        var rented = length > MaxStackBytes ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[MaxStackBytes] : rented;
        var id = _accounts.Intern(buffer[..System.Text.Encoding.UTF8.GetBytes(account, buffer)]);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        return id;
    }

    /// <summary>The code of a channel given as UTF-8, decoded once per distinct value.</summary>
    private byte ChannelCode(ReadOnlySpan<byte> utf8)
    {
        if (_channelCodes.Count > 0 && utf8.SequenceEqual(_channelCodes[^1].Utf8))
        {
            return _channelCodes[^1].Code;
        }

        foreach (var (known, code) in _channelCodes)
        {
            if (utf8.SequenceEqual(known))
            {
                return code;
            }
        }

        var added = ChannelCode(System.Text.Encoding.UTF8.GetString(utf8));
        _channelCodes.Add((utf8.ToArray(), added));
        return added;
    }

    private byte ChannelCode(string channel)
    {
        if (!_channelIndex.TryGetValue(channel, out var code))
        {
            code = checked((byte)_channels.Count);
            _channelIndex[channel] = code;
            _channels.Add(channel);
        }

        return code;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _source.Length)
        {
            return;
        }

        var size = Math.Max(needed, _source.Length * 2);
        Array.Resize(ref _source, size);
        Array.Resize(ref _target, size);
        Array.Resize(ref _ticks, size);
        Array.Resize(ref _cents, size);
        Array.Resize(ref _channel, size);
    }

    public FlowGraph Build()
    {
        InternPending();
        var n = _count;
        var cash = _accounts.Find(System.Text.Encoding.UTF8.GetBytes(CashAccount.Id));
        if (IsSorted(_ticks.AsSpan(0, n)))
        {
            // Already in time order (the usual case: files and curated parts are written in booking order).
            return new FlowGraph(
                _accounts.ToStrings(), cash, _source[..n], _target[..n], _ticks[..n], _cents[..n], _channel[..n], _txIds.Build(n), [.. _channels]);
        }

        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = _ticks[..n];
        Array.Sort(keys, order);
        StableTies(keys, order);

        var source = Permute(_source, order);
        var target = Permute(_target, order);
        var ticks = Permute(_ticks, order);
        var cents = Permute(_cents, order);
        var channel = Permute(_channel, order);
        var txIds = _txIds.BuildPermuted(order);
        return new FlowGraph(_accounts.ToStrings(), cash, source, target, ticks, cents, channel, txIds, [.. _channels]);
    }

    private static bool IsSorted(ReadOnlySpan<long> ticks)
    {
        for (var i = 1; i < ticks.Length; i++)
        {
            if (ticks[i] < ticks[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Array.Sort is not stable; within equal times put edges back in arrival order so runs are reproducible.</summary>
    private static void StableTies(long[] sortedKeys, int[] order)
    {
        var start = 0;
        for (var i = 1; i <= sortedKeys.Length; i++)
        {
            if (i == sortedKeys.Length || sortedKeys[i] != sortedKeys[start])
            {
                if (i - start > 1)
                {
                    Array.Sort(order, start, i - start);
                }

                start = i;
            }
        }
    }

    private static T[] Permute<T>(T[] values, int[] order)
    {
        var result = new T[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            result[i] = values[order[i]];
        }

        return result;
    }
}
