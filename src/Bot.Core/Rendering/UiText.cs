using System.Globalization;
using Bot.Core.Commands;

namespace Bot.Core.Rendering;

/// <summary>
/// The words every renderer puts around an answer (paging, headings, notices), in English and Spanish, defined once
/// here so Discord, Slack and the terminal say the same thing. The answers' own wording is in the core's queries.
/// </summary>
public static class UiText
{
    public static readonly LocalizedText Previous = new("◀ Previous", "◀ Anterior");
    public static readonly LocalizedText Next = new("Next ▶", "Siguiente ▶");
    public static readonly LocalizedText More = new("More ▶", "Más ▶");
    public static readonly LocalizedText PageOf = new("Page {0} of {1}", "Página {0} de {1}");
    public static readonly LocalizedText PageShort = new("{0} / {1}", "{0} / {1}");

    /// <summary>The runnable form of the neighbouring pages, for text front ends: "previous: /timeline page:1".</summary>
    public static readonly LocalizedText PreviousCommand = new("previous: {0}", "anterior: {0}");
    public static readonly LocalizedText NextCommand = new("next: {0}", "siguiente: {0}");
    public static readonly LocalizedText MoreCommand = new("more: {0}", "más: {0}");

    /// <summary>The label of the button that fetches the next page: "Next", or "More" where the page holds further answers.</summary>
    public static string NextLabel(Answers.AnswerPaging paging, string language)
    {
        ArgumentNullException.ThrowIfNull(paging);
        return (paging.NextIsMore ? More : Next).For(language);
    }

    public static readonly LocalizedText Sources = new("Sources", "Fuentes");
    public static readonly LocalizedText Try = new("Try", "Prueba");
    public static readonly LocalizedText MoreLines = new("… {0} more not shown here", "… {0} más que no caben aquí");
    public static readonly LocalizedText MoreSources = new("… {0} more: /sources", "… {0} más: /sources");
    public static readonly LocalizedText DoesNotFit = new(
        "Part of this answer does not fit in one message.",
        "Parte de esta respuesta no cabe en un mensaje.");

    public static readonly LocalizedText Apology = new(
        "Sorry, something went wrong while answering. Please try again in a moment.",
        "Lo siento, algo falló al responder. Inténtalo de nuevo en un momento.");
    public static readonly LocalizedText StaleButton = new(
        "That button no longer works. Run the command again.",
        "Ese botón ya no funciona. Vuelve a usar el comando.");
    public static readonly LocalizedText UnsupportedCommand = new(
        "I only answer slash commands: try /help.",
        "Solo respondo a comandos con barra: prueba /help.");

    public static string Format(LocalizedText text, string language, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Format(CultureInfo.InvariantCulture, text.For(language), args);
    }
}
