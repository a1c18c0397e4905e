using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Graph;

/// <summary>
/// Builds a <see cref="FlowGraph"/> from columnar batches: interns account ids to dense integers, appends edges
/// to growable arrays, then sorts the edges by time once. Also a fluent builder for hand-made test graphs.
/// </summary>
public sealed class FlowGraphBuilder
{
    private readonly Dictionary<string, int> _accountIndex = new(StringComparer.Ordinal);
    private readonly List<string> _accounts = [];
    private readonly Dictionary<string, byte> _channelIndex = new(StringComparer.Ordinal);
    private readonly List<string> _channels = [];
    private int[] _source = new int[1024];
    private int[] _target = new int[1024];
    private long[] _ticks = new long[1024];
    private long[] _cents = new long[1024];
    private byte[] _channel = new byte[1024];
    private string[] _txIds = new string[1024];
    private int _count;

    public int EdgeCount => _count;

    public void Add(TransactionBatch batch)
    {
        EnsureCapacity(_count + batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            Append(batch.TxId[i], batch.FromAccount[i], batch.ToAccount[i], batch.BookedAt[i].Ticks, ToCents(batch.Amount[i]), batch.Channel[i]);
        }
    }

    /// <summary>Adds one transfer; for tests and small hand-built graphs.</summary>
    public FlowGraphBuilder Transfer(string from, string to, decimal amount, DateTime bookedAtUtc, string channel = Channels.Wire, string? txId = null)
    {
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
        _txIds[i] = txId;
    }

    private int Intern(string account)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_accountIndex, account, out var exists);
        if (!exists)
        {
            slot = _accounts.Count;
            _accounts.Add(account);
        }

        return slot;
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
        Array.Resize(ref _txIds, size);
    }

    public FlowGraph Build()
    {
        var n = _count;
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
        var txIds = Permute(_txIds, order);
        var cash = _accountIndex.TryGetValue(CashAccount.Id, out var c) ? c : -1;
        return new FlowGraph([.. _accounts], cash, source, target, ticks, cents, channel, txIds, [.. _channels]);
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
