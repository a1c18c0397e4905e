using System.Diagnostics;
using Afpakken.Api.Tests.Support;
using Afpakken.Jobs.Hangfire;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Hangfire.Storage.SQLite;

namespace Afpakken.Api.Tests.Jobs;

/// <summary>A real Hangfire server on the real SQLite job storage in a temp data directory.</summary>
public class HangfireJobsTests
{
    private static readonly string[] FinalStates = [SucceededState.StateName, FailedState.StateName, DeletedState.StateName];

    [Fact]
    public async Task The_job_storage_is_sqlite_under_the_data_directory()
    {
        await using var host = await JobsHost.StartAsync(runWorker: false);

        Assert.IsType<SQLiteStorage>(host.Storage);
        Assert.True(File.Exists(Path.Combine(host.DataDirectory, "hangfire.db")));
    }

    [Fact]
    public async Task The_nightly_job_on_an_empty_drop_folder_succeeds_with_nothing_to_do()
    {
        await using var host = await JobsHost.StartAsync(runWorker: true);
        var root = host.DataDirectory;

        var id = host.Jobs.Enqueue<NightlyJob>(job => job.RunAsync(root, CancellationToken.None));

        var state = await WaitForFinalStateAsync(host.Storage, id);
        Assert.Equal(SucceededState.StateName, state.Name);
        Assert.False(state.Data.TryGetValue("Result", out var result) && result != "null", "the job found nothing to enqueue");
    }

    [Fact]
    public async Task An_ingest_job_for_a_missing_file_fails_at_once_with_the_reason()
    {
        await using var host = await JobsHost.StartAsync(runWorker: true);
        var root = host.DataDirectory;
        var missing = Path.Combine(root, "drop", "no-such-file.parquet");

        var id = host.Jobs.Enqueue<IngestFileJob>(job => job.RunAsync(missing, root, CancellationToken.None));

        var state = await WaitForFinalStateAsync(host.Storage, id);
        Assert.Equal(FailedState.StateName, state.Name);
        Assert.Equal("Afpakken.Engine.Contract.InvalidInputException", state.Data["ExceptionType"]);
        Assert.Equal($"{missing}: file not found", state.Data["ExceptionMessage"]);
    }

    [Fact]
    public async Task The_nightly_job_chains_one_ingest_per_dropped_file_and_detection_after_the_last()
    {
        await using var host = await JobsHost.StartAsync(runWorker: false);
        var root = host.DataDirectory;
        foreach (var name in new[] { "c.parquet", "a.parquet", "b.csv", "notes.txt", "mapping.json" })
        {
            await File.WriteAllBytesAsync(Path.Combine(root, "drop", name), []);
        }

        var nightly = (NightlyJob)host.Services.GetService(typeof(NightlyJob))!;
        var detectId = await nightly.RunAsync(root, CancellationToken.None);

        using var connection = host.Storage.GetConnection();
        var detect = connection.GetJobData(detectId!);
        Assert.Equal(typeof(DetectJob), detect.Job.Type);
        Assert.Equal(AwaitingState.StateName, detect.State);
        var lastIngestId = connection.GetStateData(detectId!).Data["ParentId"];
        var secondIngest = connection.GetJobData(lastIngestId);
        Assert.Equal(typeof(IngestFileJob), secondIngest.Job.Type);
        Assert.Equal(Path.Combine(root, "drop", "c.parquet"), secondIngest.Job.Args[0]);
        var secondId = connection.GetStateData(lastIngestId).Data["ParentId"];
        Assert.Equal(Path.Combine(root, "drop", "b.csv"), connection.GetJobData(secondId).Job.Args[0]);
        var firstIngest = connection.GetJobData(connection.GetStateData(secondId).Data["ParentId"]);
        Assert.Equal(Path.Combine(root, "drop", "a.parquet"), firstIngest.Job.Args[0]);
        Assert.Equal(EnqueuedState.StateName, firstIngest.State);
    }

    [Fact]
    public async Task A_dropped_file_rejected_whole_is_set_aside_with_its_reason_so_the_next_night_is_not_blocked()
    {
        await using var host = await JobsHost.StartAsync(runWorker: false);
        var dropped = Path.Combine(host.DataDirectory, "drop", "broken.parquet");
        await File.WriteAllTextAsync(dropped, "this is not parquet");
        var job = (IngestFileJob)host.Services.GetService(typeof(IngestFileJob))!;

        var error = await Assert.ThrowsAsync<Afpakken.Engine.Contract.InvalidInputException>(
            () => job.RunAsync(dropped, host.DataDirectory, CancellationToken.None));

        Assert.False(File.Exists(dropped));
        var reason = await File.ReadAllTextAsync(Path.Combine(host.DataDirectory, "drop", "rejected", "broken.parquet.reason.txt"));
        Assert.Contains("not a Parquet file", reason, StringComparison.Ordinal);
        Assert.Contains("not a Parquet file", error.Message, StringComparison.Ordinal);
        var nightly = (NightlyJob)host.Services.GetService(typeof(NightlyJob))!;
        Assert.Null(await nightly.RunAsync(host.DataDirectory, CancellationToken.None));
    }

    private static async Task<StateData> WaitForFinalStateAsync(JobStorage storage, string jobId)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using (var connection = storage.GetConnection())
            {
                var state = connection.GetStateData(jobId);
                if (state is not null && FinalStates.Contains(state.Name))
                {
                    return state;
                }

                if (clock.Elapsed > TimeSpan.FromSeconds(15))
                {
                    throw new TimeoutException($"Job {jobId} still {state?.Name} after {clock.Elapsed}.");
                }
            }

            await Task.Delay(100);
        }
    }
}
