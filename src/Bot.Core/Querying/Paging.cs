using Bot.Core.Answers;

namespace Bot.Core.Querying;

internal static class Paging
{
    public static int PageCount(int items, int pageSize) => Math.Max(1, (items + pageSize - 1) / pageSize);

    /// <summary>The paging of a list, or null when the requested page does not exist.</summary>
    public static AnswerPaging? Of(int items, int pageSize, int page, string command, IReadOnlyDictionary<string, string> options)
    {
        var pages = PageCount(items, pageSize);
        if (page < 1 || page > pages)
        {
            return null;
        }

        return new AnswerPaging(
            page,
            pages,
            items,
            page > 1 ? new PageToken(command, options, page - 1) : null,
            page < pages ? new PageToken(command, options, page + 1) : null);
    }
}
