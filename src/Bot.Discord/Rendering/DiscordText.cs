using Bot.Core.Commands;

namespace Bot.Discord.Rendering;

/// <summary>The adapter's own wording, in English and Spanish.</summary>
internal static class DiscordText
{
    public static readonly LocalizedText Previous = new("◀ Previous", "◀ Anterior");
    public static readonly LocalizedText Next = new("Next ▶", "Siguiente ▶");
    public static readonly LocalizedText PageOf = new("Page {0} of {1}", "Página {0} de {1}");
    public static readonly LocalizedText PageShort = new("{0} / {1}", "{0} / {1}");
    public static readonly LocalizedText Sources = new("Sources", "Fuentes");
    public static readonly LocalizedText MoreLines = new("… {0} more not shown here", "… {0} más que no caben aquí");
    public static readonly LocalizedText MoreSources = new("… {0} more: /sources", "… {0} más: /sources");
    public static readonly LocalizedText Apology = new(
        "Sorry, something went wrong while answering. Please try again in a moment.",
        "Lo siento, algo falló al responder. Inténtalo de nuevo en un momento.");
    public static readonly LocalizedText StaleButton = new(
        "That button no longer works. Run the command again.",
        "Ese botón ya no funciona. Vuelve a usar el comando.");
    public static readonly LocalizedText UnsupportedCommand = new(
        "I only answer slash commands: try /help.",
        "Solo respondo a comandos con barra: prueba /help.");

    public static string Format(LocalizedText text, string language, params object[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, text.For(language), args);
}
