using AdOrleans.Grains.Alerts;

namespace AdOrleans.Grains.Tests;

public sealed class AlertSmtpOptionsTests
{
    [Fact]
    public void NoHostAndNothingElseMeansNoEmailAndIsValid() =>
        Assert.Empty(AlertSmtpOptionsValidator.Check(new AlertSmtpOptions()));

    [Fact]
    public void ACompleteConfigurationIsValid() =>
        Assert.Empty(AlertSmtpOptionsValidator.Check(new AlertSmtpOptions
        {
            Host = "smtp.example.com", From = "AdOrleans <alerts@example.com>", To = "a@example.com; b@example.com", UserName = "u", Password = "p",
        }));

    [Fact]
    public void EveryCrossFieldProblemIsReportedAtOnce()
    {
        var failures = AlertSmtpOptionsValidator.Check(new AlertSmtpOptions { Host = "smtp.example.com", From = "alerts", To = "ok@example.com, nobody", UserName = "u" });

        Assert.Equal(
        [
            "Alerts:Smtp:From 'alerts' is not an email address.",
            "Alerts:Smtp:To 'nobody' is not an email address.",
            "Alerts:Smtp:UserName and Password go together: set both or neither.",
        ], failures);
    }

    [Fact]
    public void AHostWithoutSenderOrRecipientsSaysBoth() =>
        Assert.Equal(["Alerts:Smtp:From is required when Host is set.", "Alerts:Smtp:To needs at least one address when Host is set."],
            AlertSmtpOptionsValidator.Check(new AlertSmtpOptions { Host = "smtp.example.com" }));

    [Fact]
    public void RecipientsWithoutAHostAreAMistakeNotASilentNoOp() =>
        Assert.Equal(["Alerts:Smtp:Host is required when From, To or UserName is set."], AlertSmtpOptionsValidator.Check(new AlertSmtpOptions { To = "a@example.com" }));
}
