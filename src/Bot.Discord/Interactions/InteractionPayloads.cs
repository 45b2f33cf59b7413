using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Discord.Interactions;

/// <summary>Interaction types Discord sends (receiving-and-responding#interaction-object-interaction-type).</summary>
internal static class InteractionType
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int Autocomplete = 4;
    public const int ModalSubmit = 5;
}

/// <summary>Interaction callback types (receiving-and-responding#interaction-response-object-interaction-callback-type).</summary>
internal static class CallbackType
{
    public const int Pong = 1;
    public const int ChannelMessage = 4;
    public const int UpdateMessage = 7;
    public const int AutocompleteResult = 8;
    public const int Modal = 9;
}

/// <summary>The parts of an inbound interaction the adapter reads; everything else is ignored.</summary>
internal sealed record Interaction
{
    public int Type { get; init; }

    public string? Id { get; init; }

    public string? ApplicationId { get; init; }

    public InteractionData? Data { get; init; }

    /// <summary>The invoking user's language (absent on PING).</summary>
    public string? Locale { get; init; }

    public string? GuildLocale { get; init; }

    /// <summary>The invoking member, in a server (absent in DMs).</summary>
    public InteractionMember? Member { get; init; }

    /// <summary>The invoking user, in DMs (in a server it is <see cref="InteractionMember.User"/>).</summary>
    public InteractionUser? User { get; init; }

    public string? ChannelId { get; init; }

    /// <summary>Who invoked it, wherever it was invoked; used only for rate limiting.</summary>
    public string? InvokerId => Member?.User?.Id ?? User?.Id;
}

internal sealed record InteractionUser
{
    public string? Id { get; init; }

    public string? Username { get; init; }

    public string? GlobalName { get; init; }
}

internal sealed record InteractionMember
{
    /// <summary>The member's computed permissions in the channel, as a decimal bit set string.</summary>
    public string? Permissions { get; init; }

    public IReadOnlyList<string>? Roles { get; init; }

    public InteractionUser? User { get; init; }

    /// <summary>The member's nickname in the server, if set.</summary>
    public string? Nick { get; init; }
}

internal sealed record InteractionData
{
    public string? Name { get; init; }

    /// <summary>1 = CHAT_INPUT (slash command); 2 and 3 are user and message commands.</summary>
    public int Type { get; init; }

    public IReadOnlyList<InteractionOption>? Options { get; init; }

    public string? CustomId { get; init; }

    public int ComponentType { get; init; }

    /// <summary>A modal submission's inputs: action rows of text inputs (or label components wrapping one).</summary>
    public IReadOnlyList<SubmittedComponent>? Components { get; init; }
}

/// <summary>A component of a submitted modal: a row (or label) around text inputs, or a text input with its value.</summary>
internal sealed record SubmittedComponent
{
    public int Type { get; init; }

    public string? CustomId { get; init; }

    public string? Value { get; init; }

    public IReadOnlyList<SubmittedComponent>? Components { get; init; }

    public SubmittedComponent? Component { get; init; }
}

internal sealed record InteractionOption
{
    public string? Name { get; init; }

    public int Type { get; init; }

    public JsonElement Value { get; init; }

    public bool Focused { get; init; }

    public IReadOnlyList<InteractionOption>? Options { get; init; }
}

/// <summary>What the adapter answers with, inline in the HTTP response.</summary>
internal sealed record InteractionResponse(int Type, InteractionCallbackData? Data = null);

internal sealed record InteractionCallbackData
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public AllowedMentions? AllowedMentions { get; init; }

    /// <summary>64 = EPHEMERAL.</summary>
    public int? Flags { get; init; }

    public IReadOnlyList<ActionRow>? Components { get; init; }

    /// <summary>Autocomplete results only.</summary>
    public IReadOnlyList<AutocompleteChoice>? Choices { get; init; }

    /// <summary>Modals only: the id the submission comes back with.</summary>
    public string? CustomId { get; init; }

    /// <summary>Modals only.</summary>
    public string? Title { get; init; }
}

internal sealed record Embed
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public int? Color { get; init; }

    public IReadOnlyList<EmbedField>? Fields { get; init; }

    public EmbedFooter? Footer { get; init; }
}

internal sealed record EmbedField(string Name, string Value, bool Inline);

internal sealed record EmbedFooter(string Text);

/// <summary><c>{"parse": []}</c>: nothing in the message can ping anyone.</summary>
internal sealed record AllowedMentions
{
    public static AllowedMentions None { get; } = new();

    public IReadOnlyList<string> Parse { get; init; } = [];
}

internal sealed record ActionRow(IReadOnlyList<MessageComponent> Components)
{
    public int Type { get; init; } = 1;
}

/// <summary>A component inside an action row: a <see cref="Button"/> in messages, a <see cref="TextInput"/> in modals.</summary>
[JsonDerivedType(typeof(Button))]
[JsonDerivedType(typeof(TextInput))]
internal abstract record MessageComponent
{
    public abstract int Type { get; }
}

internal sealed record Button(int Style, string Label, string CustomId) : MessageComponent
{
    public const int Primary = 1;
    public const int Secondary = 2;
    public const int Danger = 4;

    public override int Type => 2;

    public bool? Disabled { get; init; }
}

/// <summary>A modal's text input (components/reference#text-input): style 1 is one line, 2 a paragraph.</summary>
internal sealed record TextInput(string CustomId, int Style, string Label) : MessageComponent
{
    public const int Short = 1;
    public const int Paragraph = 2;

    public override int Type => 4;

    public int? MaxLength { get; init; }

    public bool Required { get; init; }

    public string? Value { get; init; }

    public string? Placeholder { get; init; }
}

internal sealed record AutocompleteChoice(string Name, string Value);
