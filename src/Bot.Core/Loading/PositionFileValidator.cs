using Bot.Core.Facts;

namespace Bot.Core.Loading;

/// <summary><c>positions/&lt;id&gt;.yaml</c>: one disputed question with each side's stated position.</summary>
internal static class PositionFileValidator
{
    public static void Validate(FieldReader read, PositionFile dto)
    {
        var id = read.Slug("id", dto.Id, FieldReader.MaxNameIdLength);
        if (id is not null && id != read.File.Stem)
        {
            read.Error("id", $"id '{id}' must match the file name '{read.File.Stem}.yaml'");
        }

        var topic = read.Slug("topic", dto.Topic, FieldReader.MaxNameIdLength);
        if (topic is not null)
        {
            read.Result.References.Add(new("topic", ReferenceKind.Topic, topic));
        }

        var title = read.RequiredText("title", dto.Title, "title");
        var question = read.OptionalText("question", dto.Question);
        var stances = new List<Stance>();
        if (dto.Stances is not { Count: > 0 })
        {
            read.Error("stances", "a position needs 'stances:' with at least one side's stated position");
        }

        for (var i = 0; i < (dto.Stances?.Count ?? 0); i++)
        {
            var entry = dto.Stances![i];
            var path = $"stances[{i}]";
            if (entry is null)
            {
                read.EmptyItem(path, "stances");
                continue;
            }

            StanceSide? side = entry.Side switch
            {
                "mexico" => StanceSide.Mexico,
                "peru" => StanceSide.Peru,
                "third-party" => StanceSide.ThirdParty,
                _ => null,
            };
            if (side is null)
            {
                read.Error(path + ".side", $"side must be 'mexico', 'peru' or 'third-party', not '{entry.Side}'");
            }

            var party = read.RequiredText(path + ".party", entry.Party, "party");
            string? speaker = null;
            if (entry.Speaker is not null)
            {
                speaker = read.Slug(path + ".speaker", entry.Speaker, FieldReader.MaxNameIdLength);
                if (speaker is not null)
                {
                    read.Result.References.Add(new(path + ".speaker", ReferenceKind.Person, speaker));
                }
            }

            var date = read.Date(path + ".date", entry.Date, required: true);
            var statement = read.RequiredText(path + ".statement", entry.Statement, "statement");
            var quotes = read.References(path + ".quotes", entry.Quotes, ReferenceKind.Quote);
            var sources = read.SourceList(path + ".sources", entry.Sources);
            if (side is not null && party is not null && date is not null && statement is not null)
            {
                stances.Add(new Stance(side.Value, party, speaker, date.Value, statement, quotes, sources, read.Spanish(path + ".party_es", entry.PartyEs), read.Spanish(path + ".statement_es", entry.StatementEs)));
            }
        }

        var reviewed = read.Reviewed(dto.Reviewed);
        var asks = read.Asks("asks", dto.Asks);
        var asksEs = read.Asks("asks_es", dto.AsksEs);
        if (id is null || topic is null || title is null)
        {
            return;
        }

        read.Result.Position = new Position(id, topic, title, question, stances, reviewed, read.File.RelativePath, read.Spanish("title_es", dto.TitleEs), dto.Question is null ? read.OptionalText("question_es", dto.QuestionEs) : read.Spanish("question_es", dto.QuestionEs))
        {
            Asks = asks,
            AsksEs = asksEs,
        };
    }
}
