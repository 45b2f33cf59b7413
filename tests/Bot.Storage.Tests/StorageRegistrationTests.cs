using Bot.Core.Feedback;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Storage.Tests;

public sealed class StorageRegistrationTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "bot-storage-root-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task By_default_reports_go_to_SQLite_in_data_under_the_content_root()
    {
        await using var services = Build([]);

        var store = Assert.IsType<SqliteFeedbackStore>(services.GetRequiredService<IFeedbackStore>());
        var id = await store.AddReportAsync("falta algo", null, "discord", CancellationToken.None);

        Assert.Equal(Path.Combine(_contentRoot, "data", SqliteFeedbackStore.FileName), store.DatabasePath);
        Assert.True(File.Exists(store.DatabasePath));
        Assert.True(id > 0);
        Assert.Same(store, services.GetRequiredService<IFeedbackStore>());
    }

    [Fact]
    public void An_absolute_data_path_is_used_as_given()
    {
        var folder = Path.Combine(_contentRoot, "elsewhere");
        using var services = Build(new() { ["Storage:DataPath"] = folder });

        Assert.Equal(folder, Assert.IsType<SqliteFeedbackStore>(services.GetRequiredService<IFeedbackStore>()).DataFolder);
    }

    [Fact]
    public void The_postgres_provider_gives_a_PostgreSQL_store_without_connecting_yet()
    {
        using var services = Build(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=bot;Username=bot;Password=secret",
        });

        Assert.IsType<PostgresFeedbackStore>(services.GetRequiredService<IFeedbackStore>());
    }

    [Fact]
    public void Every_problem_is_listed_and_no_secret_is_repeated()
    {
        using var services = Build(new()
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = "Port=5432;Password=hunter2",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Equal(
            ["Storage:ConnectionString must name a Host.", "Storage:ConnectionString must name a Database."],
            error.Failures);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql", null, null, "Storage:Provider must be 'sqlite' (the default) or 'postgres'.")]
    [InlineData("sqlite", " ", null, "Storage:DataPath must name a folder (default 'data', relative to the content root).")]
    [InlineData("postgres", null, null, "Storage:ConnectionString is required when Storage:Provider is 'postgres' (e.g. Host=…;Database=…;Username=…;Password=…).")]
    [InlineData("postgres", null, "Host=x;Bogus=1;Password=hunter2", "Storage:ConnectionString is not a valid Npgsql connection string.")]
    public void A_bad_section_is_refused(string provider, string? dataPath, string? connectionString, string problem)
    {
        var options = new StorageOptions { Provider = provider, DataPath = dataPath ?? StorageOptions.DefaultDataPath, ConnectionString = connectionString };

        var result = new StorageOptionsValidator().Validate(null, options);

        Assert.Equal([problem], result.Failures ?? []);
    }

    [Fact]
    public void Retention_days_out_of_range_and_an_unsafe_schema_name_are_refused()
    {
        var options = new StorageOptions
        {
            Provider = "postgres",
            ConnectionString = "Host=db;Database=bot",
            Schema = "bot; DROP TABLE x",
            Retention = new StorageRetentionOptions { UnansweredQuestionDays = -1, ResolvedReportDays = 40_000 },
        };

        var result = new StorageOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Storage:Retention:UnansweredQuestionDays must be 0 (keep forever) to 36500 (it is -1).",
                "Storage:Retention:ResolvedReportDays must be 0 (keep forever) to 36500 (it is 40000).",
                "Storage:Schema must be a plain PostgreSQL schema name: a letter or '_', then letters, digits or '_', at most 63 characters.",
            ],
            result.Failures ?? []);
    }

    [Fact]
    public void The_defaults_keep_unanswered_questions_90_days_and_resolved_reports_a_year()
    {
        var retention = new StorageOptions().Retention;

        Assert.Equal((90, 365), (retention.UnansweredQuestionDays, retention.ResolvedReportDays));
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new StorageOptionsValidator().Validate(null, new StorageOptions()).Succeeded);
    }

    public void Dispose()
    {
        if (Directory.Exists(_contentRoot))
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(_contentRoot));
        services.AddFeedbackStorage(configuration);
        return services.BuildServiceProvider();
    }

    private sealed class TestEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "Bot.Storage.Tests";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
