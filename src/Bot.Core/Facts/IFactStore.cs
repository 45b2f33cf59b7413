namespace Bot.Core.Facts;

/// <summary>Where answers get the current fact-base snapshot; the host swaps it on reload.</summary>
public interface IFactStore
{
    FactBase Current { get; }
}
