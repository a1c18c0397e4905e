namespace Afpakken.Engine.Security;

/// <summary>The roles a user of Afpakken can hold; each sees only what the role needs (domain §6, minimisation).</summary>
public static class Roles
{
    /// <summary>FIU or police analyst: reads alerts and explanations.</summary>
    public const string Analyst = "analyst";

    /// <summary>Public prosecutor (OM): reads alerts; asset overviews later require a case number.</summary>
    public const string Prosecutor = "prosecutor";

    /// <summary>Runs and repairs the system: jobs and the dashboard, but no personal data.</summary>
    public const string Engineer = "engineer";

    /// <summary>Administers users and the system; may read everything.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Analyst, Prosecutor, Engineer, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
