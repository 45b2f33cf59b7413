using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Loading;

/// <summary>vocabulary.yaml: the words /ask reads questions with, edited by moderators and validated like any fact file.</summary>
public sealed class VocabularyFileTests
{
    private static string RealVocabulary => File.ReadAllText(Path.Combine(TestFacts.GoodFolder, FactBaseLoader.VocabularyFileName));

    private static Answer Ask(FactBase facts, string question) =>
        new QueryEngine(new FixedFactStore(facts), freshness: TestFacts.Day)
            .Answer(new BotRequest(CommandCatalog.Ask, new Dictionary<string, string> { ["question"] = question }, "en"));

    private static string FirstFact(Answer answer) => answer.Sections.SelectMany(s => s.Lines).Select(l => l.FactId).FirstOrDefault() ?? "";

    private static IReadOnlyList<string> Errors(FactLoadReport report) => [.. report.Errors.Select(e => e.ToString())];

    /// <summary>The fixture's other files have warnings of their own (texts without their Spanish sibling).</summary>
    private static IEnumerable<FactIssue> VocabularyWarnings(FactLoadReport report) =>
        report.Warnings.Where(w => w.Path.EndsWith(FactBaseLoader.VocabularyFileName, StringComparison.Ordinal));

    /// <summary>A vocabulary of the given synonym groups and phrases, nothing else.</summary>
    private static FactLoadReport LoadWith(string vocabulary)
    {
        using var folder = new TempFactFolder().Write(FactBaseLoader.VocabularyFileName, vocabulary);
        return folder.Load();
    }

    [Theory]
    [InlineData("when was castillo defenestrated", "  - [removed, remove,", "  - [removed, defenestrated, remove,")] // a synonym
    [InlineData("when was castillo given the boot", "\nphrases:\n", "\nphrases:\n  given the boot: removed\n")] // a phrase
    public void A_synonym_or_phrase_added_to_the_vocabulary_makes_a_question_that_missed_find_the_fact(string question, string find, string replace)
    {
        using var folder = new TempFactFolder();
        var before = Ask(folder.Load().Facts!, question);

        folder.Write(FactBaseLoader.VocabularyFileName, RealVocabulary.Replace(find, replace, StringComparison.Ordinal));
        var report = folder.Load();
        var after = Ask(report.Facts!, question);

        Assert.Empty(Errors(report));
        Assert.Equal(AnswerKind.NotFound, before.Kind);
        Assert.Equal(AnswerKind.Found, after.Kind);
        Assert.Equal("2022-12-07-castillo-removed", FirstFact(after));
    }

    [Fact]
    public void A_word_in_two_synonym_groups_is_refused_at_its_place_naming_the_line_of_the_other_group()
    {
        var report = LoadWith("""
            synonyms:
              - [expel, expelled, kicked]
              - [removed, ousted, kicked]
            """);

        Assert.Null(report.Facts);
        var error = Assert.Single(report.Errors);
        Assert.Equal("facts/vocabulary.yaml:3:23: error: 'kicked' is already in the synonym group at line 2: a word belongs to one group; " +
            "if it really means two different things here, list it under 'two_meanings'", error.ToString());
    }

