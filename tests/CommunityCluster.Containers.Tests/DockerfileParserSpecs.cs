using CommunityCluster.Containers.Tests.Contract;

namespace CommunityCluster.Containers.Tests;

/// <summary>The Dockerfile reader that the contract checks trust: it must read what Docker reads.</summary>
public sealed class DockerfileParserSpecs
{
    private const string Sample = """
        # syntax=docker/dockerfile:1
        ARG VERSION=10.0
        FROM sdk:${VERSION} AS build
        ENV BUILD_ONLY=1
        RUN make \
            # a comment inside a continuation is dropped, as Docker drops it
            && find /app/runtimes -mindepth 1 ! -name linux-x64 ! -name unix -exec rm -rf {} +
        FROM runtime:${VERSION}
        ENV EMPTY="" \
            PLAIN=0.0.0.0 \
            # comment between pairs
            QUOTED="two words" SINGLE='it''s' ESCAPED=a\ b
        ENV LATER=/data
        HEALTHCHECK --interval=30s CMD ["probe", "--ready"]
        ENTRYPOINT ["dotnet", "/app/X.dll"]
        """;

    [Fact]
    public void Parser_should_read_the_last_stage_environment_with_quotes_continuations_and_comments()
    {
        var dockerfile = Dockerfile.Parse("sample", Sample);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["EMPTY"] = "",
                ["PLAIN"] = "0.0.0.0",
                ["QUOTED"] = "two words",
                ["SINGLE"] = "its",
                ["ESCAPED"] = "a b",
                ["LATER"] = "/data",
            },
            dockerfile.Environment);
        Assert.Equal(["probe", "--ready"], dockerfile.HealthCheck);
        Assert.Equal(["dotnet", "/app/X.dll"], dockerfile.Entrypoint);
        Assert.Equal(["linux-x64", "unix"], dockerfile.KeptRuntimeFolders);
    }

    [Fact]
    public void Parser_should_refuse_the_legacy_env_form_rather_than_guess()
    {
        var dockerfile = Dockerfile.Parse("legacy", "FROM x\nENV CLUSTER_IP 0.0.0.0\n");

        var error = Assert.Throws<FormatException>(() => dockerfile.Environment);

        Assert.Contains("not KEY=value", error.Message, StringComparison.Ordinal);
    }
}
