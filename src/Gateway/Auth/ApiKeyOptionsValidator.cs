using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Auth;

/// <summary>
/// A key has exactly one role (and one advertiser): a key listed twice would make its rights depend on the order
/// of the checks. Every clash is reported at once; the message names the lists, never the key itself.
/// </summary>
public sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var failures = new List<string>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, list) in Listed(options))
        {
            if (owners.TryGetValue(key, out var first))
            {
                failures.Add($"An API key is listed under both {first} and {list}: give each key one role.");
            }
            else
            {
                owners[key] = list;
            }
        }

        foreach (var advertiser in options.Advertisers.Keys.Where(a => a.Length == 0 || a.Any(char.IsControl)))
        {
            failures.Add($"Auth:Advertisers has an empty or unprintable advertiser name '{advertiser}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<(string Key, string List)> Listed(ApiKeyOptions options) =>
        options.AdminKeys.Select(k => (k, "Auth:AdminKeys"))
            .Concat(options.ClientKeys.Select(k => (k, "Auth:ClientKeys")))
            .Concat(options.AnalystKeys.Select(k => (k, "Auth:AnalystKeys")))
            .Concat(options.Advertisers.SelectMany(a => a.Value.Keys.Select(k => (k, $"Auth:Advertisers:{a.Key}:Keys"))));
}