    [Fact]
    public void Another_form_of_a_word_in_a_second_group_is_refused_too_and_the_message_says_why()
    {
        var report = LoadWith("""
            synonyms:
              - [decide, judge]
              - [ruling, judgment]
            """);

        var error = Assert.Single(report.Errors);
        Assert.StartsWith("facts/vocabulary.yaml:3:14: error: 'judgment' is already in the synonym group at line 2 as 'judge' (the bot reads both as 'judg')", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_listed_under_two_meanings_may_sit_in_two_groups_and_finds_both()
    {
        var report = LoadWith("""
            two_meanings: [kicked]
            synonyms:
              - [expel, kicked]
              - [removed, kicked]
            """);

        Assert.Empty(Errors(report));
        var vocabulary = Bot.Core.Asking.AskVocabulary.For(report.Facts!.Vocabulary);
        Assert.Equal(["kick", "expel", "remov"], vocabulary.Expand("kick"));
        Assert.DoesNotContain("remov", vocabulary.Expand("expel"));
    }

    [Fact]
    public void A_word_under_two_meanings_that_is_in_one_group_only_is_a_warning()
    {
        var report = LoadWith("""
            two_meanings: [kicked]
            synonyms:
              - [expel, kicked]
            """);

        Assert.NotNull(report.Facts);
        Assert.Equal("facts/vocabulary.yaml:1:16: warning: 'kicked' is not in two synonym groups: remove it from 'two_meanings'", Assert.Single(VocabularyWarnings(report)).ToString());
    }

    [Fact]
    public void A_phrase_written_in_a_synonym_group_is_refused_and_pointed_to_phrases()
    {
        var report = LoadWith("""
            synonyms:
              - [detained, locked up]
            """);

        Assert.Equal(["facts/vocabulary.yaml:2:16: error: 'locked up' is 2 words to the bot ('locked', 'up'): a synonym group holds single words; put a phrase under 'phrases'"], Errors(report));
    }

    [Fact]
    public void Empty_groups_groups_of_one_word_and_empty_words_are_refused()
    {
        var report = LoadWith("""
            synonyms:
              - []
              - [asylum]
              - [asylum, ~]
            ignored: [the, "  "]
            """);

        Assert.Equal(
        [
            "facts/vocabulary.yaml:2:5: error: empty synonym group: list two or more words that mean the same thing, or remove the line",
            "facts/vocabulary.yaml:3:5: error: a synonym group needs two or more words that mean the same thing",
            "facts/vocabulary.yaml:4:14: error: empty word in a synonym group",
            "facts/vocabulary.yaml:5:16: error: empty word in 'ignored'",
        ], Errors(report));
    }

    [Fact]
    public void A_word_listed_twice_is_refused_even_when_written_with_accents_the_second_time()
    {
        var report = LoadWith("""
            synonyms:
              - [destitucion, removed, destitución]
            quote_words: [said, dijo, said]
            """);

        Assert.Equal(
        [
            "facts/vocabulary.yaml:2:28: error: 'destitución' is listed twice in this group (first at line 2)",
            "facts/vocabulary.yaml:3:27: error: 'said' is listed twice in 'quote_words' (first at line 3)",
        ], Errors(report));
    }

    [Fact]
    public void Phrases_of_one_word_phrases_without_a_meaning_and_phrases_given_twice_are_refused()
    {
        var report = LoadWith("""
            phrases:
              jailed: detained
              locked up:
              Took Over: took
              took over: sworn
            """);

        Assert.Equal(
        [
            "facts/vocabulary.yaml:2:3: error: 'jailed' is one word: a phrase has two or more (put a single word in the synonym group of the word it means)",
            "facts/vocabulary.yaml:3:13: error: 'locked up' has no meaning: write the words the facts use for it",
            "facts/vocabulary.yaml:5:3: error: 'took over' is given twice (first at line 4; the bot reads both as 'took over')",
        ], Errors(report));
    }

    [Fact]
    public void An_unknown_key_in_the_vocabulary_is_refused_at_its_place()
    {
        var report = LoadWith("""
            synonyms:
              - [asylum, asilo]
            synonym:
              - [break, ruptura]
            """);

        var error = Assert.Single(report.Errors);
        Assert.Equal((3, 1), (error.Line, error.Column));
        Assert.Contains("unknown key 'synonym'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_longer_than_their_caps_are_refused_so_no_group_can_slow_every_question()
    {
        var group = string.Join(", ", Enumerable.Range(0, VocabularyFileValidator.MaxGroupWords + 1).Select(i => $"word{i}"));
        var ignored = string.Join(", ", Enumerable.Range(0, VocabularyFileValidator.MaxListWords + 1).Select(i => $"filler{i}"));

        var report = LoadWith($"""
            synonyms:
              - [{group}]
            ignored: [{ignored}]
            """);

        Assert.Equal(
        [
            $"facts/vocabulary.yaml:2:5: error: this synonym group has {VocabularyFileValidator.MaxGroupWords + 1} words: at most {VocabularyFileValidator.MaxGroupWords} (every word of a group is searched for each of them)",
            $"facts/vocabulary.yaml:3:10: error: 'ignored' lists {VocabularyFileValidator.MaxListWords + 1} words: at most {VocabularyFileValidator.MaxListWords}",
        ], Errors(report));
    }

    [Fact]
    public void Words_written_with_accents_and_capitals_are_read_as_questions_are()
    {
        var report = LoadWith("""
            synonyms:
              - [Destitución, Año]
            phrases:
              Estados Unidos: EEUU
            """);

        var vocabulary = report.Facts!.Vocabulary;
        Assert.Equal(["destitucion", "ano"], vocabulary.Synonyms.Single());
        Assert.Equal(["estados", "unidos"], vocabulary.Phrases.Single().Words);
        Assert.Equal(["eeuu"], vocabulary.Phrases.Single().Means);
    }

    [Fact]
    public void A_folder_without_a_vocabulary_still_loads_with_a_warning_and_reads_questions_without_synonyms()
    {
        using var folder = new TempFactFolder().Delete(FactBaseLoader.VocabularyFileName);

        var report = folder.Load();

        Assert.NotNull(report.Facts);
        Assert.Same(Vocabulary.Empty, report.Facts.Vocabulary);
        Assert.Equal($"facts/vocabulary.yaml:1:1: warning: {VocabularyFileValidator.Missing}", Assert.Single(VocabularyWarnings(report)).ToString());
    }

    [Fact]
    public void The_vocabulary_file_is_part_of_the_snapshot_version_so_saving_it_makes_a_new_snapshot()
    {
        using var folder = new TempFactFolder();
        var before = folder.Load().Facts!.Version;

        folder.Write(FactBaseLoader.VocabularyFileName, RealVocabulary.Replace("  - [removed, remove,", "  - [removed, defenestrated, remove,", StringComparison.Ordinal));

        Assert.NotEqual(before, folder.Load().Facts!.Version);
    }
}
