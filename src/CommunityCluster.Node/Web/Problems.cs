namespace CommunityCluster.Node.Web;

/// <summary>Errors as RFC 7807 problem details, one shape for every route.</summary>
public static class Problems
{
    public static IResult Of(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);

    public static IResult BadId(string id) =>
        Of(StatusCodes.Status400BadRequest, "malformed photo id",
            $"'{(id.Length > 80 ? id[..80] + "..." : id)}' is not a photo id: photo ids are 64 hex digits");

    public static IResult NotFound(string id) =>
        Of(StatusCodes.Status404NotFound, "no such photo", $"no photo has id {id}");
}
