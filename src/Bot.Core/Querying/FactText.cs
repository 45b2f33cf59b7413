using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Querying;

/// <summary>
/// Curated fact text in the asker's language: the Spanish text the curators wrote for a Spanish reader, else the
/// English. Nothing is machine-translated; a fact without its Spanish text yet is shown in English.
/// </summary>
internal static class FactText
{
    public static string In(string language, string english, string? spanish) =>
        spanish is not null && language == BotLanguage.Spanish ? spanish : english;

    public static string Title(this TimelineEvent e, string language) => In(language, e.Title, e.TitleEs);

    public static string Summary(this TimelineEvent e, string language) => In(language, e.Summary, e.SummaryEs);

    /// <summary>An event as a one-line list entry: its title and the first sentence of its summary.</summary>
    public static string Headline(this TimelineEvent e, string language) => $"{e.Title(language)}: {TextSnippets.FirstSentence(e.Summary(language))}";

    public static string Claim(this ClaimVariant v, string language) => In(language, v.Claim, v.ClaimEs);

    public static string Summary(this Person p, string language) => In(language, p.Summary, p.SummaryEs);

    public static string Title(this Role r, string language) => In(language, r.Title, r.TitleEs);

    public static string Text(this PersonStatus s, string language) => In(language, s.Text, s.TextEs);

    public static string Name(this Topic t, string language) => In(language, t.Name, t.NameEs);

    public static string Context(this Quote q, string language) => In(language, q.Context, q.ContextEs);

    public static string Title(this Position p, string language) => In(language, p.Title, p.TitleEs);

    public static string? Question(this Position p, string language) => p.Question is null ? null : In(language, p.Question, p.QuestionEs);

    public static string Party(this Stance s, string language) => In(language, s.Party, s.PartyEs);

    public static string Statement(this Stance s, string language) => In(language, s.Statement, s.StatementEs);
}
