namespace Afpakken.Engine.Contract;

/// <summary>File format of contract files (what the generator writes, the readers read).</summary>
public enum FileFormat
{
    Parquet,
    Arrow,
    Csv,
}
