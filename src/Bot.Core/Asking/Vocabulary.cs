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
        "tambien", "todavia", "aun", "sigue", "between", "each", "every", "both", "where", "ll", "re", "ve", "doesn", "don", "didn", "isn",
        "wasn", "aren", "just", "actually", "entre", "segun", "tras", "ahora", "currently", "ahi", "alli",
        "wouldn", "couldn", "shouldn", "hasn", "haven", "hadn", "weren", "up", "down", "off", "out",
        "manage", "managed", "manages", "hold", "holding", "iba", "iban", "van", "estuvo", "estaba", "estuvieron", "demas", "tanto", "tanta", "muy",
        "cuanto", "cuanta", "cuantos", "cuantas", // "how many": the question asks for a number (QuestionAnalysis.WantsQuantity)
    };

    /// <summary>Words that ask about the present state of things ("is she still…", "¿sigue…?", "now").</summary>
    public static readonly HashSet<string> CurrentWords = new(StringComparer.Ordinal)
    {
        "still", "now", "currently", "today", "sigue", "siguen", "todavia", "aun", "ahora", "actualmente", "hoy",
    };

    /// <summary>Words whose presence says what kind of fact the asker wants.</summary>
    public static readonly HashSet<string> QuoteWords = new(StringComparer.Ordinal)
    {
        "say", "said", "says", "quote", "quotes", "words", "stated", "statement", "dijo", "dice", "cita", "frase", "afirmo", "wrote", "dijeron",
    };

    public static readonly HashSet<string> PersonWords = new(StringComparer.Ordinal) { "who", "whos", "quien", "quienes", "whom" };

    /// <summary>Words that only say what kind of fact is wanted; they are not searched for.</summary>
    public static bool IsIntentWord(string word) => QuoteWords.Contains(word) || PersonWords.Contains(word) || PositionWords.Contains(word);

    public static readonly HashSet<string> PositionWords = new(StringComparer.Ordinal)
    {
        "position", "positions", "stance", "stand", "view", "views", "argue", "argues", "argument", "postura", "posicion", "posiciones", "argumenta", "defiende", "side", "sides",
        "opina", "opinan", "opinion", "piensa", "piensan",
        "justify", "justifies", "justified", "justifying", "justification", "grounds", "justifica", "justificar", "justificacion", "justifican", "invoke", "invokes", "invoking", "invoca",
    };

    private static readonly string[][] SynonymGroups =
    [
        ["asylum", "asilo", "asylee", "refuge", "refugio", "asilada", "asilado", "asilar", "asilante", "asylums", "shelter", "sheltering", "sheltered", "refugiada", "refugiarse", "holed"],
        ["grant", "granted", "granting", "otorgar", "otorgo", "otorgado", "otorgada", "conceder", "concedio", "concedido", "dio", "gave"],
        ["seeker", "applicant", "solicitante", "solicitantes", "requester"],
        ["break", "broke", "broken", "breaking", "sever", "severed", "severing", "cut", "cutting", "rupture", "ruptura", "rompe", "rompio", "romper", "rompieron", "rompimiento"],
        ["relations", "relaciones", "ties", "relationship", "vinculos"],
        ["safe", "salvoconducto", "conduct", "passage"],
        ["grata", "png", "non", "persona"],
        ["coup", "golpe", "autogolpe", "dissolve", "dissolution", "disolver", "disolucion", "disolvio", "rebellion", "rebelion", "conspiracy", "conspiracion", "golpista"],
        ["embassy", "embajada", "residence", "residencia", "legation", "sede"],
        ["minister", "ministro", "ministra", "premier", "premiership"],
        ["canciller", "cancilleria", "chancellor", "foreign"],
        ["president", "presidente", "presidenta", "presidency", "presidencia", "head"],
        ["expel", "expelled", "expulsa", "expulso", "expulsaron", "expulsion", "expulsada", "kicked", "thrown", "booted", "deport", "deported", "deportation", "kick", "leave", "left", "salir", "sale", "salio", "abandonar", "ordered", "walk", "exit"],
        ["sentence", "sentenced", "condena", "condenar", "condeno", "condenaron", "condenado", "condenada", "prison", "prision", "convicted", "conviction"],
        ["year", "years", "ano", "anos"],
        ["post", "posted", "tweet", "tweeted", "twitter", "publico", "publicacion", "mensaje"],
        ["arrest", "arrested", "detained", "detenido", "detenida", "detener", "arresto", "arrestar", "detention", "captura", "capturada", "capturar", "warrant", "orden", "pretrial", "preventiva",
            "jail", "jailed", "imprisoned", "locked", "encarcelada", "encarcelado", "carcel", "presa", "preso"],
        ["family", "familia", "wife", "esposa", "spouse", "husband", "esposo", "children", "hijos", "son", "daughter", "hija", "hijo", "kids"],
        ["threaten", "threatened", "threat", "amenaza", "amenazo", "amenazar", "warn", "warned", "warning", "advierte", "advirtio"],
        ["raid", "assault", "asalto", "irrupcion", "enter", "entering", "entrar", "ingresar", "storm", "stormed", "incursion", "irrumpir"],
        ["congress", "congreso", "lawmakers", "legisladores", "parliament", "legislature", "congresistas", "congressional"],
        ["oas", "oea", "organization", "organizacion", "permanent", "council", "consejo"],
        ["ambassador", "embajador", "embajadora", "envoy", "charge", "encargada", "encargado", "affaires", "negocios", "diplomat", "diplomatica"],
        ["withdraw", "withdrew", "withdrawn", "withdrawal", "retira", "retiro", "retirar", "retiraron", "recall", "recalled", "pull", "pulled",
            "downgrade", "downgraded", "downgrading", "rebajar", "rebajo"],
        ["consular", "consulares", "consules", "consul", "consuls", "consulate", "consulado"],
        ["wrong", "equivocada", "equivocado", "mistaken", "erroneous", "error", "inaceptable", "unacceptable"],
        ["unfriendly", "inamistoso", "hostile"],
        ["persecuted", "perseguido", "perseguida", "persecution", "persecucion", "persecuting"],
        ["trade", "comercial", "comercio", "commercial", "economic", "economica"],
        ["law", "laws", "ley", "leyes", "legal", "legally", "international", "internacional", "norms", "normativa"],
        ["lawyer", "abogado", "abogada", "attorney", "defense", "defensa"],
        ["fake", "falsa", "falso", "false", "viral", "impersonation", "impostor", "debunked", "real", "genuine", "authentic", "hoax", "bogus", "verdadero"],
        ["change", "cambiar", "cambio", "amend", "amendment", "revisit", "modify", "modificar", "reform", "reformar",
            "rewrite", "rewriting", "revise", "revising", "revision", "revisar", "update", "actualizar"],
        ["kept", "keep", "maintain", "mantiene", "mantener", "mantuvo", "continue", "remain", "remains", "stays", "stay", "sigue", "permanece"],
        ["declared", "declare", "declaring", "declara", "declaro", "declararon", "declaration", "declaracion"],
        ["democracy", "democracia", "democratic", "democratico"],
        ["decide", "decidir", "qualify", "calificar", "califica", "determine", "judge", "juzgar"],
        ["vote", "voted", "votos", "votacion", "voto", "votaron", "ballot"],
        ["interference", "injerencia", "intervention", "intervencion", "meddling", "sovereignty", "soberania", "interfere", "interfering", "internal", "intervenido", "intervenir", "affairs", "asuntos"],
        ["removed", "remove", "removal", "kicked", "fired", "sacked", "dismissed", "toppled", "deposed", "vacancia", "vacado", "ousted", "oust", "impeached", "impeachment", "destitucion", "destituido", "destituida", "destituyeron", "destituir", "censured", "censura", "censure", "censuraron", "sacaron", "depuesto"],
        ["sworn", "juramento", "juro", "took", "assumed", "asumio", "appointed", "nombrado", "elected", "elegido", "became",
            "replace", "replaced", "replacement", "reemplazo", "reemplazar", "reemplazante", "succeed", "succeeded", "successor", "sucesor"],
        ["release", "released", "liberacion", "liberada", "liberar", "liberaron", "libero", "excarcelacion", "freed"],
        ["alliance", "alianza", "pacific", "pacifico"],
        ["court", "tribunal", "juez", "judicial", "justice"],
        ["ruling", "ruled", "rule", "fallo", "fallar", "verdict", "judgment", "dictamen"],
        ["ban", "banned", "bar", "barred", "disqualify", "disqualified", "disqualification", "inhabilitar", "inhabilitacion", "inhabilitada", "inhabilitado"],
        ["propose", "proposed", "proposal", "push", "pushed", "propone", "propuso", "propuesta", "proponer", "motion", "mocion", "initiative", "iniciativa"],
        ["mom", "mother", "madre", "mama"],
        ["run", "running", "candidate", "candidata", "candidato", "candidacy", "candidatura", "campaign", "campana"],
        ["custody", "custodia", "resguardo", "interests", "intereses"],
        ["respond", "responded", "response", "reply", "replied", "react", "reacted", "reaction", "answer", "answered", "respondio", "respondieron", "responder", "respuesta", "reacciono", "reaccion", "contesto"],
        ["only", "sole", "lonely", "exception", "unico", "unica", "excepcion", "solo"],
        ["country", "pais", "paises", "nation"],
        ["dispute", "conflict", "crisis", "disputa", "conflicto", "standoff", "tension", "tensiones", "feud"],
        ["speech", "discurso", "address", "mensaje"],
        ["mexico", "mexican", "mexicana", "mexicano", "mexicanos"],
        ["peru", "peruvian", "peruana", "peruano", "peruanos", "lima"],
        ["colombia", "colombian", "colombiano"],
        ["ecuador", "ecuadorian", "quito", "ecuatoriano"],
        ["convention", "convencion", "caracas", "treaty", "tratado"],
        ["eeuu", "usa"],
        ["escape", "escaped", "escaping", "flee", "fled", "fleeing", "huir", "huyo", "fuga", "fugarse", "fugar"],
        ["restore", "restored", "restoring", "resume", "resumed", "reestablish", "restablecer", "restablecimiento", "reanudar", "normalize", "normalise", "mend", "repair"],
        ["pardon", "pardoned", "indulto", "indultar", "clemency"],
        ["protest", "protested", "protesta", "protesto", "complain", "complained", "complaint", "queja", "quejo", "quejarse", "angry", "upset", "annoyed", "molesto", "molesta", "offended", "ofendio", "insult", "insulted", "insulto"],
        ["plane", "flight", "flew", "fly", "avion", "vuelo", "aircraft", "jet"],
        ["resign", "resigned", "resignation", "renuncia", "renuncio", "renunciar", "dimision", "dimitio"],
        ["criticize", "criticized", "criticise", "criticised", "criticism", "slam", "slammed", "blast", "blasted", "critica", "critico", "criticar"],
        ["september", "septiembre", "setiembre"],
    ];

    /// <summary>
    /// Phrases people use for something the facts say in one word ("foreign secretary" for foreign minister, "took over"
    /// for was sworn in, "get out of jail" for release), as folded words, and the words they stand for.
    /// </summary>
    private static readonly (string[] Phrase, string[] Means)[] Phrases =
    [
        (["foreign", "secretary"], ["foreign", "minister"]),
        (["secretario", "de", "relaciones", "exteriores"], ["canciller"]),
        (["took", "over"], ["took"]),
        (["take", "over"], ["took"]),
        (["takes", "over"], ["took"]),
        (["taken", "over"], ["took"]),
        (["pulled", "out"], ["withdrew"]),
        (["pull", "out"], ["withdrew"]),
        (["pulls", "out"], ["withdrew"]),
        (["locked", "up"], ["detained"]),
        (["out", "of", "jail"], ["released"]),
        (["out", "of", "prison"], ["released"]),
        (["walks", "out"], ["leave"]),
        (["walk", "out"], ["leave"]),
        (["looks", "after"], ["custody"]),
        (["look", "after"], ["custody"]),
        (["looking", "after"], ["custody"]),
        (["in", "charge", "of"], ["custody"]),
        (["break", "off"], ["break"]),
        (["united", "states"], ["eeuu"]),
        (["estados", "unidos"], ["eeuu"]),
        (["united", "nations"], ["onu"]),
        (["naciones", "unidas"], ["onu"]),
        (["se", "fue"], ["salio"]),
        (["se", "fueron"], ["salio"]),
        (["broke", "off"], ["break"]),
    ];

    // The phrases by their first word, in their order: every word of every fact text is looked up while an index is built.
    private static readonly Dictionary<string, (string[] Phrase, string[] Means)[]> PhrasesByFirstWord =
        Phrases.GroupBy(p => p.Phrase[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>The folded words of a question with the <see cref="Phrases"/> it uses replaced by what they mean.</summary>
    public static string[] Rewrite(string[] tokens)
    {
        List<string>? rewritten = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!PhrasesByFirstWord.TryGetValue(tokens[i], out var candidates))
            {
                rewritten?.Add(tokens[i]);
                continue;
            }

            var replaced = false;
            foreach (var (phrase, means) in candidates)
            {
                if (i + phrase.Length <= tokens.Length && tokens.AsSpan(i, phrase.Length).SequenceEqual(phrase))
                {
                    rewritten ??= [.. tokens.Take(i)];
                    rewritten.AddRange(means);
                    i += phrase.Length - 1;
                    replaced = true;
                    break;
                }
            }

            if (!replaced)
            {
                rewritten?.Add(tokens[i]);
            }
        }

        return rewritten is null ? tokens : [.. rewritten];
    }

    /// <summary>Every word the vocabulary names (stop words, intent words, synonyms, phrases), for spelling correction.</summary>
    public static IEnumerable<string> Words =>
        StopWords.Concat(CurrentWords).Concat(QuoteWords).Concat(PersonWords).Concat(PositionWords)
            .Concat(SynonymGroups.SelectMany(g => g)).Concat(Phrases.SelectMany(p => p.Phrase.Concat(p.Means)));

    private static readonly Dictionary<string, string[]> Groups = Build();

    /// <summary>The stem and the stems of the words that mean the same here (a stem in two groups gets both).</summary>
    public static IReadOnlyList<string> Expand(string stem) => Groups.TryGetValue(stem, out var group) ? group : [stem];

    /// <summary>The stem of a folded question or fact word.</summary>
    public static string StemOf(string word) => Stemmer.Stem(word);

    private static Dictionary<string, string[]> Build()
    {
        var sets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var group in SynonymGroups)
        {
            var stems = group.Select(w => Stemmer.Stem(TextFolding.Fold(w))).ToHashSet(StringComparer.Ordinal);
            foreach (var stem in stems)
            {
                if (!sets.TryGetValue(stem, out var set))
                {
                    sets[stem] = set = new HashSet<string>(StringComparer.Ordinal) { stem };
                }

                set.UnionWith(stems);
            }
        }

        // The stem itself first, so the word as asked leads its synonyms.
        return sets.ToDictionary(p => p.Key, p => new[] { p.Key }.Concat(p.Value.Where(s => s != p.Key).Order(StringComparer.Ordinal)).ToArray(), StringComparer.Ordinal);
    }
}
