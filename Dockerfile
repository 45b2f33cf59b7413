# syntax=docker/dockerfile:1
# The dispute bot: one image that serves Discord and Slack from the bundled fact base.
#   docker build -t dispute-bot .
#   docker run -p 8080:8080 -e Discord__PublicKey=... dispute-bot
# Health: GET /healthz (200 Healthy/Degraded, 503 Unhealthy) — probe it from the orchestrator.

# ---- build: restore as its own cached layer, then publish
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src

# Only the files that affect restore, so editing code or facts does not invalidate this layer
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Bot.Core/Bot.Core.csproj src/Bot.Core/
COPY src/Bot.Http/Bot.Http.csproj src/Bot.Http/
COPY src/Bot.Discord/Bot.Discord.csproj src/Bot.Discord/
COPY src/Bot.Slack/Bot.Slack.csproj src/Bot.Slack/
COPY src/Bot.Storage/Bot.Storage.csproj src/Bot.Storage/
COPY src/Bot.App/Bot.App.csproj src/Bot.App/
RUN dotnet restore src/Bot.App/Bot.App.csproj -a $TARGETARCH

COPY src/ src/
COPY facts/ facts/
RUN dotnet publish src/Bot.App/Bot.App.csproj -a $TARGETARCH --no-restore -c Release -o /app \
    && mkdir -p /data
# (libsodium, for Discord's Ed25519 signatures, is published with the app from the NSec.Cryptography package)

# ---- runtime: the chiseled ASP.NET Core runtime image (no shell, no package manager), non-root by default
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS final
WORKDIR /app
COPY --from=build /app .
# The fact base ships inside the image (published with the app into /app/facts);
# mount a folder at /app/facts (readable by uid 1654) to serve your own.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Facts__Path=/app/facts \
    Storage__DataPath=/app/data \
    DOTNET_RUNNING_IN_CONTAINER=true \
    Logging__Console__FormatterName=json
# Reports and the unanswered-questions log (SQLite) live here: mount a volume to keep them across upgrades.
# The image has no shell to chown with, so the empty folder is copied in owned by the app user.
COPY --from=build --chown=$APP_UID:$APP_UID /data /app/data
VOLUME ["/app/data"]
EXPOSE 8080
# The base image defines the unprivileged "app" user (uid 1654)
USER $APP_UID
# Liveness: the image probes itself with the app's probe verb (the chiseled image has no curl or shell); readiness
# is GET /readyz for orchestrators.
HEALTHCHECK --interval=30s --timeout=6s --start-period=30s --retries=3 CMD ["dotnet", "bot.dll", "probe", "http://127.0.0.1:8080/livez"]
ENTRYPOINT ["dotnet", "bot.dll"]
