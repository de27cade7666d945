using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Silo.Hosting;

/// <summary>Top-level settings of one process (API.md, "Configuration").</summary>
public sealed class ServiceOptions
{
    /// <summary>Root section: these keys live at the top level (<c>Roles</c>, <c>DataDirectory</c>).</summary>
    public const string SectionName = "";

    /// <summary><c>silo</c>, <c>gateway</c>, or both, comma-separated.</summary>
    [Required]
    [RegularExpression(@"^\s*(silo|gateway)\s*(,\s*(silo|gateway)\s*)?$", ErrorMessage = "Roles must be 'silo', 'gateway' or 'silo,gateway'.")]
    public string Roles { get; set; } = "silo,gateway";

    /// <summary>Where the embedded log and SQLite store live.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    public bool IsSilo => HasRole("silo");

    public bool IsGateway => HasRole("gateway");

    private bool HasRole(string role) =>
        Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(role, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the options before the container exists: roles decide which services are registered.</summary>
    public static ServiceOptions From(IConfiguration configuration)
    {
        var options = new ServiceOptions();
        configuration.Bind(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }
}
