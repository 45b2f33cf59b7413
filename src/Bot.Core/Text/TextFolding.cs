using System.Text;

namespace Bot.Core.Text;

/// <summary>
/// Folds text for matching: lowercase, accents removed (á → a, ñ → n, ß → ss), punctuation and hyphens turned into
/// single spaces. Works without ICU, so it behaves the same under invariant globalization.
/// </summary>
public static class TextFolding
{
    // Latin-1 Supplement and Latin Extended-A letters → ASCII, indexed from U+00C0.
    private const string LatinFold =
        "aaaaaaaceeeeiiii" + // C0–CF
        "dnooooo ouuuuyts" + // D0–DF (D7 × → space, DE þ → t, DF ß handled specially)
        "aaaaaaaceeeeiiii" + // E0–EF
        "dnooooo ouuuuyty" + // F0–FF (F7 ÷ → space)
        "aaaaaaccccccccdd" + // 100–10F
        "ddeeeeeeeeeegggg" + // 110–11F
        "gggghhhhiiiiiiii" + // 120–12F
        "iijjjjkkklllllll" + // 130–13F
        "lllnnnnnnnnnoooo" + // 140–14F
        "oooorrrrrrssssss" + // 150–15F
        "ssttttttuuuuuuuu" + // 160–16F
        "uuuuwwyyyzzzzzzs";  // 170–17F

    /// <summary>The folded form, e.g. "José  Jerí-Oré!" → "jose jeri ore".</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            var folded = FoldChar(c);
            if (folded == '\0')
            {
                continue; // combining marks and format characters vanish
            }

            if (folded == ' ')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(folded);
            if (c == 'ß')
            {
                builder.Append('s');
            }
        }

        return builder.ToString();
    }

    /// <summary>Words of the folded text.</summary>
    public static string[] Tokens(string? text) => Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static char FoldChar(char c)
    {
        if (c < 0x80)
        {
            return char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ';
        }

        if (c is >= '\u00C0' and <= '\u017F')
        {
            return LatinFold[c - 0xC0];
        }

        // Combining diacritics (from decomposed input), zero-width and bidi marks are dropped entirely.
        if (c is >= '\u0300' and <= '\u036F' or '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\uFEFF'
            || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069')
        {
            return '\0';
        }

        return char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ';
    }
}
