using Afpakken.Engine.Contract;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Ingest;

/// <summary>
/// Past the in-memory duplicate index the ingest checks duplicates in two passes with sorted runs on disk: it must
/// load, reject and drop exactly what the one-pass ingest does — within the file, against the store, from Parquet
/// (known row count: two passes from the start) and CSV (unknown: the first pass gives up and starts over).
/// </summary>
public sealed class TwoPassDuplicateTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Runs_left_by_a_crashed_ingest_of_the_same_file_are_cleared_and_the_directory_goes_with_the_spill()
    {
        var directory = Path.Combine(_dir, "_spill-abc");
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "run-0"), [1, 2, 3]);

        using (new TxIdSpill(directory, runEntries: 16))
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        }

        Assert.False(Directory.Exists(directory));
    }

    private static TransactionBatch Rows(string prefix, int n, int repeatEvery)
    {
        var batch = new TransactionBatch(n);
        for (var i = 0; i < n; i++)
        {
            // Every repeatEvery-th row repeats an earlier tx id (a duplicate in the file); every 13th is rejected.
            var id = i % repeatEvery == repeatEvery - 1 ? $"{prefix}{i / 2}" : $"{prefix}{i}";
            batch.Add(id, Some.Day(i % 60), $"NL01A{i % 9}", $"NL02B{i % 7}", i % 13 == 5 ? -1m : 10m + i, "EUR", Channels.Wire, null, "RABO", $"d{i}");
        }

        return batch;
    }

    private sealed class Messages : Serilog.Core.ILogEventSink
    {
        public List<string> All { get; } = [];

        public void Emit(Serilog.Events.LogEvent logEvent)
        {
            lock (All)
            {
                All.Add(logEvent.MessageTemplate.Text);
            }
        }
    }

    private async Task<(IngestSummary[] Summaries, string[] Rows, string[] Keys, int TwoPassRuns)> IngestAllAsync(string name, long maxKeys, params string[] files)
    {
        var data = new DataLayout(Path.Combine(_dir, name));
        var store = await SqliteStore.OpenAsync(data);
        var messages = new Messages();
        var logger = new Serilog.LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(messages).CreateLogger();
        var ingestor = new TransactionIngestor(data, new IngestLedger(store), logger, TimeProvider.System)
        {
            MaxKeysInMemory = maxKeys,
            SpillRunEntries = 7,
        };
        var summaries = new List<IngestSummary>();
        foreach (var file in files)
        {
            summaries.Add(await ingestor.IngestAsync(file, ColumnMapping.Canonical, null, CancellationToken.None));
        }

        var dataset = new CuratedDataset(data.CuratedTransactions);
        var rows = new List<string>();
        await foreach (var batch in dataset.ReadAsync(DateTime.MinValue, DateTime.MaxValue))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                rows.Add($"{batch.TxId[i]}|{batch.BookedAt[i]:O}|{batch.FromAccount[i]}|{batch.ToAccount[i]}|{batch.Amount[i]}|{batch.Description[i]}");
            }
        }

        // The index files: the same keys, whatever their order.
        var keys = Directory.EnumerateFiles(Path.Combine(data.CuratedTransactions, "_ids"), "*.ids")
            .SelectMany(f => Chunk(File.ReadAllBytes(f))).Order(StringComparer.Ordinal).ToArray();
        Assert.Empty(Directory.EnumerateDirectories(data.CuratedTransactions, "_spill-*"));
        var twoPassRuns = messages.All.Count(m => m.StartsWith("Duplicate check of {File} in two passes", StringComparison.Ordinal));
        return ([.. summaries], [.. rows.Order(StringComparer.Ordinal)], keys, twoPassRuns);
    }

    private static IEnumerable<string> Chunk(byte[] bytes) => bytes.Chunk(16).Select(Convert.ToHexString);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Two_passes_load_reject_and_drop_what_one_pass_does(bool parquet)
    {
        var first = Rows("T", 400, repeatEvery: 9);
        var second = Rows("T", 300, repeatEvery: 4); // overlaps the first file: duplicates against the store
        var third = Rows("U", 250, repeatEvery: 50);
        string Write(TransactionBatch batch, string name) => parquet
            ? TestFiles.TransactionsAsync(_dir, batch, name + ".parquet").GetAwaiter().GetResult()
            : TestCsv.Write(_dir, name + ".csv", TestCsv.Canonical(batch));
        string[] files = [Write(first, "first"), Write(second, "second"), Write(third, "third")];

        var onePass = await IngestAllAsync("one", long.MaxValue, files);
        var twoPass = await IngestAllAsync("two", 100, files);

        Assert.Equal(
            onePass.Summaries.Select(s => (s.Loaded, s.Rejected, s.Duplicates)),
            twoPass.Summaries.Select(s => (s.Loaded, s.Rejected, s.Duplicates)));
        Assert.All(onePass.Summaries, s => Assert.True(s.Duplicates > 0 && s.Rejected > 0));
        Assert.Equal(onePass.Rows, twoPass.Rows);
        Assert.Equal(onePass.Keys, twoPass.Keys);
        Assert.Equal(onePass.Summaries.Sum(s => s.Loaded), onePass.Rows.Length);
        Assert.Equal((0, 3), (onePass.TwoPassRuns, twoPass.TwoPassRuns));
    }
}
