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

        var buffer = text.Length <= 256 ? stackalloc char[512] : new char[text.Length * 2];
        return new string(buffer[..FoldInto(text, buffer)]);
    }

    /// <summary>
    /// Folds <paramref name="text"/> into <paramref name="destination"/>, which must hold twice its length (ß folds to
    /// "ss"), and returns the folded length.
    /// </summary>
    public static int FoldInto(ReadOnlySpan<char> text, Span<char> destination)
    {
        var length = 0;
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
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                destination[length++] = ' ';
                pendingSpace = false;
            }

            destination[length++] = folded;
            if (c == 'ß')
            {
                destination[length++] = 's';
            }
        }

        return length;
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
