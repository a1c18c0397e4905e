namespace Afpakken.Engine.Storage;

/// <summary>
/// Where things live under a data directory: the relational store, the curated Parquet dataset,
/// the drop folder for nightly files, and the Hangfire storage of the embedded default.
/// </summary>
public sealed class DataLayout
{
    public DataLayout(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>SQLite database with alerts, the ingest ledger and (later) entities and the audit log.</summary>
    public string DatabasePath => Path.Combine(Root, "afpakken.db");

    /// <summary>Curated, validated transactions: Parquet files partitioned by booking month plus a manifest.</summary>
    public string CuratedTransactions => Path.Combine(Root, "curated", "transactions");

    /// <summary>Ground-truth labels carried by labelled sources, one Parquet file per ingested file; never features.</summary>
    public string Labels => Path.Combine(Root, "curated", "labels");

    /// <summary>Rows rejected at ingest, one Parquet file per ingested file.</summary>
    public string Quarantine => Path.Combine(Root, "quarantine");

    /// <summary>Files dropped here are picked up by the nightly job.</summary>
    public string Drop => Path.Combine(Root, "drop");

    /// <summary>Hangfire job storage for the embedded (SQLite) default.</summary>
    public string HangfireDatabasePath => Path.Combine(Root, "hangfire.db");

    /// <summary>Where a demo world is generated when the API starts on an empty store.</summary>
    public string DemoWorld => Path.Combine(Root, "demo-world");

    public void EnsureCreated()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(CuratedTransactions);
        Directory.CreateDirectory(Quarantine);
        Directory.CreateDirectory(Drop);
    }
}
