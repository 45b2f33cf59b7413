using Bot.Core.Text;

namespace Bot.Core.Asking;

/// <summary>
/// The dispute's vocabulary in English and Spanish: words that carry no meaning in a question, and groups of words
/// that mean the same thing here (asylum/asilo, break/sever/ruptura, safe-conduct/salvoconducto…). All folded.
/// </summary>
internal static class Vocabulary
{
    public static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "what", "whats", "who", "whom", "whose", "is", "are", "was", "were", "be", "been", "being", "did", "do", "does",
        "of", "in", "on", "at", "to", "for", "with", "about", "and", "or", "why", "when", "how", "which", "that", "this", "these", "those",
        "it", "its", "has", "have", "had", "by", "from", "as", "tell", "me", "us", "there", "their", "they", "them", "he", "she", "his", "her",
        "him", "any", "can", "could", "would", "will", "after", "before", "during", "into", "than", "then", "so", "if", "all", "happened",
        "happen", "s", "get", "got", "now", "mean", "means", "doing", "please", "know", "give", "whos", "going", "go", "went", "still",
        "really", "finally", "first", "think", "thinks", "done", "does", "do", "did", "anything", "something", "why", "tell", "about",
        "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "que", "quien", "quienes", "por", "para", "con", "en", "y", "o",
        "es", "fue", "son", "era", "como", "cuando", "donde", "se", "su", "sus", "al", "lo", "le", "les", "sobre", "porque", "cual", "cuales",
        "ha", "han", "hay", "esta", "este", "estos", "estas", "eso", "esto", "paso", "pasa", "qué", "dice", "decir", "me", "mi", "nos", "ya",
        "hizo", "hace", "hacer", "hicieron", "quiere", "quieren", "tiene", "tienen", "puede", "pueden", "ocurrio", "sucedio", "ocurre", "sigue",
        "happens", "bring", "brought", "many", "much", "say", "says", "did", "make", "made", "put", "according", "under", "too", "also",
        "tambien", "todavia", "aun", "sigue",
    };

    /// <summary>Words whose presence says what kind of fact the asker wants.</summary>
    public static readonly HashSet<string> QuoteWords = new(StringComparer.Ordinal)
    {
        "say", "said", "says", "quote", "quotes", "words", "declare", "declared", "stated", "statement", "dijo", "dice", "declaro", "cita", "frase", "afirmo", "tweet", "wrote",
    };

    public static readonly HashSet<string> PersonWords = new(StringComparer.Ordinal) { "who", "whos", "quien", "quienes", "whom" };

    /// <summary>Words that only say what kind of fact is wanted; they are not searched for.</summary>
    public static bool IsIntentWord(string word) => QuoteWords.Contains(word) || PersonWords.Contains(word) || PositionWords.Contains(word);

    public static readonly HashSet<string> PositionWords = new(StringComparer.Ordinal)
    {
        "position", "positions", "stance", "stand", "view", "argue", "argues", "argument", "postura", "posicion", "posiciones", "argumenta", "defiende", "side", "sides",
    };

    private static readonly string[][] SynonymGroups =
    [
        ["asylum", "asilo", "asylee", "refuge", "refugio", "asilada", "asilado"],
        ["break", "broke", "broken", "breaks", "sever", "severed", "severs", "cut", "cuts", "rupture", "ruptura", "rompe", "rompio", "romper", "rompimiento"],
        ["relations", "relaciones", "ties", "relationship", "vinculos"],
        ["safe", "salvoconducto", "conduct", "passage"],
        ["grata", "png", "non", "persona"],
        ["coup", "golpe", "autogolpe", "dissolve", "dissolution", "disolver", "disolucion", "rebellion", "rebelion", "conspiracy", "conspiracion"],
        ["embassy", "embajada", "residence", "residencia", "legation"],
        ["minister", "ministro", "ministra", "premier", "premiership"],
        ["canciller", "cancilleria", "chancellor", "foreign"],
        ["president", "presidente", "presidenta", "presidency", "presidencia", "head"],
        ["expel", "expelled", "expulsa", "expulsion", "expulsada", "leave", "leaves", "left", "salir", "sale", "abandonar", "ordered", "walk", "walks", "exit"],
        ["sentence", "sentenced", "condena", "condenado", "condenados", "condenada", "prison", "prision", "years", "anos", "convicted"],
        ["arrest", "arrested", "detained", "detenido", "detenida", "arresto", "detention", "captura", "warrant", "orden", "pretrial", "preventiva"],
        ["family", "familia", "wife", "esposa", "children", "hijos", "son", "daughter", "hija", "hijo"],
        ["threaten", "threatened", "threat", "threatens", "amenaza", "amenazo", "amenazar", "warn", "warned", "warns", "advierte", "advirtio"],
        ["raid", "assault", "asalto", "irrupcion", "enter", "entering", "entrar", "ingresar", "storm", "stormed", "incursion"],
        ["congress", "congreso", "lawmakers", "legisladores", "parliament", "legislature", "congresistas"],
        ["oas", "oea", "organization", "organizacion", "permanent", "council", "consejo"],
        ["ambassador", "embajador", "embajadora", "envoy", "charge", "chargee", "encargada", "encargado", "affaires", "negocios", "diplomat", "diplomatica"],
        ["withdraw", "withdrew", "withdrawn", "retira", "retiro", "retirar", "recall", "recalled", "pull", "pulled"],
        ["consular", "consulares", "consules", "consul", "consuls", "consulate", "consulado"],
        ["wrong", "equivocada", "equivocado", "mistaken", "erroneous", "error", "inaceptable", "unacceptable"],
        ["unfriendly", "inamistoso", "hostile"],
        ["persecuted", "perseguido", "perseguida", "persecution", "persecucion", "persecuting"],
        ["trade", "comercial", "comercio", "commercial", "economic", "economica"],
        ["law", "laws", "ley", "leyes", "legal", "international", "internacional", "norms", "normativa"],
        ["lawyer", "abogado", "abogada", "attorney", "defense", "defensa"],
        ["fake", "falsa", "falso", "false", "viral", "impersonation", "impostor", "debunked"],
        ["change", "cambiar", "cambio", "amend", "amendment", "revisit", "modify", "modificar", "reform", "reformar"],
        ["kept", "keep", "keeps", "maintain", "maintains", "mantiene", "mantener", "mantuvo", "continue", "continues", "sigue"],
        ["declared", "declare", "declares", "declara", "declaro", "declararon", "declaration", "declaracion"],
        ["democracy", "democracia", "democratic", "democratico"],
        ["decide", "decides", "decidir", "qualify", "calificar", "califica", "determine"],
        ["vote", "votes", "voted", "votos", "votacion", "voto"],
        ["interference", "injerencia", "intervention", "intervencion", "meddling", "sovereignty", "soberania", "interfere", "internal"],
        ["removed", "removal", "vacancia", "vacado", "ousted", "oust", "impeached", "impeachment", "destitucion", "destituido", "censured", "censura", "censure"],
        ["sworn", "juramento", "juro", "took", "assumed", "asumio", "appointed", "nombrado", "named", "elected", "elegido"],
        ["release", "released", "liberacion", "liberada", "excarcelacion", "freed"],
        ["alliance", "alianza", "pacific", "pacifico"],
        ["court", "courts", "tribunal", "judge", "juez", "judicial", "justice"],
        ["mexico", "mexican", "mexicana", "mexicano", "mexicanos"],
        ["peru", "peruvian", "peruana", "peruano", "peruanos", "lima"],
        ["colombia", "colombian", "colombiano"],
        ["ecuador", "ecuadorian", "quito", "ecuatoriano"],
        ["convention", "convencion", "caracas", "treaty", "tratado"],
    ];

    private static readonly Dictionary<string, string[]> Groups = Build();

    /// <summary>The word and the words that mean the same here.</summary>
    public static IReadOnlyList<string> Expand(string word) => Groups.TryGetValue(word, out var group) ? group : [word];

    private static Dictionary<string, string[]> Build()
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var group in SynonymGroups)
        {
            var folded = group.Select(TextFolding.Fold).Distinct(StringComparer.Ordinal).ToArray();
            foreach (var word in folded)
            {
                map[word] = folded;
            }
        }

        return map;
    }
}
