namespace Afpakken.Engine.Ingest;

/// <summary>A source row that failed validation: where it is, which field, why, and the offending value.</summary>
public sealed record RejectedRow(string SourceFile, long Row, string Field, string Reason, string? Value);
