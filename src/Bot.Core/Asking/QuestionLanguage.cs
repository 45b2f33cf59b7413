using Bot.Core.Text;

namespace Bot.Core.Asking;

/// <summary>
/// The language a question is written in, English or Spanish, from its small words ("the", "did" / "el", "qué") and
/// its Spanish punctuation; the asker's own language when the question does not tell ("Betssy Chávez?").
/// </summary>
internal static class QuestionLanguage
{
    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "what", "who", "whos", "whats", "when", "where", "why", "how", "did", "does", "do", "is", "are", "was", "were", "of", "to",
        "and", "in", "on", "with", "about", "after", "before", "has", "have", "which", "that", "it", "she", "he", "they", "her", "his",
        "from", "for", "get", "got", "still", "any", "many", "much", "said", "say", "says", "by", "an", "be", "will", "would",
    };

    private static readonly HashSet<string> Spanish = new(StringComparer.Ordinal)
    {
        "el", "la", "los", "las", "que", "quien", "quienes", "cuando", "donde", "como", "por", "porque", "para", "del", "al", "se", "su",
        "sus", "es", "fue", "son", "era", "una", "unos", "unas", "con", "hay", "ha", "han", "dijo", "dice", "sigue", "todavia", "aun",
        "tras", "despues", "antes", "cual", "cuales", "cuantos", "cuantas", "cuanto", "paso", "pasa", "le", "les", "lo", "tambien",
        "esta", "este", "eso", "esto", "hizo", "entre", "sobre", "desde", "y", "de", "en", "un",
    };

    /// <summary>"es" or "en": the language of <paramref name="question"/>, else <paramref name="fallback"/>.</summary>
    public static string Of(string question, string fallback)
    {
        if (question.Contains('¿', StringComparison.Ordinal) || question.Contains('¡', StringComparison.Ordinal))
        {
            return "es";
        }

        var english = 0;
        var spanish = 0;
        foreach (var token in TextFolding.Tokens(question))
        {
            english += English.Contains(token) ? 1 : 0;
            spanish += Spanish.Contains(token) ? 1 : 0;
        }

        return spanish > english ? "es" : english > spanish ? "en" : fallback;
    }
}
