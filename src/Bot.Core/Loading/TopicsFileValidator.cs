using Bot.Core.Facts;

namespace Bot.Core.Loading;

/// <summary><c>topics.yaml</c>: the topics facts are filed under, with their names and aliases.</summary>
internal static class TopicsFileValidator
{
    public static void Validate(FieldReader read, TopicsFile dto)
    {
        if (dto.Topics is not { Count: > 0 })
        {
            read.Error("topics", "the file needs a 'topics:' list with at least one topic");
            return;
        }

        for (var i = 0; i < dto.Topics.Count; i++)
        {
            var path = $"topics[{i}]";
            if (dto.Topics[i] is { } entry)
            {
                AddTopic(read, path, entry);
            }
            else
            {
                read.EmptyItem(path, "topics");
            }
        }
    }

    private static void AddTopic(FieldReader read, string path, TopicEntry entry)
    {
        var id = read.Slug(path + ".id", entry.Id, FieldReader.MaxNameIdLength);
        var name = read.RequiredText(path + ".name", entry.Name, "name");
        var description = read.RequiredText(path + ".description", entry.Description, "description");
        var aliases = read.TextList(path + ".aliases", entry.Aliases);
        if (id is not null && name is not null && description is not null)
        {
            read.Result.Topics.Add(new(new Topic(id, name, aliases, description, read.Spanish(path + ".name_es", entry.NameEs), read.Spanish(path + ".description_es", entry.DescriptionEs)), path + ".id"));
        }
    }
}
