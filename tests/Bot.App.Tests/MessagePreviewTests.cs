using Bot.App.Cli;
using Bot.Core.Answers;

namespace Bot.App.Tests;

/// <summary>The html preview shows fact and user text literally: nothing in it can become markup, a script or a link elsewhere.</summary>
public sealed class MessagePreviewTests
{
    [Fact]
    public void Discord_markdown_becomes_bold_italic_and_links_and_escaped_characters_show_literally()
    {
        var html = MessagePreview.DiscordMarkdown("• **3 Nov** — \\*not italic\\* \\<b\\> [1] [El País](https://elpais.com/a?b=1&c=2)\n  ↳ *detail*");

        Assert.Equal("• <strong>3 Nov</strong> — *not italic* &lt;b&gt; [1] <a href=\"https://elpais.com/a?b=1&amp;c=2\">El País</a><br>  ↳ <em>detail</em>", html);
    }

    [Fact]
    public void Slack_mrkdwn_becomes_bold_italic_code_and_links_and_its_entities_show_as_characters()
    {
        var html = MessagePreview.SlackMarkdown("*Fuentes*\n[1] <https://x.example/a?b=1&amp;c=2|La Rep&amp;ública> _ctx_ `/who jeri` &lt;script&gt;");

        Assert.Equal("<strong>Fuentes</strong><br>[1] <a href=\"https://x.example/a?b=1&amp;c=2\">La Rep&amp;ública</a> <em>ctx</em> <code>/who jeri</code> &lt;script&gt;", html);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](data:text/html,hi)")]
    public void A_link_to_anything_but_http_or_https_stays_text(string markdown)
    {
        Assert.DoesNotContain("<a ", MessagePreview.DiscordMarkdown(markdown), StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", MessagePreview.SlackMarkdown("<javascript:alert(1)|x>"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_title_and_footer_are_escaped_in_both_messages()
    {
        var answer = new Answer
        {
            Kind = AnswerKind.NotFound,
            Title = "</title><script>alert(1)</script>",
            Body = "<img src=x onerror=alert(1)> \"quoted\" & more",
            Footer = "<style>body{display:none}</style>",
        };

        var html = MessagePreview.Render(answer);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<style>"));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Only you can see this", html, StringComparison.Ordinal);
        Assert.Contains("Only visible to you", html, StringComparison.Ordinal);
    }
}
