using System.ComponentModel.DataAnnotations;
using MailKit.Net.Smtp;
using MailKit.Security;
using MethodDays.Platform.Web;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MethodDays.Features.Notifications;

/// <summary>SMTP settings, section <c>Smtp</c>. Locally MailDev on 127.0.0.1:1025.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>Empty turns e-mail off (the in-app feed still works).</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c>, <c>SslOnConnect</c> or <c>None</c> (local MailDev).</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Required]
    public string From { get; set; } = "MethodDays <no-reply@methoddays.local>";
}

/// <summary>Sends one e-mail over SMTP with MailKit. A failure throws, so the queue retries and finally poisons.</summary>
public sealed class MailSender(IOptions<SmtpOptions> options, PublicUrlOptions publicUrl)
{
    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Host);

    public async Task SendAsync(string toName, string toAddress, string subject, string text, string? link, CancellationToken ct)
    {
        var o = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From));
        message.To.Add(new MailboxAddress(toName, toAddress));
        message.Subject = subject;
        var body = text;
        if (!string.IsNullOrEmpty(link))
        {
            body += $"\n\nОткрыть в MethodDays: {publicUrl.Link(link)}";
        }

        body += "\n\n—\nMethodDays. Какие письма получать, можно выбрать в настройках профиля.";
        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient { Timeout = 20_000 };
        var security = o.Security switch
        {
            "None" => SecureSocketOptions.None,
            "SslOnConnect" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(o.Host!, o.Port, security, ct);
        if (!string.IsNullOrEmpty(o.UserName))
        {
            await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
