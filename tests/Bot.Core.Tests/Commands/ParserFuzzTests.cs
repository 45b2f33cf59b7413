using Bot.Core.Answers;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Commands;

/// <summary>A bounded, seeded fuzz run over the text form and the engine: whatever is typed, an answer comes back.</summary>
public sealed class ParserFuzzTests
{
    private static readonly string[] Pieces =
    [
        "/who", "/timeline", "/quote", "/ask", "/positions", "/sources", "/help", "/report", "/facts", "who", "/",
        "from:", "to:", "person:", "topic:", "page:", "keyword:", "about:", "\"", "“", "”", ":", "::", "2025-11-03", "2025-02-30",
        "99999999999999999999", "-1", "betssy", "chávez", "Ｊｅｒí", "\u202E", "\u200B", "\uD800", "\0", "@everyone", "<@1>",
        "<!channel>", " ", "\t", "\n", "ñ", "👍🏽", "page:2", "from:2025", "to:2025-11",
    ];

    [Fact]
    public void Any_typed_text_gets_an_answer_and_never_an_exception()
    {
        var engine = TestFacts.Engine();
        var random = new Random(20221207);
        for (var i = 0; i < 3000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 9)).Select(_ => Pieces[random.Next(Pieces.Length)] + (random.Next(3) == 0 ? "" : " ")));

            var answer = engine.Answer(text);

            Assert.False(string.IsNullOrEmpty(answer.Title), text);
            Assert.All(answer.Citations, c => Assert.Equal("https", c.Url.Scheme));
            if (answer.Paging is { } paging)
            {
                Assert.All(new[] { paging.Previous, paging.Next }.OfType<PageToken>(), t => Assert.True(t.Encode().Length <= PageToken.MaxLength));
            }
        }
    }

    [Fact]
    public void Text_far_beyond_the_limit_is_refused_as_a_usage_error()
    {
        Assert.Equal(AnswerKind.UsageError, TestFacts.Engine().Answer("/ask " + new string('x', 100_000)).Kind);
        Assert.Equal(AnswerKind.UsageError, TestFacts.Engine().Answer(new string('"', 600)).Kind);
    }
}
