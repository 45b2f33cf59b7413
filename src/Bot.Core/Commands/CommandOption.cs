namespace Bot.Core.Commands;

/// <summary>
/// One option of a command. Positional options are filled, in order, by the words typed without a <c>name:</c>
/// prefix; every option can also be given as <c>name:value</c>.
/// </summary>
public sealed record CommandOption(
    string Name,
    OptionKind Kind,
    LocalizedText Description,
    bool Required = false,
    bool Positional = false,
    int MinValue = 1,
    int MaxValue = 1000,
    int MaxLength = 100)
{
    /// <summary>The only values the option accepts, when it is a fixed list.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    public bool HasAutocomplete => Kind is OptionKind.Person or OptionKind.Topic or OptionKind.FactTarget;

    /// <summary>How the option appears in usage lines: <c>&lt;name&gt;</c>, <c>[name]</c> or <c>[name:VALUE]</c>.</summary>
    public string Usage => (Positional, Required) switch
    {
        (true, true) => $"<{Name}>",
        (true, false) => $"[{Name}]",
        _ => $"[{Name}:{Placeholder}]",
    };

    private string Placeholder => Kind switch
    {
        OptionKind.Date => "DATE",
        OptionKind.Number => "N",
        OptionKind.Person => "NAME",
        OptionKind.Topic => "TOPIC",
        OptionKind.FactTarget => "ID",
        _ => "TEXT",
    };
}
