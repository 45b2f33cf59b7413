namespace Bot.Core.Commands;

/// <summary>The languages the bot speaks: Spanish for any Spanish locale (es, es-ES, es-419…), else English.</summary>
public static class BotLanguage
{
    public const string English = "en";
    public const string Spanish = "es";

    public static string Normalize(string? locale) =>
        locale is not null && locale.StartsWith(Spanish, StringComparison.OrdinalIgnoreCase) ? Spanish : English;
}
