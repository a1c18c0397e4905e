using Afpakken.Bench;

return args.FirstOrDefault() switch
{
    "ingest" => await IngestBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: afpakken-bench ingest --parquet FILE [--arrow FILE] [--csv FILE] [--work DIR]");
    return 2;
}
