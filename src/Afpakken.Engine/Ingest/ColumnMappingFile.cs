using System.Globalization;
using System.Text.Json;
using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Loads a <see cref="ColumnMapping"/> from <c>--mapping</c>: a preset name (<c>canonical</c>, <c>amlworld</c>) or a
/// JSON file of the form <c>{ "columns": {…}, "defaults": {…}, "values": {"channel": {…}}, "timestamp_format": "…",
/// "delimiter": ";", "culture": "nl-NL" }</c>. Unknown keys or fields, and a required field with neither a
/// column nor a canonically named one, are errors naming the mapping file.
/// </summary>
public static class ColumnMappingFile
{
    private static readonly HashSet<string> TopLevelKeys = new(StringComparer.Ordinal)
    {
        "columns", "defaults", "values", "timestamp_format", "delimiter", "culture",
    };

    public static ColumnMapping Load(string? presetOrFile)
    {
        if (string.IsNullOrWhiteSpace(presetOrFile))
        {
            return ColumnMapping.Canonical;
        }

        if (MappingPresets.Find(presetOrFile) is { } preset)
        {
            return preset;
        }

        if (!File.Exists(presetOrFile))
        {
            throw new InvalidInputException(presetOrFile, "mapping: neither a preset (canonical, amlworld) nor an existing file");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(presetOrFile), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(presetOrFile, $"mapping is not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            return Parse(presetOrFile, document.RootElement);
        }
    }

    private static ColumnMapping Parse(string file, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException(file, "mapping must be a JSON object");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!TopLevelKeys.Contains(property.Name))
            {
                throw new InvalidInputException(file, $"mapping has an unknown key '{property.Name}' (known: {string.Join(", ", TopLevelKeys)})");
            }
        }

        var columns = StringMap(file, root, "columns");
        var defaults = StringMap(file, root, "defaults");
        foreach (var field in columns.Keys)
        {
            CheckField(file, "columns", field);
        }

        foreach (var field in defaults.Keys)
        {
            CheckField(file, "defaults", field);
            if (!ColumnMapping.Defaultable.Contains(field))
            {
                throw new InvalidInputException(file, $"mapping: '{field}' cannot come from a default (only {string.Join(", ", ColumnMapping.Defaultable)})");
            }
        }

        var values = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (root.TryGetProperty("values", out var valuesElement))
        {
            if (valuesElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidInputException(file, "mapping: 'values' must be an object of objects");
            }

            foreach (var field in valuesElement.EnumerateObject())
            {
                CheckField(file, "values", field.Name);
                values[field.Name] = StringMap(file, valuesElement, field.Name);
            }
        }

        var mapping = new ColumnMapping
        {
            Name = file,
            Columns = columns,
            Defaults = defaults,
            Values = values,
            TimestampFormat = OptionalString(file, root, "timestamp_format"),
            Delimiter = Delimiter(file, OptionalString(file, root, "delimiter")),
            Culture = OptionalString(file, root, "culture"),
        };
        if (mapping.Culture is { } culture)
        {
            try
            {
                _ = CultureInfo.GetCultureInfo(culture);
            }
            catch (CultureNotFoundException ex)
            {
                throw new InvalidInputException(file, $"mapping: unknown culture '{culture}'", ex);
            }
        }

        return mapping;
    }

    private static void CheckField(string file, string section, string field)
    {
        if (!ColumnMapping.Fields.Contains(field))
        {
            throw new InvalidInputException(file, $"mapping: '{section}' names unknown field '{field}' (fields: {string.Join(", ", ColumnMapping.Fields)})");
        }
    }

    private static Dictionary<string, string> StringMap(string file, JsonElement parent, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!parent.TryGetProperty(name, out var element))
        {
            return map;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException(file, $"mapping: '{name}' must be an object");
        }

        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => throw new InvalidInputException(file, $"mapping: '{name}.{property.Name}' must be a string"),
            };
        }

        return map;
    }

    private static string? OptionalString(string file, JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : throw new InvalidInputException(file, $"mapping: '{name}' must be a string");
    }

    private static char Delimiter(string file, string? text) => text switch
    {
        null => ',',
        "\\t" or "\t" => '\t',
        { Length: 1 } => text[0],
        _ => throw new InvalidInputException(file, $"mapping: 'delimiter' must be one character, not '{text}'"),
    };
}
