# syntax=docker/dockerfile:1
# The community's seed. Build from the repository root:
#   docker build -f docker/lighthouse.Dockerfile -t communitycluster/lighthouse .
#   docker buildx build --platform linux/amd64,linux/arm64 -f docker/lighthouse.Dockerfile .
# Contract (checked by tests/CommunityCluster.Containers.Tests without a Docker engine): every
# variable below is a setting the lighthouse reads, and every setting it reads is below.

ARG DOTNET_VERSION=10.0

# Built once on the builder's platform, as the node: architecture-neutral output.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/CommunityCluster.Commands/CommunityCluster.Commands.csproj src/CommunityCluster.Commands/
COPY src/CommunityCluster.Commands.Protocol/CommunityCluster.Commands.Protocol.csproj src/CommunityCluster.Commands.Protocol/
COPY src/CommunityCluster.Core/CommunityCluster.Core.csproj src/CommunityCluster.Core/
COPY src/CommunityCluster.DurableStore/CommunityCluster.DurableStore.csproj src/CommunityCluster.DurableStore/
COPY src/CommunityCluster.Hosting/CommunityCluster.Hosting.csproj src/CommunityCluster.Hosting/
COPY src/CommunityCluster.Discovery/CommunityCluster.Discovery.csproj src/CommunityCluster.Discovery/
COPY lighthouse/CommunityCluster.Lighthouse.csproj lighthouse/
RUN dotnet restore lighthouse/CommunityCluster.Lighthouse.csproj
COPY src/ src/
COPY lighthouse/ lighthouse/
RUN dotnet publish lighthouse/CommunityCluster.Lighthouse.csproj -c Release --no-restore \
        -p:UseAppHost=false -o /app \
    # Runtime-specific files of linux-x64, linux-arm64 and any Unix only, as in the node's image.
    && find /app/runtimes -mindepth 1 -maxdepth 1 ! -name linux-x64 ! -name linux-arm64 ! -name unix -exec rm -rf {} +

# The ASP.NET image rather than the smaller .NET one: a home that runs both the lighthouse and
# a node then stores the base layers once.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
LABEL org.opencontainers.image.title="CommunityCluster lighthouse" \
      org.opencontainers.image.description="The seed node that the homes of a CommunityCluster community join through"
WORKDIR /app
COPY --from=build /app ./
# No /data volume: the lighthouse keeps nothing on disk (it runs no Distributed Data replica).

# Settings (README, "Lighthouse"): the lighthouse's defaults, except where a container needs another.
# CLUSTER_IP: 0.0.0.0, since a container is reached through its own interfaces, not loopback.
# CLUSTER_HOSTNAME: set it to the name the homes dial (compose: the service name), since
# 0.0.0.0 is not an address anyone can dial; across homes, publish CLUSTER_PORT on the same number.
ENV ACTORSYSTEM=community \
    CLUSTER_IP=0.0.0.0 \
    CLUSTER_HOSTNAME="" \
    CLUSTER_PORT=4053 \
    CLUSTER_SEEDS="" \
    CMD_HOST=127.0.0.1 \
    CMD_PORT=9110 \
    CMD_TOKEN="" \
    TLS_DIR="" \
    TLS_CERT="" \
    TLS_CERT_PASSWORD=""

EXPOSE 4053

# No HEALTHCHECK: the lighthouse serves no HTTP, only its Akka.Remote port. A TCP connect to
# that port would say only that the process listens, which the restart policy already covers:
# the process exits when its actor system stops (exit 3 when downed). The ccm endpoint (loopback
# inside the container by default: `docker exec` to use it) is the place for a truthful check.

# docker stop sends SIGTERM (PID 1, exec form): the lighthouse leaves the cluster and exits 0.
STOPSIGNAL SIGTERM
USER app
ENTRYPOINT ["dotnet", "/app/CommunityCluster.Lighthouse.dll"]
