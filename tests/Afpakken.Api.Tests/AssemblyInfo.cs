// Hangfire keeps process-wide state (GlobalConfiguration, JobStorage.Current) and Serilog a static Log.Logger:
// test hosts run one after another so that no host sees another's storage.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
