namespace Bot.Core.Commands;

/// <summary>A command as users see it: name, description, options and examples.</summary>
public sealed record CommandDefinition(string Name, LocalizedText Description, IReadOnlyList<CommandOption> Options, IReadOnlyList<string> Examples)
{
    /// <summary>Only moderators may run it; platforms also hide it from others where they can.</summary>
    public bool ModeratorOnly { get; init; }

    /// <summary>
    /// Every answer goes only to the person who asked (a report's receipt, moderators' lists), so a platform that
    /// must acknowledge before the answer exists can acknowledge privately.
    /// </summary>
    public bool AnswersArePrivate { get; init; }

    /// <summary>The one-line usage: <c>/timeline [from:DATE] [to:DATE] …</c>.</summary>
    public string Usage => string.Join(' ', Options.Select(o => o.Usage).Prepend("/" + Name));

    public CommandOption? Option(string name) => Options.FirstOrDefault(o => o.Name == name);
}
