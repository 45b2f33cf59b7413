using Bot.Conformance.Tests.Payloads;
using Bot.Conformance.Tests.Specs;

namespace Bot.Conformance.Tests;

/// <summary>
/// Built once for the whole suite: the published schemas (when the specifications are there) and every payload the
/// bot can send, generated through the adapters' own code from the real fact base.
/// </summary>
public sealed class ConformanceFixture : IAsyncLifetime
{
    internal DiscordSpec? Discord { get; private set; }

    internal SchemaCheck? SlackManifest { get; private set; }

    internal DiscordPayloads DiscordPayloads { get; private set; } = null!;

    internal SlackPayloads SlackPayloads { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (SpecFolder.Found)
        {
            Discord = DiscordSpec.Load(SpecFolder.DiscordOpenApi);
            SlackManifest = SlackManifestSpec.Load(SpecFolder.SlackManifestSchema);
        }

        DiscordPayloads = await DiscordPayloads.GenerateAsync(Corpus.Facts, Corpus.All);
        SlackPayloads = await SlackPayloads.GenerateAsync(Corpus.Facts, Corpus.All);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class ConformanceSuite : ICollectionFixture<ConformanceFixture>
{
    public const string Name = "Conformance";
}
