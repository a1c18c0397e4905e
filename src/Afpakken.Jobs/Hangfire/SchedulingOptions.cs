using System.ComponentModel.DataAnnotations;

namespace Afpakken.Jobs.Hangfire;

/// <summary>When recurring jobs run, bound from the <c>Scheduling</c> section.</summary>
public sealed class SchedulingOptions : IValidatableObject
{
    public const string SectionName = "Scheduling";

    /// <summary>Cron expression (5 fields, or 6 with seconds) of the nightly ingest-and-detect run.</summary>
    [Required]
    public string NightlyCron { get; set; } = "0 2 * * *";

    /// <summary>IANA time zone the cron expression is read in; a fixed zone keeps 02:00 at 02:00 across DST.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var fields = NightlyCron?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
        if (fields is not (5 or 6))
        {
            yield return new ValidationResult($"'{NightlyCron}' is not a cron expression of 5 or 6 fields.", [nameof(NightlyCron)]);
        }

        if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Unknown time zone '{TimeZone}'.", [nameof(TimeZone)]);
        }
    }
}
