using Afpakken.Engine.Ingest;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Afpakken.Jobs.Hangfire;
using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Afpakken.Jobs.Hosting;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Service key of the Hangfire <see cref="JobStorage"/> Afpakken configures (SQLite under the data directory by default).</summary>
    public const string StorageKey = "afpakken";

    /// <summary>
    /// Everything a host needs to run Afpakken's jobs: options, time, the store, the pipeline, the job classes,
    /// Hangfire on SQLite storage under the data directory, the recurring job registration and — when
    /// <c>Afpakken:RunWorker</c> is true (the default) — a Hangfire server in this process.
    /// Register Serilog (a <see cref="Serilog.ILogger"/>) first; otherwise jobs log to the static <see cref="Serilog.Log.Logger"/>.
    /// </summary>
    public static IServiceCollection AddAfpakkenJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AfpakkenOptions>().BindConfiguration(AfpakkenOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Serilog.ILogger>(_ => Serilog.Log.Logger);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<AfpakkenOptions>>().Value.Layout());
        services.TryAddSingleton(sp =>
        {
            var layout = sp.GetRequiredService<DataLayout>();
            layout.EnsureCreated();
            var store = new SqliteStore(layout.DatabasePath);
            store.EnsureSchemaAsync().GetAwaiter().GetResult();
            return store;
        });
        services.TryAddSingleton<IAlertStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.TryAddSingleton(sp => new IngestLedger(sp.GetRequiredService<SqliteStore>()));
        // The detectors' settings from the host's configuration section "Detection" (defaults where it says nothing).
        services.TryAddSingleton(sp => new PipelineService(
            sp.GetRequiredService<Serilog.ILogger>().ForContext<PipelineService>(), sp.GetRequiredService<TimeProvider>(),
            configuration.GetSection("Detection").Get<DetectionSettings>()));

        services.TryAddTransient<IngestFileJob>();
        services.TryAddTransient<DetectJob>();
        services.TryAddTransient<NightlyJob>();
        services.TryAddTransient<DemoWorldJob>();

        // The storage is a keyed service so a host or test can replace it (e.g. in-memory) with one registration;
        // it is built inside Hangfire's configuration, after Hangfire has set up logging for this host.
        services.TryAddKeyedSingleton<JobStorage>(StorageKey, (sp, _) =>
        {
            var layout = sp.GetRequiredService<DataLayout>();
            layout.EnsureCreated();
            return new SQLiteStorage(layout.HangfireDatabasePath, new SQLiteStorageOptions
            {
                // The default is 15 s; one second makes an enqueued job start promptly (tech-notes).
                QueuePollInterval = TimeSpan.FromSeconds(1),
            });
        });
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredKeyedService<JobStorage>(StorageKey)));
        services.AddHostedService<RecurringJobsRegistration>();

        if (configuration.GetValue($"{AfpakkenOptions.SectionName}:{nameof(AfpakkenOptions.RunWorker)}", defaultValue: true))
        {
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
                options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        }

        return services;
    }
}
