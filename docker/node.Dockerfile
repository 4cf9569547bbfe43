# syntax=docker/dockerfile:1
# A home's node. Build from the repository root:
#   docker build -f docker/node.Dockerfile -t communitycluster/node .
#   docker buildx build --platform linux/amd64,linux/arm64 -f docker/node.Dockerfile .
# Contract (checked by tests/CommunityCluster.Containers.Tests without a Docker engine): every
# variable below is a setting the node reads, and every setting the node reads is below.

ARG DOTNET_VERSION=10.0

# Build once, on the builder's own platform: the publish output is IL plus the native libraries
# of both Linux architectures, so the same files serve amd64 and arm64 and an arm64 image needs
# no emulation to build.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/CommunityCluster.Commands/CommunityCluster.Commands.csproj src/CommunityCluster.Commands/
COPY src/CommunityCluster.Commands.Protocol/CommunityCluster.Commands.Protocol.csproj src/CommunityCluster.Commands.Protocol/
COPY src/CommunityCluster.Core/CommunityCluster.Core.csproj src/CommunityCluster.Core/
COPY src/CommunityCluster.DurableStore/CommunityCluster.DurableStore.csproj src/CommunityCluster.DurableStore/
COPY src/CommunityCluster.Hosting/CommunityCluster.Hosting.csproj src/CommunityCluster.Hosting/
COPY src/CommunityCluster.Discovery/CommunityCluster.Discovery.csproj src/CommunityCluster.Discovery/
COPY src/CommunityCluster.Metadata/CommunityCluster.Metadata.csproj src/CommunityCluster.Metadata/
COPY src/CommunityCluster.Meta/CommunityCluster.Meta.csproj src/CommunityCluster.Meta/
COPY src/CommunityCluster.Members/CommunityCluster.Members.csproj src/CommunityCluster.Members/
COPY src/CommunityCluster.Photos/CommunityCluster.Photos.csproj src/CommunityCluster.Photos/
COPY src/CommunityCluster.Thumbs.Rendering/CommunityCluster.Thumbs.Rendering.csproj src/CommunityCluster.Thumbs.Rendering/
COPY src/CommunityCluster.Thumbs/CommunityCluster.Thumbs.csproj src/CommunityCluster.Thumbs/
COPY src/CommunityCluster.Node/CommunityCluster.Node.csproj src/CommunityCluster.Node/
RUN dotnet restore src/CommunityCluster.Node/CommunityCluster.Node.csproj
COPY src/ src/
RUN dotnet publish src/CommunityCluster.Node/CommunityCluster.Node.csproj -c Release --no-restore \
        -p:UseAppHost=false -o /app \
    # Keep the runtime-specific files (SQLite, LMDB natives) of the two architectures the image
    # is built for, and the managed ones for any Unix.
    && find /app/runtimes -mindepth 1 -maxdepth 1 ! -name linux-x64 ! -name linux-arm64 ! -name unix -exec rm -rf {} + \
    && mkdir -p /rootfs/data

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
LABEL org.opencontainers.image.title="CommunityCluster node" \
      org.opencontainers.image.description="A home's node of a CommunityCluster community: photo sharing on members' devices"
WORKDIR /app
COPY --from=build /app ./
# /data is made in the build stage and copied as an entry of a folder (so that --chown applies
# to it), and this stage copies no other file. A named
# volume starts with this owner.
COPY --from=build --chown=app:app /rootfs/ /
VOLUME /data

# Thumbnails need Debian's libvips (README, "Thumbnails": its build decodes HEIC). This is the
# one command of this stage, so an arm64 image built on amd64 needs emulation (binfmt/QEMU) for
# it. The package is libvips42t64 on Debian 13 (the .NET 10 images) and libvips42 before.
RUN apt-get update \
    && (apt-get install -y --no-install-recommends libvips42t64 || apt-get install -y --no-install-recommends libvips42) \
    && rm -rf /var/lib/apt/lists/*

# Settings (README, "Settings"): the node's defaults, except where a container needs another.
# CLUSTER_IP: 0.0.0.0, since a container is reached through its own interfaces, not loopback.
# DATA_DIR: /data, the volume, so that chunks and the catalog outlive the container.
# CLUSTER_HOSTNAME: set it to the address peers dial (compose: the service name; across homes:
# the home's public name, with CLUSTER_PORT published on the same number), since 0.0.0.0 is
# not an address anyone can dial.
# HOME_ID: empty means the machine name, which in a container is the container id: set it.
# TLS_DIR: empty means /data/tls; node-to-node TLS is on when node.pfx is there (README,
# "Node-to-node TLS"). Pass TLS_CERT_PASSWORD as a secret, not in a compose file.
ENV CLUSTER_SEEDS="" \
    CLUSTER_IP=0.0.0.0 \
    CLUSTER_HOSTNAME="" \
    CLUSTER_PORT=4054 \
    CLUSTER_ROLES=web,photos,thumbs,meta \
    HOME_ID="" \
    DATA_DIR=/data \
    STORAGE_QUOTA="" \
    HTTP_PORT=8080 \
    CMD_PORT=9110 \
    CMD_HOST=127.0.0.1 \
    CMD_TOKEN="" \
    REPLICATION_FACTOR=3 \
    WRITE_QUORUM=2 \
    MAX_UPLOAD_SIZE=500MB \
    DELETE_GRACE=24h \
    THUMBS_ROUTING=latency-aware \
    THUMBS_MAX_PIXELS=120000000 \
    THUMBS_REPLICATION_FACTOR=2 \
    UPLOAD_EXPIRY=24h \
    PLACEMENT=coverage \
    ABSENCE_GRACE=2h \
    OFF_HOURS="" \
    LEAVE_AT_OFF_HOURS=true \
    REBALANCE_BANDWIDTH=32kB \
    REBALANCE_INTERVAL=10m \
    TIME_SCALE=1 \
    TLS_DIR="" \
    TLS_CERT="" \
    TLS_CERT_PASSWORD=""

# Akka.Remote, gallery and REST API, ccm endpoint.
EXPOSE 4054 8080 9110

# The image has no curl or wget; the node checks itself (src/CommunityCluster.Node/Startup/
# HealthCheckCommand.cs): GET /health/ready on its own HTTP_PORT, exit 0 when 200, else 1.
# Ready means Up in the cluster, so a home that cannot reach its seed shows as unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["dotnet", "/app/CommunityCluster.Node.dll", "healthcheck"]

# docker stop sends SIGTERM to the node (PID 1, exec form below): coordinated shutdown leaves
# the cluster, hands shards over and exits 0, well within docker's 10 s grace period.
STOPSIGNAL SIGTERM
USER app
ENTRYPOINT ["dotnet", "/app/CommunityCluster.Node.dll"]
