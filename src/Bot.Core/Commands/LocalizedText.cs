namespace Bot.Core.Commands;

/// <summary>Wording the bot itself uses, in English and Spanish.</summary>
public sealed record LocalizedText(string En, string Es)
{
    public string For(string? language) => BotLanguage.Normalize(language) == "es" ? Es : En;
}
