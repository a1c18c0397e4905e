using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// A mapping resolved against one file's columns: for every canonical field, the index of the source column that
/// feeds it, or -1. Resolution fails — naming the file, the field and the column — when a mapped column is not
/// there, a name is ambiguous, or a required field has no column.
/// </summary>
internal sealed class ResolvedColumns
{
    private readonly Dictionary<string, int> _index;

    private ResolvedColumns(Dictionary<string, int> index, IReadOnlyList<string> sourceNames)
    {
        _index = index;
        SourceNames = sourceNames;
    }

    public IReadOnlyList<string> SourceNames { get; }

    public int IndexOf(string field) => _index.GetValueOrDefault(field, -1);

    public bool Has(string field) => IndexOf(field) >= 0;

    public static ResolvedColumns Resolve(string file, IReadOnlyList<string> sourceNames, ColumnMapping mapping)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in ColumnMapping.Fields)
        {
            var reference = mapping.SourceFor(field);
            var explicitlyMapped = mapping.IsMapped(field);
            if (reference.StartsWith('#') && int.TryParse(reference.AsSpan(1), out var position))
            {
                if (position < 1 || position > sourceNames.Count)
                {
                    throw new InvalidInputException(file, $"mapped column '{reference}' for '{field}' is beyond the file's {sourceNames.Count} columns");
                }

                index[field] = position - 1;
                continue;
            }

            var matches = Enumerable.Range(0, sourceNames.Count).Where(i => sourceNames[i] == reference).ToList();
            if (matches.Count > 1)
            {
                throw new InvalidInputException(file, $"column '{reference}' for '{field}' appears {matches.Count} times; map it by position (e.g. \"#{matches[0] + 1}\")");
            }

            if (matches.Count == 1)
            {
                index[field] = matches[0];
            }
            else if (explicitlyMapped)
            {
                throw new InvalidInputException(file, $"mapped column '{reference}' for '{field}' is missing (columns: {string.Join(", ", sourceNames)})");
            }
        }

        foreach (var required in TransactionSchema.Required)
        {
            if (!index.ContainsKey(required))
            {
                throw new InvalidInputException(file, $"required column '{required}' is missing (columns: {string.Join(", ", sourceNames)})");
            }
        }

        return new ResolvedColumns(index, sourceNames);
    }
}
