using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Turns a row group as read into canonical rows: fills defaults, checks each row against the contract,
/// collects rejected rows with file, row, field and reason, and drops duplicate tx ids within the file.
/// </summary>
internal sealed class TransactionValidator
{
    private static readonly DateTime Earliest = new(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly string _sourceFile;
    private readonly string _fileName;
    private readonly DateTime _latest;
    private readonly TxIdKeySet _seenTxIds;
    private readonly TxIdIndex? _committed;
    private readonly string? _defaultCurrency;
    private readonly string? _defaultChannel;
    private readonly string? _defaultFromBank;
    private readonly string? _defaultToBank;
    private readonly string? _defaultDescription;

    /// <param name="committed">Tx ids already in the store; a row repeating one is a duplicate. Null: check within the file only.</param>
    /// <param name="expectedRows">Rows the source says it has, to size the set of seen tx ids once; 0 when unknown.</param>
    /// <param name="duplicates">
    /// How duplicates are told apart when the tx ids do not fit in memory (<see cref="DuplicateCheck"/>); null: the
    /// in-memory set of seen tx ids and <paramref name="committed"/>.
    /// </param>
    public TransactionValidator(
        string sourceFile, DateTime nowUtc, ColumnMapping? mapping = null, TxIdIndex? committed = null, long expectedRows = 0, DuplicateCheck? duplicates = null)
    {
        _duplicates = duplicates;
        _seenTxIds = new TxIdKeySet(duplicates is null ? expectedRows : 0);
        _committed = committed;
        _sourceFile = sourceFile;
        _fileName = Path.GetFileName(sourceFile);
        _latest = nowUtc.AddDays(1);
        var defaults = (mapping ?? ColumnMapping.Canonical).Defaults;
        _defaultCurrency = defaults.GetValueOrDefault(TransactionSchema.Currency);
        _defaultChannel = defaults.GetValueOrDefault(TransactionSchema.Channel);
        _defaultFromBank = defaults.GetValueOrDefault(TransactionSchema.FromBank);
        _defaultToBank = defaults.GetValueOrDefault(TransactionSchema.ToBank);
        _defaultDescription = defaults.GetValueOrDefault(TransactionSchema.Description);
    }

    public List<RejectedRow> Rejected { get; } = [];

    public Dictionary<string, long> RejectedByReason { get; } = new(StringComparer.Ordinal);

    public long Duplicates { get; private set; }

    /// <summary>Hashes of the tx ids this file loaded (and of its in-file duplicates, which share them).</summary>
    public IEnumerable<UInt128> LoadedKeys => _seenTxIds.Keys;

    public long Loaded { get; private set; }

    /// <summary>Ground-truth labels of the loaded rows, when the source carries them.</summary>
    public GroundTruthLabels Labels { get; } = new();

    /// <summary>Validates <paramref name="source"/> and appends the rows that pass to <paramref name="target"/> (cleared first).</summary>
    public void Validate(SourceColumns source, CuratedRows target) => Validate(source, 0, source.Count, target);

    /// <summary>Validates rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of <paramref name="source"/> into <paramref name="target"/> (cleared first).</summary>
    public void Validate(SourceColumns source, int start, int count, CuratedRows target)
    {
        target.Clear();
        _pending.Clear(count);
        for (var i = start; i < start + count; i++)
        {
            var row = source.FirstRow + i;
            var txId = source.TxId is null ? $"{_fileName}:{row}".AsMemory() : source.TxId[i];
            if (!CheckId(row, TransactionSchema.TxId, txId) ||
                !CheckId(row, TransactionSchema.FromAccount, source.FromAccount[i]) ||
                !CheckId(row, TransactionSchema.ToAccount, source.ToAccount[i]))
            {
                continue;
            }

            if (source.BookedAt[i] is not { } bookedAt)
            {
                Reject(row, TransactionSchema.BookedAt, "missing or unparseable timestamp", null);
                continue;
            }

            if (bookedAt < Earliest || bookedAt > _latest)
            {
                Reject(row, TransactionSchema.BookedAt, "implausible timestamp", bookedAt.ToString("O"));
                continue;
            }

            if (source.AmountProblem?[i] is { } amountProblem)
            {
                Reject(row, TransactionSchema.Amount, amountProblem, null);
                continue;
            }

            if (source.Amount[i] is not { } amount)
            {
                Reject(row, TransactionSchema.Amount, "missing amount", null);
                continue;
            }

            if (amount <= 0)
            {
                Reject(row, TransactionSchema.Amount, "amount must be positive", amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }

            var currency = Or(source.Currency?[i], _defaultCurrency ?? (source.Currency is null ? Currencies.Default : null));
            if (string.IsNullOrEmpty(currency) || (!ReferenceEquals(currency, _lastCurrency) && !IsKnownCurrency(currency)))
            {
                Reject(row, TransactionSchema.Currency, "unknown currency", currency);
                continue;
            }

            var channel = Or(source.Channel?[i], _defaultChannel ?? (source.Channel is null ? Channels.Other : null));
            if (string.IsNullOrEmpty(channel) || (!ReferenceEquals(channel, _lastChannel) && !IsKnownChannel(channel)))
            {
                Reject(row, TransactionSchema.Channel, "unknown channel", channel);
                continue;
            }

            _pending.Add(i, TxIdIndex.Key(txId.Span), txId, bookedAt, amount, currency, channel);
        }

        DropDuplicates(source, target);
    }

    /// <summary>
    /// The rows that passed every check, in file order, minus the tx ids seen before (in this file or in the store).
    /// The sets are far larger than the processor's caches: their slots for a run of keys are loaded together first,
    /// so that the misses overlap instead of costing a full memory round trip per row.
    /// </summary>
    private void DropDuplicates(SourceColumns source, CuratedRows target)
    {
        if (_duplicates is not null)
        {
            DropListedDuplicates(source, target, _duplicates);
            return;
        }

        const int Run = 32;
        var pending = _pending;
        if (_seenTxIds.Count + (long)pending.Count + (_committed?.Count ?? 0) > MaxKeys)
        {
            throw new DuplicateIndexFullException();
        }

        for (var run = 0; run < pending.Count; run += Run)
        {
            var end = Math.Min(pending.Count, run + Run);
            var keys = pending.Keys.AsSpan(run, end - run);
            _seenTxIds.Prefetch(keys);
            _committed?.Prefetch(keys);
            for (var p = run; p < end; p++)
            {
                var key = pending.Keys[p];
                if (!_seenTxIds.Add(key) || (_committed?.Contains(key) ?? false))
                {
                    Duplicates++;
                    continue;
                }

                Accept(source, pending, p, target);
            }
        }
    }

    private readonly DuplicateCheck? _duplicates;

    /// <summary>Tx ids (file and store) the in-memory check may hold; past it <see cref="DuplicateIndexFullException"/> is thrown.</summary>
    public long MaxKeys { get; init; } = long.MaxValue;

    /// <summary>
    /// The two passes of a file whose tx ids do not fit in memory: the first spills the keys of the rows that pass the
    /// checks (<see cref="Spill"/>) and loads nothing; the second drops the rows <see cref="TxIdSpill"/> found to be
    /// duplicates (<see cref="DuplicateRows"/>, ascending file rows).
    /// </summary>
    public sealed class DuplicateCheck
    {
        public TxIdSpill? Spill { get; init; }

        public IEnumerator<long>? DuplicateRows { get; init; }

        internal bool HasNext { get; set; } = true;

        internal bool Started { get; set; }
    }

    private void DropListedDuplicates(SourceColumns source, CuratedRows target, DuplicateCheck check)
    {
        var pending = _pending;
        for (var p = 0; p < pending.Count; p++)
        {
            var i = pending.Rows[p];
            var row = source.FirstRow + i;
            if (check.Spill is { } spill)
            {
                spill.Add(pending.Keys[p], row);
                continue;
            }

            var duplicates = check.DuplicateRows!;
            if (!check.Started)
            {
                check.Started = true;
                check.HasNext = duplicates.MoveNext();
            }

            while (check.HasNext && duplicates.Current < row)
            {
                check.HasNext = duplicates.MoveNext();
            }

            if (check.HasNext && duplicates.Current == row)
            {
                Duplicates++;
                continue;
            }

            Accept(source, pending, p, target);
        }
    }

    private readonly PendingRows _pending = new();

    /// <summary>Rows of the current slice that passed the checks, waiting for the duplicate check.</summary>
    private sealed class PendingRows
    {
        public int Count { get; private set; }
        public int[] Rows { get; private set; } = [];
        public UInt128[] Keys { get; private set; } = [];
        public ReadOnlyMemory<char>[] TxIds { get; private set; } = [];
        public DateTime[] BookedAt { get; private set; } = [];
        public decimal[] Amounts { get; private set; } = [];
        public string[] Currencies { get; private set; } = [];
        public string[] Channels { get; private set; } = [];

        public void Clear(int capacity)
        {
            Array.Clear(TxIds, 0, Count);
            Count = 0;
            if (Rows.Length < capacity)
            {
                Rows = new int[capacity];
                Keys = new UInt128[capacity];
                TxIds = new ReadOnlyMemory<char>[capacity];
                BookedAt = new DateTime[capacity];
                Amounts = new decimal[capacity];
                Currencies = new string[capacity];
                Channels = new string[capacity];
            }
        }

        public void Add(int row, UInt128 key, ReadOnlyMemory<char> txId, DateTime bookedAt, decimal amount, string currency, string channel)
        {
            var p = Count++;
            Rows[p] = row;
            Keys[p] = key;
            TxIds[p] = txId;
            BookedAt[p] = bookedAt;
            Amounts[p] = amount;
            Currencies[p] = currency;
            Channels[p] = channel;
        }
    }

    // Sources repeat the same few currency and channel strings; remembering the last good one skips most lookups.
    private string? _lastCurrency;
    private string? _lastChannel;

    private bool IsKnownCurrency(string currency)
    {
        var known = Currencies.IsKnown(currency);
        _lastCurrency = known ? currency : _lastCurrency;
        return known;
    }

    private bool IsKnownChannel(string channel)
    {
        var known = Channels.IsKnown(channel);
        _lastChannel = known ? channel : _lastChannel;
        return known;
    }

    private static string? Or(string? value, string? fallback) => string.IsNullOrEmpty(value) ? fallback : value;

    /// <summary>Loads pending row <paramref name="p"/> (validated, not a duplicate) into <paramref name="target"/>, with its labels.</summary>
    private void Accept(SourceColumns source, PendingRows pending, int p, CuratedRows target)
    {
        var i = pending.Rows[p];
        var txId = pending.TxIds[p];
        target.Add(
            txId, pending.BookedAt[p], source.FromAccount[i], source.ToAccount[i], pending.Amounts[p], pending.Currencies[p], pending.Channels[p],
            Or(source.FromBank?[i], _defaultFromBank), Or(source.ToBank?[i], _defaultToBank), Or(source.Description?[i], _defaultDescription));
        Loaded++;
        if (source.IsLaundering is not null || source.Typology is not null)
        {
            Labels.Add(txId.ToString(), source.IsLaundering?[i] ?? !string.IsNullOrEmpty(source.Typology?[i]), source.Typology?[i]);
        }
    }

    private bool CheckId(long row, string field, ReadOnlyMemory<char> value)
    {
        var text = value.Span;
        if (text.IsWhiteSpace())
        {
            Reject(row, field, "missing value", text.IsEmpty ? null : text.ToString());
            return false;
        }

        if (text.Length > TransactionSchema.MaxIdLength)
        {
            Reject(row, field, $"longer than {TransactionSchema.MaxIdLength} characters", string.Concat(text[..32], "…"));
            return false;
        }

        // The decoders replace invalid UTF-8 with U+FFFD; an id with it cannot be matched reliably.
        if (text.Contains('\uFFFD'))
        {
            Reject(row, field, "not valid UTF-8", text.ToString());
            return false;
        }

        return true;
    }

    private void Reject(long row, string field, string reason, string? value)
    {
        Rejected.Add(new RejectedRow(_sourceFile, row, field, reason, value));
        var key = $"{field}: {reason}";
        RejectedByReason[key] = RejectedByReason.GetValueOrDefault(key) + 1;
    }
}

/// <summary>The tx ids of a file and the store outgrew <see cref="TransactionValidator.MaxKeys"/>: check duplicates in two passes.</summary>
internal sealed class DuplicateIndexFullException : Exception
{
    public DuplicateIndexFullException()
        : base("The tx ids of the file and the store do not fit in the in-memory duplicate index.")
    {
    }

    public DuplicateIndexFullException(string message)
        : base(message)
    {
    }

    public DuplicateIndexFullException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
