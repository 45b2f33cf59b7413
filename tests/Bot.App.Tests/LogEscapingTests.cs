using System.Collections.Concurrent;
using Bot.App.Facts;
using Bot.App.Tests.Support;
using Bot.Core.Loading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.App.Tests;

public sealed class LogEscapingTests
{
    [Fact]
    public void A_broken_fact_file_whose_name_holds_an_escape_character_is_logged_with_the_character_escaped()
    {
        var folder = Directory.CreateTempSubdirectory("bot-log-escape-");
        try
        {
            Repo.CopyFactsTo(folder.FullName);
            File.WriteAllText(Path.Combine(folder.FullName, "people", "evil\u001b[2J\u001b[31m.yaml"), "id: evil\nname: [unclosed\n");
            var logger = new Lines();
            var store = new FactStore(new FactBaseLoader(TimeProvider.System), Options.Create(new FactsOptions { Path = folder.FullName }), TimeProvider.System, logger);

            Assert.False(store.Reload());

            Assert.DoesNotContain(logger.Entries, l => l.Contains('\u001b', StringComparison.Ordinal));
            Assert.Contains(logger.Entries, l => l.Contains("people/evil\\u001b[2J\\u001b[31m.yaml:", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Each log line as written: the formatted message and every structured value.</summary>
    private sealed class Lines : ILogger<FactStore>
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            Entries.Enqueue(formatter(state, exception) + " " + values);
        }
    }
}
