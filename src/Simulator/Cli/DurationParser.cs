using System.Globalization;

namespace AdOrleans.Simulator.Cli;

/// <summary>Reads durations as people write them: <c>90s</c>, <c>10m</c>, <c>1h</c>, <c>2d</c>, <c>01:30:00</c> or plain seconds.</summary>
public static class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var unit = text[^1];
        var number = char.IsLetter(unit) ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
        }

        double? seconds = char.IsLetter(unit)
            ? char.ToLowerInvariant(unit) switch { 's' => value, 'm' => value * 60, 'h' => value * 3600, 'd' => value * 86400, _ => null }
            : value;
        if (seconds is not { } s || s is <= 0 or >= 1e9)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(s);
        return true;
    }
}
