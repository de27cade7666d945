using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Alerts;

/// <summary>
/// Mails an alert through the configured SMTP server (MailKit), one connection per attempt: alerts are rare, and a
/// connection kept open between them would mostly be found closed by the server.
/// </summary>
public sealed class AlertEmailSender(IOptions<AlertSmtpOptions> options)
{
    public bool Enabled => options.Value.Enabled;

    /// <summary>How the delivery attempts name this channel's destination.</summary>
    public string Destination => "mailto:" + string.Join(',', options.Value.Recipients);

    /// <summary>The SMTP reply code (250 once the server took the message) or null with the error when none came.</summary>
    public async Task<(int? Status, string? Error)> SendAsync(Alert alert, string ruleName, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        using var message = AlertEmail.Compose(alert, ruleName, smtp);
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var security = !smtp.UseTls ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        try
        {
            await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Alerts:Smtp:Host is not set"), smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return (250, null);
        }
        catch (SmtpCommandException e)
        {
            return ((int)e.StatusCode, e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException or SmtpProtocolException or MailKit.Security.AuthenticationException
            or SslHandshakeException or ServiceNotConnectedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, e.Message);
        }
    }
}
