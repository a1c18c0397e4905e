using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Features;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Reports;
using Afpakken.Engine.Scoring;
using Afpakken.Engine.Storage;
using Serilog;

namespace Afpakken.Engine.Pipeline;

/// <summary>Counts of one ingested file.</summary>
/// <param name="Skipped">True when the ledger already had this content: a re-run is a no-op.</param>
public sealed record IngestSummary(string File, string ContentHash, long Loaded, long Rejected, long Duplicates, bool Skipped);

/// <summary>What a detection run over the curated store produced.</summary>
public sealed record DetectionSummary(string RunId, long Transactions, int Accounts, int Alerts, int FlaggedAccounts, long FlaggedTransactions);

public sealed record PipelineResult(IReadOnlyList<IngestSummary> Ingested, DetectionSummary Detection);

/// <summary>
/// The thin path through every layer: ingest files into the curated store, detect over the store,
/// write alerts to the relational store and score files to an output directory.
/// Hosts (CLI, Hangfire jobs) call this; it knows nothing of them.
/// </summary>
public sealed class PipelineService
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DetectionSettings _detection;

    /// <param name="detection">The detectors' settings; null: their defaults.</param>
    public PipelineService(ILogger logger, TimeProvider time, DetectionSettings? detection = null)
    {
        _logger = logger;
        _time = time;
        _detection = (detection ?? new DetectionSettings()).Validated("detection settings");
    }

    /// <summary>Ingests one file; a file already in the ledger is skipped. Invalid files throw InvalidInputException and load nothing.</summary>
    public Task<IngestSummary> IngestAsync(string file, DataLayout data, CancellationToken cancellationToken = default) =>
        IngestAsync(file, data, ColumnMapping.Canonical, null, cancellationToken);

    /// <summary>Ingests one file under a column mapping (see <see cref="ColumnMappingFile"/>).</summary>
    public async Task<IngestSummary> IngestAsync(
        string file, DataLayout data, ColumnMapping mapping, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var store = await SqliteStore.OpenAsync(data, cancellationToken);
        var ingestor = new TransactionIngestor(data, new IngestLedger(store), _logger, _time);
        return await ingestor.IngestAsync(file, mapping, progress, cancellationToken);
    }

    /// <summary>Loads an accounts, parties, assets or income file into the relational store (see <see cref="EntityIngestor"/>).</summary>
    public async Task<IngestSummary> IngestEntitiesAsync(string file, ContractKind kind, DataLayout data, CancellationToken cancellationToken = default)
    {
        var store = await SqliteStore.OpenAsync(data, cancellationToken);
        return await new EntityIngestor(data, store, _logger, _time).IngestAsync(file, kind, cancellationToken);
    }

    /// <summary>Runs detection over the curated store; writes alerts to the store and, if given, score CSVs to <paramref name="outputDirectory"/>.</summary>
    public async Task<DetectionSummary> DetectAsync(DataLayout data, string? outputDirectory, CancellationToken cancellationToken = default) =>
        await DetectAsync(data, outputDirectory, window: null, cancellationToken);

    /// <param name="window">The period to analyse; null: the 12 months up to the latest booking in the store.</param>
    public async Task<DetectionSummary> DetectAsync(DataLayout data, string? outputDirectory, DetectionWindow? window, CancellationToken cancellationToken = default)
    {
        var store = await SqliteStore.OpenAsync(data, cancellationToken);
        var run = await AnalyseAsync(data, window, cancellationToken);
        var log = _logger.ForContext("RunId", run.RunId);
        await store.ReplaceAlertsAsync(run.RunId, run.Alerts, cancellationToken);
        var facts = await new FlowFacts(store).ReplaceAsync(run.RunId, run.Window.From, run.Window.To, run.Graph, run.Alerts, _time, cancellationToken);
        log.Information("Kept for the confiscation side: {AlertTransactions} alert transactions, {CashTransactions} cash transactions, " +
                        "{SpendingMonths} account-months of bank spending, {AssetPayments} asset payments",
            facts.AlertTransactions, facts.CashTransactions, facts.SpendingMonths, facts.AssetPayments);
        if (outputDirectory is not null)
        {
            await ScoreCsvWriter.WriteAsync(outputDirectory, run.Graph, run.Scores, cancellationToken);
            await CaseFileWriter.WriteAsync(outputDirectory, run, cancellationToken);
            log.Information("Wrote score files to {Directory}", Path.GetFullPath(outputDirectory));
        }

        var flaggedAccounts = Enumerable.Range(0, run.Graph.AccountCount).Count(run.Scores.IsAccountFlagged);
        var flaggedTx = Enumerable.Range(0, run.Graph.EdgeCount).LongCount(run.Scores.IsTxFlagged);
        log.Information("Detection {RunId}: {Alerts} alerts, {FlaggedAccounts} accounts and {FlaggedTransactions} transactions flagged",
            run.RunId, run.Alerts.Count, flaggedAccounts, flaggedTx);
        return new DetectionSummary(run.RunId, run.Graph.EdgeCount, run.Graph.AccountCount, run.Alerts.Count, flaggedAccounts, flaggedTx);
    }

    /// <summary>Builds the graph of the analysed window and runs every detector and the scorer, without writing anything.</summary>
    public Task<DetectionRun> AnalyseAsync(DataLayout data, CancellationToken cancellationToken = default) =>
        AnalyseAsync(data, window: null, cancellationToken);

    public async Task<DetectionRun> AnalyseAsync(DataLayout data, DetectionWindow? window, CancellationToken cancellationToken = default)
    {
        var dataset = new CuratedDataset(data.CuratedTransactions);
        window ??= DetectionWindow.Default(dataset.Manifest);
        var runId = $"run-{_time.GetUtcNow():yyyyMMddTHHmmssfff}";
        var log = _logger.ForContext("RunId", runId);

        var builder = new FlowGraphBuilder();
        foreach (var part in await dataset.AddToAsync(builder, window.From, window.To, cancellationToken))
        {
            log.Warning("Read through strings (the page decoder cannot): {Part}", part);
        }

        var graph = builder.Build();
        var evidence = StrawManEvidence.None;
        var profiles = AccountProfiles.None;
        if (File.Exists(data.DatabasePath))
        {
            var entities = new EntityStore(await SqliteStore.OpenAsync(data, cancellationToken));
            var gatekeepers = await entities.AccountsOfKindsAsync(EntityStore.GatekeeperKinds, cancellationToken);
            log.Information("Marked {Gatekeepers} gatekeeper accounts (notary, exchange, money transfer)", graph.MarkGatekeepers(gatekeepers));
            evidence = new StrawManEvidence(
                [.. (await entities.PaidAssetsAsync(cancellationToken)).Select(a => new PaidAsset(a.AssetId, a.Kind, a.Owner, a.Price, a.PaidFrom))],
                await entities.AccountHoldersAsync(cancellationToken), await entities.YearlyIncomeAsync(cancellationToken));
            profiles = new AccountProfiles(await entities.AccountProfilesAsync(cancellationToken));
        }

        log.Information("Built the graph of {Transactions} transactions over {Accounts} accounts, {From:yyyy-MM-dd} to {To:yyyy-MM-dd}",
            graph.EdgeCount, graph.AccountCount, window.From, window.To);

        var alerts = new List<Alert>();
        foreach (var detector in DetectorSet.Create(_detection, evidence, profiles))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var found = detector.Detect(graph);
            log.Information("{Detector} raised {Alerts} alerts in {Milliseconds} ms",
                detector.GetType().Name, found.Count, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            alerts.AddRange(found);
        }

        var raised = alerts.Count;
        alerts = [.. AlertReconciler.Reconcile(alerts)];
        log.Information("Kept {Alerts} of {Raised} alerts after giving each operation its most specific typology", alerts.Count, raised);
        alerts.Sort((x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : string.CompareOrdinal(x.AlertId, y.AlertId));
        var anomaly = new AccountAnomalyScorer().Score(AccountFeatures.Compute(graph));
        var cases = CaseGrouper.Group(alerts);
        var facilitators = CaseGrouper.Facilitators(cases, alerts, graph, evidence.AccountHolders, _detection.Facilitators);
        log.Information("Grouped {Alerts} alerts into {Cases} cases; {Facilitators} accounts serve more than one case",
            alerts.Count, cases.Count, facilitators.Count);
        return new DetectionRun(runId, window, graph, alerts, ScoreBook.Build(graph, alerts, anomaly), cases, facilitators);
    }

    /// <summary>Checks every input first (so that one bad file loads nothing), then ingests each, then detects once.</summary>
    public Task<PipelineResult> RunAsync(IReadOnlyList<string> files, DataLayout data, string? outputDirectory, CancellationToken cancellationToken = default) =>
        RunAsync(files, data, outputDirectory, ColumnMapping.Canonical, cancellationToken);

    /// <summary>The same, with a column mapping for every input (see <see cref="ColumnMappingFile"/>).</summary>
    public async Task<PipelineResult> RunAsync(
        IReadOnlyList<string> files, DataLayout data, string? outputDirectory, ColumnMapping mapping, CancellationToken cancellationToken = default)
    {
        if (files.Count == 0)
        {
            throw new InvalidInputException("--input", "no input file given");
        }

        foreach (var file in files)
        {
            await using var check = await TransactionSources.OpenAsync(file, mapping, cancellationToken);
        }

        var ingested = new List<IngestSummary>();
        foreach (var file in files)
        {
            ingested.Add(await IngestAsync(file, data, mapping, progress: null, cancellationToken));
        }

        var detection = await DetectAsync(data, outputDirectory, cancellationToken);
        return new PipelineResult(ingested, detection);
    }
}
