# syntax=docker/dockerfile:1
# One image for both roles: the Roles setting (silo | gateway | silo,gateway)
# decides what a container runs.
#
# .NET 10 publishes no Debian images (the default 10.0 tags are Ubuntu 24.04
# "noble"), so both stages pin -noble explicitly rather than float with the default.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props AdOrleans.sln ./
COPY src/ src/
# The cache mount keeps NuGet packages between builds without a layer per csproj.
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish src/Silo -c Release -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
# librdkafka comes with the app (librdkafka.redist's runtimes/<rid>/native); on
# x64 Confluent.Kafka loads its centos8 build there, as Ubuntu has no libsasl2.so.3.
# A fixed numeric uid so Kubernetes' runAsNonRoot can verify it without /etc/passwd.
RUN groupadd --gid 10001 adorleans \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin adorleans \
 && mkdir /data && chown 10001:10001 /data
WORKDIR /app
COPY --from=build /app ./
# The root filesystem can be mounted read-only: the app writes only to
# DataDirectory and /tmp (mount both as volumes; with `docker run --read-only`
# add `--tmpfs /tmp -v adorleans-data:/data`).
ENV Urls=http://+:8080 \
    DataDirectory=/data
VOLUME ["/data"]
EXPOSE 8080
USER 10001:10001
ENTRYPOINT ["dotnet", "AdOrleans.Silo.dll"]
