using System.Text.RegularExpressions;

namespace AdOrleans.Gateway.Ads.Admin;

/// <summary>Field checks shared by the ad endpoints; each adds a field error rather than throwing.</summary>
public static partial class Ids
{
    public const int MaxListLength = 1000;

    /// <summary>Entity ids: letters, digits, '.', '_', '-' (no ':' so log keys of different kinds never collide).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\z")]
    public static partial Regex Pattern();

    /// <summary>Whether a path id can name an entity at all (anything else is simply not found).</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    public static void Check(string? value, string field, Dictionary<string, string[]> errors, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors[field] = ["Required."];
            }
        }
        else if (!Pattern().IsMatch(value))
        {
            errors[field] = ["Must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit."];
        }
    }

    /// <summary>Short codes such as geo (US) or device (mobile).</summary>
    public static void CheckCode(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is not null && (value.Length > 32 || !Pattern().IsMatch(value)))
        {
            errors[field] = ["Must be 1 to 32 letters, digits, '.', '_' or '-'."];
        }
    }

    public static void CheckList(IReadOnlyList<string?>? values, string field, Dictionary<string, string[]> errors)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > MaxListLength || values.Any(v => v is null || !Pattern().IsMatch(v)))
        {
            errors[field] = [$"At most {MaxListLength} ids, each 1 to 128 letters, digits, '.', '_' or '-'."];
        }
    }

    public static bool IsHttpUrl(string? value) =>
        value is { Length: <= 2048 } && Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
