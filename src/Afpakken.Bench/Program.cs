using Afpakken.Bench;

return args.FirstOrDefault() switch
{
    "ingest" => await IngestBench.RunAsync(args[1..]),
    "detect" => await DetectBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: afpakken-bench ingest --parquet FILE [--arrow FILE] [--csv FILE] [--work DIR]");
    Console.Error.WriteLine("       afpakken-bench detect [--parquet FILE | --transactions N --accounts M] [--work DIR] [--rounds N]");
    Console.Error.WriteLine("                             [--skip-analysis] [--compare-only] [--string-path]");
    return 2;
}
