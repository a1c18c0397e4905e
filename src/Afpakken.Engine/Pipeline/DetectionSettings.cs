using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;

namespace Afpakken.Engine.Pipeline;

/// <summary>
/// The settings of every detector and of the facilitator ranking, one section each (the names after
/// <c>Detection:</c> in the options' <c>SectionName</c>): read from a JSON file (<c>--detection-config</c>) or bound
/// from a host's configuration section <c>Detection</c>. A section left out keeps its defaults; every value is
/// checked against its declared range.
/// </summary>
public sealed class DetectionSettings
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public FanDetectionOptions Fan { get; set; } = new();
    public MuleOptions Mule { get; set; } = new();
    public StructuringOptions Structuring { get; set; } = new();
    public CycleOptions Cycle { get; set; } = new();
    public LayeringOptions Layering { get; set; } = new();
    public StackLayeringOptions StackLayering { get; set; } = new();
    public BipartiteBurstOptions BipartiteBurst { get; set; } = new();
    public OffRampOptions OffRamp { get; set; } = new();
    public MirrorFlowOptions MirrorFlows { get; set; } = new();
    public CashFrontOptions CashFront { get; set; } = new();
    public StrawManOptions StrawMan { get; set; } = new();
    public FacilitatorOptions Facilitators { get; set; } = new();

    /// <summary>Settings from a JSON file: an object with the sections to change, e.g. <c>{ "Mule": { "MinPassThrough": 0.85 } }</c>.</summary>
    /// <exception cref="InvalidInputException">The file is missing, not such an object, names an unknown setting, or a value is out of range.</exception>
    public static DetectionSettings Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "detection settings file not found");
        }

        DetectionSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<DetectionSettings>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(path, $"not valid detection settings: {ex.Message}");
        }

        return (settings ?? throw new InvalidInputException(path, "empty settings file")).Validated(path);
    }

    /// <summary>Checks every section against its declared ranges; returns the settings.</summary>
    /// <exception cref="InvalidInputException">A value is out of range (named section.setting).</exception>
    public DetectionSettings Validated(string source)
    {
        foreach (var property in typeof(DetectionSettings).GetProperties())
        {
            var section = property.GetValue(this) ?? throw new InvalidInputException(source, $"{property.Name}: missing");
            var errors = new List<ValidationResult>();
            if (!Validator.TryValidateObject(section, new ValidationContext(section), errors, validateAllProperties: true))
            {
                var first = errors[0];
                throw new InvalidInputException(source, $"{property.Name}.{string.Join(',', first.MemberNames)}: {first.ErrorMessage}");
            }
        }

        return this;
    }
}
