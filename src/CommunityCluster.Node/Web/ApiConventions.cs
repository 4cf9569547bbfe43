namespace CommunityCluster.Node.Web;

/// <summary>
/// What every route shares: errors as problem details, including those the framework makes itself
/// (unknown route, wrong method, a JSON body that does not bind, an exception), and the OpenAPI
/// document at <c>/openapi/v1.json</c>.
/// </summary>
public static class ApiConventions
{
    public const string OpenApiPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddNodeApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<StorageTimeoutHandler>();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CommunityCluster node";
            document.Info.Description = "The REST API of a community node: photos, albums, thumbnails, the "
                + "community and its storage. Errors are RFC 7807 problem details.";
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Before the endpoints: turns bodiless 4xx/5xx answers and exceptions into problem details.</summary>
    public static WebApplication UseNodeApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi(OpenApiPath).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
