using Microsoft.Extensions.Options;
using MimeKit;

namespace AdOrleans.Grains.Alerts;

/// <summary>The checks of <see cref="AlertSmtpOptions"/> that span fields; reports every failure at once.</summary>
public sealed class AlertSmtpOptionsValidator : IValidateOptions<AlertSmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertSmtpOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(AlertSmtpOptions options)
    {
        var failures = new List<string>();
        if (!options.Enabled)
        {
            // Half a configuration is a mistake to say out loud: without a Host nothing would be mailed.
            if (options.From is not null || options.To is not null || options.UserName is not null)
            {
                failures.Add($"{AlertSmtpOptions.SectionName}:Host is required when From, To or UserName is set.");
            }

            return failures;
        }

        if (string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add($"{AlertSmtpOptions.SectionName}:From is required when Host is set.");
        }
        else if (!IsAddress(options.From))
        {
            failures.Add($"{AlertSmtpOptions.SectionName}:From '{options.From}' is not an email address.");
        }

        if (options.Recipients.Count == 0)
        {
            failures.Add($"{AlertSmtpOptions.SectionName}:To needs at least one address when Host is set.");
        }

        failures.AddRange(options.Recipients.Where(r => !IsAddress(r)).Select(r => $"{AlertSmtpOptions.SectionName}:To '{r}' is not an email address."));
        if (string.IsNullOrEmpty(options.UserName) != string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"{AlertSmtpOptions.SectionName}:UserName and Password go together: set both or neither.");
        }

        return failures;
    }

    /// <summary>MimeKit also takes a bare local part ("alerts"); a mail server needs the domain.</summary>
    private static bool IsAddress(string text) => MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal);
}
