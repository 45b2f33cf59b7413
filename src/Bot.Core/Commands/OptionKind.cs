namespace Bot.Core.Commands;

public enum OptionKind
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A person or organization of the fact base; offers autocomplete.</summary>
    Person,

    /// <summary>A topic of the fact base; offers autocomplete.</summary>
    Topic,

    /// <summary>YYYY-MM-DD, YYYY-MM or YYYY.</summary>
    Date,

    /// <summary>A whole number within the option's bounds.</summary>
    Number,

    /// <summary>A person or event id of the fact base (what <c>/facts edit</c> edits); offers autocomplete.</summary>
    FactTarget,
}
